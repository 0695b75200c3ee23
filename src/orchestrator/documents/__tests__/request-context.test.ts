import { describe, expect, it } from 'vitest';
import type { DocumentAnalysis } from '../../../core/documents';
import type { DocumentTextRow, StoredDocument } from '../../../db';
import { createDocumentsService } from '../../../../workers/documents/documents-service';
import { nodeLibraries } from '../../../../workers/documents/__tests__/node-libraries';
import type { PendingDocument } from '../attach';
import { requestWithDocuments, type ContextDeps } from '../request-context';

const service = createDocumentsService(nodeLibraries);

async function pending(name: string, text: string, analysis: Partial<DocumentAnalysis> = {}) {
  const extracted = await service.extract(
    { file: new Blob([text]), name, maxChars: 200_000 },
    () => undefined,
  );
  const doc: PendingDocument = {
    id: `id-${name}`,
    extracted,
    analysis: {
      chars: text.length,
      counts: {},
      categories: [],
      columns: [],
      knownValues: [],
      modelStage: 'ok',
      ms: 1,
      ...analysis,
    },
  };
  return doc;
}

/** The database as the functions the context reads, holding these documents. */
function storedDeps(
  docs: PendingDocument[],
  conversationId = 'c1',
): ContextDeps & { loaded: string[][] } {
  const loaded: string[][] = [];
  const rows: StoredDocument[] = docs.map((d, i) => ({
    id: d.id,
    conversationId,
    messageId: 'm',
    name: d.extracted.name,
    kind: d.extracted.kind,
    bytes: d.extracted.bytes,
    chars: d.extracted.text.length,
    pages: d.extracted.pages,
    chunkCount: d.extracted.chunks.length,
    storedBytes: 0,
    createdAt: i,
    counts: {},
    categories: d.analysis.categories,
    personalColumns: 0,
    modelStage: 'ok',
  }));
  const texts: DocumentTextRow[] = docs.map((d) => ({
    id: d.id,
    conversationId,
    text: d.extracted.text,
    pageStarts: d.extracted.pageStarts,
    chunks: d.extracted.chunks,
    knownValues: d.analysis.knownValues.map((v) => ({ value: v.value, type: v.type ?? 'PERSON' })),
  }));
  return {
    loaded,
    listDocuments: async (id) => rows.filter((r) => r.conversationId === id),
    loadTexts: async (ids) => texts.filter((t) => ids.includes(t.id)),
    loadIndexes: async (ids) => {
      loaded.push([...ids]);
      return docs
        .filter((d) => ids.includes(d.id))
        .map((d) => ({ id: d.id, conversationId, index: d.extracted.index }));
    },
    retrieve: (q, indexes, limit) => service.retrieve(q, indexes, limit),
  };
}

const filler = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `Paragraph ${i} covers ${topic} in the usual detail for the quarter.`,
  ).join('\n\n');

describe('the documents of a request', () => {
  it('is the message alone in a conversation without documents', async () => {
    const deps = storedDeps([]);
    expect(await requestWithDocuments('c1', 'Hello', [], deps)).toEqual({
      text: 'Hello',
      sources: [],
      flagged: [],
    });
  });

  it('adds earlier documents by retrieval and the new short one whole; only values that are sent', async () => {
    const long = await pending(
      'manual.txt',
      `${filler('maintenance', 200)}\n\nThe gearbox warranty runs seven years; ask Maren Vandersloot.\n\n${filler('audits', 100)}`,
      {
        knownValues: [
          { value: 'Maren Vandersloot', type: 'PERSON' },
          { value: 'Tobias Kirchhoff', type: 'PERSON' },
        ],
        categories: [{ category: 'internal', terms: ['confidential'] }],
      },
    );
    const notes = await pending('notes.txt', 'Short notes: call Bo Ek.', {
      knownValues: [{ value: 'Bo Ek', type: 'PERSON' }],
    });
    const deps = storedDeps([long]);
    const r = await requestWithDocuments('c1', 'How long is the gearbox warranty?', [notes], deps);
    expect(r.text.startsWith('How long is the gearbox warranty?\n\n---\n\n')).toBe(true);
    expect(r.text).toContain('[document 2, text, whole document]\nShort notes: call Bo Ek.');
    expect(r.text).toMatch(
      /\[document 1, text, part \d+\]\n[^[]*gearbox warranty runs seven years/,
    );
    expect(r.text.length).toBeLessThan(14_000);
    expect(r.sources.map((s) => [s.name, s.whole])).toEqual([
      ['manual.txt', false],
      ['notes.txt', true],
    ]);
    // the stored document's index was read; the new one's is in memory
    expect(deps.loaded).toEqual([['id-manual.txt']]);
    // values the request carries, not the ones that stay behind
    expect(r.documents?.knownValues).toEqual([
      { value: 'Maren Vandersloot', type: 'PERSON' },
      { value: 'Bo Ek', type: 'PERSON' },
    ]);
    expect(r.documents?.categories).toEqual([{ category: 'internal', terms: ['confidential'] }]);
    expect(r.flagged.map((f) => f.name)).toEqual(['manual.txt']);
  });
});

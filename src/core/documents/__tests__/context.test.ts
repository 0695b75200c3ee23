import { describe, expect, it } from 'vitest';
import {
  CONTEXT_INTRO,
  buildDocumentContext,
  valuesIn,
  wholeDocuments,
  withDocuments,
  type ContextDocument,
} from '../context';
import { chunkDocument } from '../chunk';
import { TextBuilder } from '../text-builder';

function doc(
  id: string,
  name: string,
  pages: string[][],
  kind: ContextDocument['kind'] = 'pdf',
): ContextDocument {
  const b = new TextBuilder();
  for (const p of pages) {
    b.page();
    for (const block of p) b.block(block);
  }
  const t = b.finish(kind === 'pdf');
  return {
    id,
    name,
    kind,
    pages: kind === 'pdf' ? pages.length : 0,
    text: t.text,
    pageStarts: t.pageStarts,
    chunks: chunkDocument(t, { target: 300, max: 450 }),
  };
}

const filler = (n: number) => 'The committee reviewed the figures again. '.repeat(n);
const short = doc('s', 'Maren-notes.txt', [['Call Maren about the audit.']], 'text');
const long = doc(
  'l',
  'Vandersloot-report.pdf',
  Array.from({ length: 10 }, (_, p) => [
    filler(8),
    p === 6 ? 'The gearbox warranty runs seven years.' : filler(2),
  ]),
);

describe('the documents that go with a request', () => {
  it('sends short documents whole and long ones as the passages retrieval picked, cited by page', () => {
    const hit = long.chunks.findIndex((c) => long.text.slice(c.start, c.end).includes('gearbox'));
    const ctx = buildDocumentContext([short, long], [{ documentId: 'l', chunk: hit, score: 9 }], {
      budget: 2000,
      shortChars: 500,
    });
    expect(ctx.block.startsWith(CONTEXT_INTRO)).toBe(true);
    expect(ctx.block).toContain('[document 1, text, whole document]\nCall Maren about the audit.');
    expect(ctx.block).toContain('[document 2, pdf, 10 pages, page 7]\n');
    expect(ctx.block).toContain('gearbox warranty');
    expect(ctx.sources).toEqual([
      {
        documentId: 's',
        name: 'Maren-notes.txt',
        label: 'document 1',
        whole: true,
        pages: [],
        parts: [],
      },
      {
        documentId: 'l',
        name: 'Vandersloot-report.pdf',
        label: 'document 2',
        whole: false,
        pages: [7],
        parts: [],
      },
    ]);
    // file names can hold a person's name: they never go into the text that may leave
    expect(ctx.block).not.toContain('Maren-notes');
    expect(ctx.block).not.toContain('Vandersloot');
    expect(withDocuments('What is the warranty?', ctx)).toBe(
      `What is the warranty?\n\n---\n\n${ctx.block}`,
    );
  });

  it('keeps to the budget, best passages first', () => {
    const hits = long.chunks.map((_, i) => ({ documentId: 'l', chunk: i, score: i }));
    const ctx = buildDocumentContext([long], hits, { budget: 1000, shortChars: 100 });
    expect(ctx.chars).toBeLessThanOrEqual(1000);
    const last = long.chunks.length - 1;
    expect(ctx.sources[0]?.pages).toContain(long.chunks[last]?.page);
  });

  it('falls back to the beginning of the newest document when retrieval found nothing', () => {
    const ctx = buildDocumentContext([long], [], { budget: 2000, shortChars: 100 });
    expect(ctx.sources[0]).toMatchObject({ whole: false, pages: [1] });
  });

  it('chooses the newest short documents that fit', () => {
    const a = { id: 'a', text: 'x'.repeat(400) };
    const b = { id: 'b', text: 'y'.repeat(400) };
    expect(wholeDocuments([a, b], { budget: 500, shortChars: 1000 })).toEqual(new Set(['b']));
  });

  it('numbers passages of documents without pages as parts', () => {
    const notes = doc(
      'n',
      'n.txt',
      [[filler(6), filler(6), 'The fire drill is on Tuesday.', filler(6)]],
      'text',
    );
    const i = notes.chunks.findIndex((c) =>
      notes.text.slice(c.start, c.end).includes('fire drill'),
    );
    const ctx = buildDocumentContext([notes], [{ documentId: 'n', chunk: i, score: 1 }], {
      budget: 1000,
      shortChars: 10,
    });
    expect(ctx.block).toContain(`[document 1, text, part ${i + 1}]`);
    expect(ctx.sources[0]).toMatchObject({ pages: [], parts: [i + 1] });
  });

  it('keeps only the known values that occur in the text', () => {
    const values = [
      { value: 'Maren Vandersloot', type: 'PERSON' as const },
      { value: 'maren@example.org', type: 'EMAIL' as const },
      { value: 'Tobias Kirchhoff', type: 'PERSON' as const },
    ];
    expect(valuesIn('Write to MAREN VANDERSLOOT at maren@example.org.', values)).toEqual(
      values.slice(0, 2),
    );
  });
});

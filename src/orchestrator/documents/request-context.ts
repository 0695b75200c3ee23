/**
 * The documents of a conversation as they accompany one request: the new ones (in memory, not
 * yet stored) and the ones attached earlier (from the database). Short documents go whole; for
 * the others the documents worker's BM25 indexes pick the passages relevant to the question.
 * Also what the analysis must know beyond the text: the documents' values to redact wherever
 * they appear, and their regulated categories (a document's health details keep every request
 * of its conversation on this device, as typed text does).
 */
import type { CategoryHit } from '../../core/analysis';
import {
  DOCUMENT_LIMITS,
  buildDocumentContext,
  valuesIn,
  wholeDocuments,
  withDocuments,
  type ContextDocument,
  type DocumentSource,
} from '../../core/documents';
import { ENTITY_TYPES, type DenyListEntry, type EntityType } from '../../core/pii';
import {
  listConversationDocuments,
  loadDocumentIndexes,
  loadDocumentTexts,
  type StoredDocument,
} from '../../db';
import type { RequestDocuments } from '../ports';
import type { PendingDocument } from './attach';
import { retrieveInWorker } from './documents-client';

export interface RequestWithDocuments {
  /** The user's message followed by the document context (or the message alone). */
  text: string;
  /** Undefined when the conversation has no documents. */
  documents?: RequestDocuments;
  sources: DocumentSource[];
  /** Which documents hold regulated or internal content, by name. */
  flagged: Array<{ name: string; categories: CategoryHit[] }>;
}

/** Passages retrieval returns at most (more than fit the budget, so the best that fit are kept). */
const RETRIEVAL_LIMIT = 24;

const isEntityType = (t: string | undefined): t is EntityType =>
  t !== undefined && (ENTITY_TYPES as readonly string[]).includes(t);

function mergeCategories(lists: readonly (readonly CategoryHit[])[]): CategoryHit[] {
  const out = new Map<string, CategoryHit>();
  for (const list of lists)
    for (const h of list) {
      const cur = out.get(h.category);
      if (cur) cur.terms = [...new Set([...cur.terms, ...h.terms])].slice(0, 3);
      else out.set(h.category, { category: h.category, terms: [...h.terms] });
    }
  return [...out.values()];
}

/** The database's loose row shapes as the analysis' types. */
function categoriesOf(d: StoredDocument): CategoryHit[] {
  return d.categories.map((c) => ({
    category: c.category as CategoryHit['category'],
    terms: c.terms,
  }));
}

export interface ContextDeps {
  listDocuments: typeof listConversationDocuments;
  loadTexts: typeof loadDocumentTexts;
  loadIndexes: typeof loadDocumentIndexes;
  retrieve: typeof retrieveInWorker;
}

const DEPS: ContextDeps = {
  listDocuments: listConversationDocuments,
  loadTexts: loadDocumentTexts,
  loadIndexes: loadDocumentIndexes,
  retrieve: retrieveInWorker,
};

export async function requestWithDocuments(
  conversationId: string | undefined,
  question: string,
  pending: readonly PendingDocument[],
  deps: ContextDeps = DEPS,
): Promise<RequestWithDocuments> {
  const stored = conversationId ? await deps.listDocuments(conversationId) : [];
  if (!stored.length && !pending.length) return { text: question, sources: [], flagged: [] };
  const texts = new Map((await deps.loadTexts(stored.map((d) => d.id))).map((t) => [t.id, t]));
  const docs: ContextDocument[] = [];
  const known: DenyListEntry[] = [];
  const flagged: RequestWithDocuments['flagged'] = [];
  for (const d of stored) {
    const t = texts.get(d.id);
    if (!t) continue;
    docs.push({
      id: d.id,
      name: d.name,
      kind: d.kind,
      pages: d.pages,
      text: t.text,
      pageStarts: t.pageStarts,
      chunks: t.chunks,
    });
    for (const v of t.knownValues)
      if (isEntityType(v.type)) known.push({ value: v.value, type: v.type });
    if (d.categories.length) flagged.push({ name: d.name, categories: categoriesOf(d) });
  }
  for (const p of pending) {
    const x = p.extracted;
    docs.push({
      id: p.id,
      name: x.name,
      kind: x.kind,
      pages: x.pages,
      text: x.text,
      pageStarts: x.pageStarts,
      chunks: x.chunks,
    });
    known.push(...p.analysis.knownValues);
    if (p.analysis.categories.length)
      flagged.push({ name: x.name, categories: p.analysis.categories });
  }
  const whole = wholeDocuments(docs);
  const needIndex = docs.filter((d) => !whole.has(d.id)).map((d) => d.id);
  const pendingIndex = new Map(pending.map((p) => [p.id, p.extracted.index]));
  const storedIndexes = await deps.loadIndexes(needIndex.filter((id) => !pendingIndex.has(id)));
  const indexes = [
    ...storedIndexes.map((r) => ({ documentId: r.id, index: r.index })),
    ...needIndex.flatMap((id) => {
      const index = pendingIndex.get(id);
      return index === undefined ? [] : [{ documentId: id, index }];
    }),
  ];
  const hits = await deps.retrieve(question, indexes, RETRIEVAL_LIMIT);
  const context = buildDocumentContext(docs, hits, { budget: DOCUMENT_LIMITS.contextChars });
  const text = withDocuments(question, context);
  return {
    text,
    documents: {
      knownValues: valuesIn(text, known),
      categories: mergeCategories(flagged.map((f) => f.categories)),
    },
    sources: context.sources,
    flagged,
  };
}

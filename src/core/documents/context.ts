/**
 * What of the conversation's documents accompanies one request, as text for the models and as
 * sources for the user. Short documents go whole while they fit the budget, newest first; the
 * rest is represented by the passages retrieval picked for the question (best first, as many as
 * fit). Documents are named "document 1", "document 2" in the text that may leave the device:
 * file names often carry a person's name and are never sent. Pure.
 */
import { chunkText } from './chunk';
import { DOCUMENT_LIMITS } from './limits';
import type { Chunk, DocumentKind } from './types';

export interface ContextDocument {
  id: string;
  name: string;
  kind: DocumentKind;
  /** Pages (PDF), 0 for formats without pages. */
  pages: number;
  text: string;
  pageStarts: number[];
  chunks: Chunk[];
}

/** A passage retrieval found for the question. */
export interface RetrievalHit {
  documentId: string;
  /** Index into the document's chunks. */
  chunk: number;
  score: number;
}

/** Where an answer's document text came from, shown under the answer ("From report.pdf, page 3"). */
export interface DocumentSource {
  documentId: string;
  name: string;
  /** "document 1": how the models know it. */
  label: string;
  /** The whole document was sent (else only passages). */
  whole: boolean;
  /** Pages the passages are on (PDF), sorted. */
  pages: number[];
  /** 1-based passage numbers for documents without pages, sorted. */
  parts: number[];
}

export interface DocumentContext {
  /** Appended to the user's message; empty when there are no documents. */
  block: string;
  sources: DocumentSource[];
  /** Characters of document text included. */
  chars: number;
}

export interface ContextOptions {
  /** Characters of document text at most (labels not counted). */
  budget?: number;
  /** Documents up to this many characters may go whole. */
  shortChars?: number;
  /** Passages to take from the start of a document when retrieval found nothing in it. */
  fallbackPassages?: number;
}

export const CONTEXT_INTRO =
  'The user attached the documents below; their text was extracted on the user’s device. When you use a passage, cite it like this: (document 1, page 3), or (document 1, part 2) for documents without pages.';

/**
 * Labels are lower case on purpose: they are analysed with the rest of the request, and a
 * capitalised "Document 3 (PDF…" reads to a name detector like an organisation.
 */
const LABEL_KINDS: Record<DocumentKind, string> = {
  text: 'text',
  markdown: 'markdown',
  csv: 'csv table',
  pdf: 'pdf',
  docx: 'word document',
};

function label(d: ContextDocument, n: number, where: string): string {
  const pages = d.pages ? `, ${d.pages} page${d.pages === 1 ? '' : 's'}` : '';
  return `[document ${n}, ${LABEL_KINDS[d.kind]}${pages}, ${where}]`;
}

/**
 * The documents that go whole: short ones, newest first (the one just attached is the one being
 * asked about), while they fit the budget. The others need retrieval.
 */
export function wholeDocuments(
  documents: readonly Pick<ContextDocument, 'id' | 'text'>[],
  options: ContextOptions = {},
): Set<string> {
  const shortChars = options.shortChars ?? DOCUMENT_LIMITS.shortDocumentChars;
  let left = options.budget ?? DOCUMENT_LIMITS.contextChars;
  const whole = new Set<string>();
  for (let i = documents.length - 1; i >= 0; i--) {
    const d = documents[i] as Pick<ContextDocument, 'id' | 'text'>;
    if (d.text.length <= shortChars && d.text.length <= left) {
      whole.add(d.id);
      left -= d.text.length;
    }
  }
  return whole;
}

export function buildDocumentContext(
  documents: readonly ContextDocument[],
  hits: readonly RetrievalHit[],
  options: ContextOptions = {},
): DocumentContext {
  if (!documents.length) return { block: '', sources: [], chars: 0 };
  const whole = wholeDocuments(documents, options);
  let left = options.budget ?? DOCUMENT_LIMITS.contextChars;
  for (const d of documents) if (whole.has(d.id)) left -= d.text.length;
  const byId = new Map(documents.map((d) => [d.id, d]));
  const picked = new Map<string, Set<number>>();
  const take = (id: string, chunk: number): boolean => {
    const d = byId.get(id);
    const c = d?.chunks[chunk];
    if (!d || !c || whole.has(id)) return false;
    const size = chunkText(d.text, c).length;
    if (size > left) return false;
    let set = picked.get(id);
    if (!set) picked.set(id, (set = new Set()));
    if (set.has(chunk)) return false;
    set.add(chunk);
    left -= size;
    return true;
  };
  for (const h of [...hits].sort((a, b) => b.score - a.score)) take(h.documentId, h.chunk);
  // A question that shares no words with a document ("summarise it") gets its beginning.
  const fallback = options.fallbackPassages ?? 2;
  for (let i = documents.length - 1; i >= 0; i--) {
    const d = documents[i] as ContextDocument;
    if (whole.has(d.id) || picked.has(d.id)) continue;
    if (picked.size > 0) break; // retrieval found something somewhere: only the newest falls back
    for (let c = 0; c < Math.min(fallback, d.chunks.length); c++) take(d.id, c);
    break;
  }

  const parts: string[] = [CONTEXT_INTRO];
  const sources: DocumentSource[] = [];
  let chars = 0;
  documents.forEach((d, i) => {
    const n = i + 1;
    if (whole.has(d.id)) {
      chars += d.text.length;
      if (d.pages > 1) {
        d.pageStarts.forEach((s, p) => {
          const e = d.pageStarts[p + 1] ?? d.text.length;
          const body = d.text.slice(s, e).trim();
          if (body) parts.push(`${label(d, n, `page ${p + 1}`)}\n${body}`);
        });
      } else parts.push(`${label(d, n, 'whole document')}\n${d.text.trim()}`);
      sources.push({
        documentId: d.id,
        name: d.name,
        label: `document ${n}`,
        whole: true,
        pages: d.pages > 1 ? d.pageStarts.map((_, p) => p + 1) : [],
        parts: [],
      });
      return;
    }
    const set = picked.get(d.id);
    if (!set) return;
    const idx = [...set].sort((a, b) => a - b);
    const pages = new Set<number>();
    const nums: number[] = [];
    for (const c of idx) {
      const chunk = d.chunks[c] as Chunk;
      const body = chunkText(d.text, chunk);
      chars += body.length;
      const where = d.pages ? `page ${chunk.page}` : `part ${c + 1}`;
      if (d.pages) pages.add(chunk.page);
      else nums.push(c + 1);
      parts.push(`${label(d, n, where)}\n${body}`);
    }
    sources.push({
      documentId: d.id,
      name: d.name,
      label: `document ${n}`,
      whole: false,
      pages: [...pages].sort((a, b) => a - b),
      parts: nums,
    });
  });
  if (!sources.length) return { block: '', sources: [], chars: 0 };
  return { block: parts.join('\n\n'), sources, chars };
}

/** The user's message with the document context after it. */
export function withDocuments(message: string, context: DocumentContext): string {
  if (!context.block) return message;
  return `${message}\n\n---\n\n${context.block}`;
}

/** Words of a text, lower-cased (letters and digits). */
function words(lower: string): Set<string> {
  return new Set(lower.match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * The known values that occur in `text` (case-insensitive). A cheap word check first, so that
 * thousands of values from a large table cost about one pass over the text.
 */
export function valuesIn<T extends { value: string }>(text: string, values: readonly T[]): T[] {
  if (!values.length) return [];
  const lower = text.toLowerCase();
  const present = words(lower);
  return values.filter((v) => {
    const low = v.value.toLowerCase();
    const first = low.match(/[\p{L}\p{N}]+/u)?.[0];
    if (!first || !present.has(first)) return false;
    return lower.includes(low);
  });
}

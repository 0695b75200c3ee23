/**
 * The lexical index over a document's passages: MiniSearch (BM25+ scoring), built once when the
 * document is read and stored as JSON with the conversation; loaded again to answer a question.
 * The options must be the same when building and loading, hence one place for them.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { chunkText, type Chunk } from '../../src/core/documents';

interface Passage {
  id: number;
  text: string;
}

const INDEX_OPTIONS: Options<Passage> = { fields: ['text'], storeFields: [] };

const SEARCH_OPTIONS: SearchOptions = {
  combineWith: 'OR',
  // "terminate" finds "termination"; a typo in a long word still matches
  prefix: (term) => term.length >= 4,
  fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
};

export function buildIndex(text: string, chunks: readonly Chunk[]): string {
  const ms = new MiniSearch<Passage>(INDEX_OPTIONS);
  ms.addAll(chunks.map((c, id) => ({ id, text: chunkText(text, c) })));
  return JSON.stringify(ms);
}

export function loadIndex(json: string): MiniSearch<Passage> {
  return MiniSearch.loadJSON<Passage>(json, INDEX_OPTIONS);
}

/** Passage numbers and scores for a question, best first. */
export function searchIndex(
  index: MiniSearch<Passage>,
  question: string,
  limit: number,
): Array<{ chunk: number; score: number }> {
  return index
    .search(question, SEARCH_OPTIONS)
    .slice(0, limit)
    .map((r) => ({ chunk: Number(r.id), score: r.score }));
}

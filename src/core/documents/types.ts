/**
 * Documents attached to a message: what extraction produces, how it is chunked, and what the
 * on-device analysis reports about it. Types only; shared by the page and the workers.
 */
import type { CategoryHit } from '../analysis/categories';
import type { DenyListEntry, EntityType } from '../pii';

/** The file types Hearth reads. */
export type DocumentKind = 'text' | 'markdown' | 'csv' | 'pdf' | 'docx';

/** A range of the document text (UTF-16 offsets, end exclusive). */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * A table inside the document text: rows of cells, each cell a range of the text. The first row
 * may be a header; whether it is one is decided by the analysis (a row with personal values in
 * it is data, whatever its position).
 */
export interface TableRegion {
  rows: TextRange[][];
}

/** The text of a document, with where its pages and tables are. */
export interface ExtractedText {
  text: string;
  /** Offset at which each page starts (page n at index n - 1); `[0]` when the format has no pages. */
  pageStarts: number[];
  /** Whether `pageStarts` are real pages (PDF) rather than one implicit page. */
  paged: boolean;
  tables: TableRegion[];
}

/** A passage of a document: what retrieval picks and what is cited. */
export interface Chunk extends TextRange {
  /** 1-based page of the chunk's first character (1 for unpaged documents). */
  page: number;
  /** Text put before the passage when it is sent: a table's first row, so columns keep their names. */
  prefix?: string;
}

/** A document after extraction, chunking and indexing in the documents worker. */
export interface ExtractedDocument extends ExtractedText {
  name: string;
  kind: DocumentKind;
  /** Size of the file, bytes. */
  bytes: number;
  /** Number of pages (PDF), else 0. */
  pages: number;
  chunks: Chunk[];
  /** The BM25 index over the chunks (MiniSearch's JSON form). */
  index: string;
  /** Time spent, ms: reading the file into text, and chunking + indexing. */
  timings: { extractMs: number; indexMs: number };
}

/** Progress of one file, reported by the workers. */
export interface DocumentProgress {
  stage: 'reading' | 'indexing' | 'checking';
  /** 0..1 */
  fraction: number;
  /** e.g. "page 12 of 80" */
  detail?: string;
}

/** A column whose values are mostly personal: redacted as a column. */
export interface PersonalColumn {
  table: number;
  column: number;
  /** The header cell's text, when the table has a header row. */
  header?: string;
  type: EntityType;
  /** Non-empty body cells, and how many of them the detector found personal. */
  cells: number;
  personal: number;
  /** Why the column counts as personal. */
  reason: 'values' | 'header';
}

/** What the on-device analysis found in a whole document (analysis worker). */
export interface DocumentAnalysis {
  chars: number;
  counts: Partial<Record<EntityType, number>>;
  categories: CategoryHit[];
  columns: PersonalColumn[];
  /**
   * Distinct values to redact wherever they appear in what is sent: every detected value, and
   * every body cell of a personal column (one placeholder per distinct value).
   */
  knownValues: DenyListEntry[];
  modelStage: 'ok' | 'skipped' | 'failed';
  /** Wall time in the worker, ms. */
  ms: number;
}

/** Errors that cross the worker boundary and reach the user: `{code, message}`. */
export type DocumentErrorCode =
  | 'unsupported_type'
  | 'too_large'
  | 'too_many_files'
  | 'too_much_text'
  | 'empty'
  | 'not_text'
  | 'corrupt'
  | 'encrypted'
  | 'no_text_layer'
  | 'cancelled'
  | 'worker_failed';

export interface DocumentError {
  code: DocumentErrorCode;
  message: string;
}

export function isDocumentError(v: unknown): v is DocumentError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as DocumentError).code === 'string' &&
    typeof (v as DocumentError).message === 'string'
  );
}

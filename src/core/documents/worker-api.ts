/**
 * The documents worker's API (comlink): reading files into text, chunking and indexing them,
 * and retrieval. Types only; both sides import this module for its types.
 *
 * AbortSignals cannot cross postMessage: `extract` takes an operation id chosen by the page and
 * `cancel(opId)` stops it between pages. Callbacks cross as comlink `proxy()`s. Errors are thrown
 * as plain `{code, message}` objects (DocumentError).
 */
import type { RetrievalHit } from './context';
import type { DocumentAnalysis, DocumentProgress, ExtractedDocument, TableRegion } from './types';

export interface ExtractRequest {
  file: Blob;
  name: string;
  /** Characters of text this file may have at most (what is left of the message's limit). */
  maxChars: number;
}

export interface DocumentsWorkerApi {
  extract(
    request: ExtractRequest,
    onProgress: (p: DocumentProgress) => void,
    opId?: string,
  ): Promise<ExtractedDocument>;
  /** The best passages for `question` in each document's index, best first. */
  retrieve(
    question: string,
    indexes: Array<{ documentId: string; index: string }>,
    limit: number,
  ): Promise<RetrievalHit[]>;
  cancel(opId: string): Promise<void>;
}

/** The analysis worker's document method (detection over a whole document, with progress). */
export interface DocumentDetectionApi {
  analyzeDocument(
    request: {
      text: string;
      tables: TableRegion[];
      threshold: number;
      allowList: string[];
      denyList: string[];
    },
    onProgress?: (p: DocumentProgress) => void,
  ): Promise<DocumentAnalysis>;
}

/** Attached documents: limits, text layout, chunks, tables and the context sent with a request. Pure. */
export * from './types';
export * from './limits';
export { TextBuilder, TextLimitExceeded, cellText } from './text-builder';
export { findPipeTables } from './markdown-tables';
export { chunkDocument, chunkText, pageAt, type ChunkOptions } from './chunk';
export { PERSONAL_TYPES, headerType, personalColumns, type TableFindings } from './tables';
export {
  CONTEXT_INTRO,
  buildDocumentContext,
  valuesIn,
  wholeDocuments,
  withDocuments,
  type ContextDocument,
  type ContextOptions,
  type DocumentContext,
  type DocumentSource,
  type RetrievalHit,
} from './context';

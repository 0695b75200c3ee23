/** Attached documents on the page: reading files, the request context, plain-words notes. */
export { readAttachment, toNewDocument, type AttachOptions, type PendingDocument } from './attach';
export { DocumentFailure } from './failure';
export { requestWithDocuments, type RequestWithDocuments } from './request-context';
export { documentsBlockedNote, regulatedDocuments } from './notes';

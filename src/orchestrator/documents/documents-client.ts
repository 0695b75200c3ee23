/**
 * The page's handle on the documents worker (reading files, indexing, retrieval), started on
 * first use. A worker that fails to start or crashes rejects the calls in flight with a
 * DocumentFailure; the next call starts a fresh one.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { DocumentProgress, ExtractedDocument, RetrievalHit } from '../../core/documents';
import type { DocumentsWorkerApi } from '../../core/documents/worker-api';
import { DocumentFailure } from './failure';

interface Handle {
  remote: Remote<DocumentsWorkerApi>;
  failed: Promise<never>;
}

let handle: Handle | undefined;

function start(): Handle {
  const worker = new Worker(new URL('../../../workers/documents.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-documents',
  });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(
        new DocumentFailure(
          'worker_failed',
          `The document reader stopped${event.message ? `: ${event.message}` : ''}. Try attaching the file again.`,
        ),
      );
      handle = undefined;
      worker.terminate();
    });
  });
  failed.catch(() => undefined);
  return { remote: wrap<DocumentsWorkerApi>(worker), failed };
}

function call<T>(fn: (remote: Remote<DocumentsWorkerApi>) => Promise<T>): Promise<T> {
  handle ??= start();
  return Promise.race([fn(handle.remote), handle.failed]);
}

/** Reads a file into text, chunks and indexes it in the worker. Rejects with a DocumentFailure. */
export async function extractInWorker(
  file: Blob,
  name: string,
  maxChars: number,
  onProgress: (p: DocumentProgress) => void,
  signal?: AbortSignal,
): Promise<ExtractedDocument> {
  const opId = crypto.randomUUID();
  const onAbort = () => void call((r) => r.cancel(opId)).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await call((r) => r.extract({ file, name, maxChars }, proxy(onProgress), opId));
  } catch (err) {
    throw DocumentFailure.from(err, name);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The best passages for a question across documents' indexes. */
export async function retrieveInWorker(
  question: string,
  indexes: Array<{ documentId: string; index: string }>,
  limit: number,
): Promise<RetrievalHit[]> {
  if (!indexes.length) return [];
  try {
    return await call((r) => r.retrieve(question, indexes, limit));
  } catch (err) {
    throw DocumentFailure.from(err, 'the documents');
  }
}

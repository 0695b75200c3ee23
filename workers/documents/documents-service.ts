/**
 * What the documents worker does, as plain functions (tested without a worker): read a file into
 * text by its type, chunk and index it, and retrieve passages for a question. The libraries that
 * read PDF and Word files are loaded on first use, never with the worker's first message.
 */
import {
  DOCUMENT_LIMITS,
  chunkDocument,
  isDocumentError,
  kindOf,
  tooMuchText,
  TextLimitExceeded,
  type DocumentError,
  type DocumentProgress,
  type ExtractedDocument,
  type ExtractedText,
  type RetrievalHit,
} from '../../src/core/documents';
import type { DocumentsWorkerApi, ExtractRequest } from '../../src/core/documents/worker-api';
import { extractCsv } from './extract-csv';
import { extractDocx, type Mammoth } from './extract-docx';
import { extractPdf, type PdfJs } from './extract-pdf';
import { extractPlainText } from './extract-text';
import { buildIndex, loadIndex, searchIndex } from './search-index';

export interface DocumentLibraries {
  pdfjs: () => Promise<PdfJs>;
  mammoth: () => Promise<Mammoth>;
  /** Where pdf.js finds its CMaps (served by the app). */
  cMapUrl?: string;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () =>
    (p ??= load().catch((err: unknown) => {
      p = undefined;
      throw err;
    }));
}

/** Parsed indexes kept between questions (the most recent few). */
const MAX_CACHED_INDEXES = 8;

export function createDocumentsService(
  libs: DocumentLibraries,
  now = () => performance.now(),
): DocumentsWorkerApi {
  const pdfjs = once(libs.pdfjs);
  const mammoth = once(libs.mammoth);
  const cancelled = new Set<string>();
  const cache = new Map<string, { json: string; index: ReturnType<typeof loadIndex> }>();

  const read = async (
    req: ExtractRequest,
    bytes: Uint8Array,
    progress: (p: DocumentProgress) => void,
    opId: string | undefined,
  ): Promise<{ text: ExtractedText; pages: number }> => {
    const kind = kindOf(req.name);
    switch (kind) {
      case 'pdf':
        return extractPdf(await pdfjs(), bytes, req.name, {
          maxChars: req.maxChars,
          ...(libs.cMapUrl ? { cMapUrl: libs.cMapUrl } : {}),
          onPage: (p, n) =>
            progress({ stage: 'reading', fraction: p / n, detail: `page ${p} of ${n}` }),
          cancelled: () => opId !== undefined && cancelled.has(opId),
        });
      case 'docx':
        return {
          text: await extractDocx(await mammoth(), bytes, req.name, req.maxChars),
          pages: 0,
        };
      case 'csv':
        return { text: extractCsv(bytes, req.name, req.maxChars), pages: 0 };
      case 'text':
      case 'markdown':
        return {
          text: extractPlainText(bytes, req.name, kind === 'markdown', req.maxChars),
          pages: 0,
        };
      default:
        return { text: extractPlainText(bytes, req.name, false, req.maxChars), pages: 0 };
    }
  };

  const extract: DocumentsWorkerApi['extract'] = async (req, onProgress, opId) => {
    const kind = kindOf(req.name);
    try {
      if (!kind) {
        const error: DocumentError = {
          code: 'unsupported_type',
          message: `"${req.name}" is not a file type Hearth reads.`,
        };
        throw error;
      }
      if (req.file.size > DOCUMENT_LIMITS.fileBytes) {
        const error: DocumentError = {
          code: 'too_large',
          message: `"${req.name}" is larger than ${DOCUMENT_LIMITS.fileBytes / 1024 / 1024} MB.`,
        };
        throw error;
      }
      const t0 = now();
      onProgress({ stage: 'reading', fraction: 0 });
      const bytes = new Uint8Array(await req.file.arrayBuffer());
      const { text, pages } = await read(req, bytes, onProgress, opId);
      if (!text.text.trim()) {
        const error: DocumentError = { code: 'empty', message: `"${req.name}" has no text.` };
        throw error;
      }
      const extractMs = now() - t0;
      onProgress({ stage: 'indexing', fraction: 0 });
      const t1 = now();
      const chunks = chunkDocument(text);
      const index = buildIndex(text.text, chunks);
      return {
        ...text,
        name: req.name,
        kind: kind ?? 'text',
        bytes: req.file.size,
        pages,
        chunks,
        index,
        timings: { extractMs, indexMs: now() - t1 },
      } satisfies ExtractedDocument;
    } catch (err) {
      if (err instanceof TextLimitExceeded) throw tooMuchText(req.name, req.maxChars);
      if (isDocumentError(err)) throw err;
      const error: DocumentError = {
        code: 'worker_failed',
        message: `"${req.name}" could not be read: ${err instanceof Error ? err.message : String(err)}`,
      };
      throw error;
    } finally {
      if (opId) cancelled.delete(opId);
    }
  };

  const retrieve: DocumentsWorkerApi['retrieve'] = async (question, indexes, limit) => {
    const hits: RetrievalHit[] = [];
    for (const { documentId, index } of indexes) {
      let entry = cache.get(documentId);
      if (!entry || entry.json !== index) {
        entry = { json: index, index: loadIndex(index) };
        cache.set(documentId, entry);
        if (cache.size > MAX_CACHED_INDEXES) cache.delete(cache.keys().next().value as string);
      }
      for (const h of searchIndex(entry.index, question, limit)) hits.push({ documentId, ...h });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  };

  return {
    extract,
    retrieve,
    async cancel(opId) {
      cancelled.add(opId);
    },
  };
}

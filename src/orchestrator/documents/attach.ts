/**
 * Reading one attached file, before anything is sent: the limits, the text (documents worker),
 * then detection over the whole document (analysis worker). The result waits in the composer
 * until the message is sent; a file that fails any step is refused with a clear message and
 * the rest of the message stays as it was.
 */
import {
  DOCUMENT_LIMITS,
  checkFile,
  tooMuchText,
  type DocumentAnalysis,
  type DocumentProgress,
  type ExtractedDocument,
} from '../../core/documents';
import type { Policy } from '../../core/policy/schema';
import { detectorOptions } from '../../core/router';
import type { NewDocument } from '../../db';
import { workerAnalyzeDocument } from '../analysis-client';
import { extractInWorker } from './documents-client';
import { DocumentFailure } from './failure';

/** A document read and checked on this device, not yet stored or sent. */
export interface PendingDocument {
  id: string;
  extracted: ExtractedDocument;
  analysis: DocumentAnalysis;
}

export interface AttachOptions {
  /** Files already attached to the message. */
  alreadyAttached: number;
  /** Characters of text those files hold. */
  charsUsed: number;
  policy: Policy;
  signal?: AbortSignal;
}

/** The two workers, injectable for tests. */
export interface AttachWorkers {
  extract: typeof extractInWorker;
  analyze: typeof workerAnalyzeDocument;
}

const WORKERS: AttachWorkers = { extract: extractInWorker, analyze: workerAnalyzeDocument };

export async function readAttachment(
  file: File,
  options: AttachOptions,
  onProgress: (p: DocumentProgress) => void,
  workers: AttachWorkers = WORKERS,
): Promise<PendingDocument> {
  const refused = checkFile(file.name, file.size, options.alreadyAttached);
  if (refused) throw new DocumentFailure(refused.code, refused.message);
  const left = DOCUMENT_LIMITS.messageChars - options.charsUsed;
  if (left <= 0) {
    const e = tooMuchText(file.name, 0);
    throw new DocumentFailure(e.code, e.message);
  }
  const extracted = await workers.extract(file, file.name, left, onProgress, options.signal);
  if (options.signal?.aborted)
    throw new DocumentFailure('cancelled', `"${file.name}" was removed.`);
  let analysis: DocumentAnalysis;
  try {
    const det = detectorOptions(options.policy);
    analysis = await workers.analyze(
      { text: extracted.text, tables: extracted.tables, ...det },
      onProgress,
    );
  } catch (err) {
    throw new DocumentFailure(
      'worker_failed',
      `"${file.name}" could not be checked for personal data (${err instanceof Error ? err.message : String(err)}), so it was not attached.`,
    );
  }
  if (options.signal?.aborted)
    throw new DocumentFailure('cancelled', `"${file.name}" was removed.`);
  return { id: crypto.randomUUID(), extracted, analysis };
}

/** What is stored for a pending document when its message is sent. */
export function toNewDocument(p: PendingDocument): NewDocument {
  const x = p.extracted;
  return {
    document: {
      id: p.id,
      name: x.name,
      kind: x.kind,
      bytes: x.bytes,
      chars: x.text.length,
      pages: x.pages,
      chunkCount: x.chunks.length,
      counts: { ...p.analysis.counts } as Record<string, number>,
      categories: p.analysis.categories.map((c) => ({ category: c.category, terms: [...c.terms] })),
      personalColumns: p.analysis.columns.length,
      modelStage: p.analysis.modelStage,
    },
    text: {
      text: x.text,
      pageStarts: x.pageStarts,
      chunks: x.chunks.map((c) => ({ ...c })),
      knownValues: p.analysis.knownValues.map((v) => ({
        value: v.value,
        type: v.type ?? 'PERSON',
      })),
    },
    index: x.index,
  };
}

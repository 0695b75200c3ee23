/**
 * The page's handle on the analysis worker (live preview, embedded NER). Started lazily on first
 * use. A worker that fails to start rejects every call with a structured error: callers fail
 * closed (the orchestrator's detect() then reports the model stage as failed).
 */
import { proxy, wrap, type Remote } from 'comlink';
import type {
  AnalysisWorkerApi,
  PreviewOpinion,
  PreviewOptions,
  PreviewResult,
} from '../core/analysis/preview-api';
import type { DocumentAnalysis, DocumentProgress, TableRegion } from '../core/documents';
import type { DocumentDetectionApi } from '../core/documents/worker-api';
import type { Entity } from '../core/pii';
import type { RequestContext } from '../core/router/request';

export class AnalysisWorkerError extends Error {
  override name = 'AnalysisWorkerError';
  readonly code = 'analysis_worker_unavailable';
}

/** Everything the analysis worker exposes. */
type WorkerApi = AnalysisWorkerApi & DocumentDetectionApi;

interface Handle {
  remote: Remote<WorkerApi>;
  failed: Promise<never>;
}

let handle: Handle | undefined;

function start(): Handle {
  const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-analysis',
  });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new AnalysisWorkerError(`The analysis worker could not start: ${event.message}`));
      handle = undefined;
      worker.terminate();
    });
  });
  failed.catch(() => undefined);
  return { remote: wrap<WorkerApi>(worker), failed };
}

function call<T>(fn: (remote: Remote<WorkerApi>) => Promise<T>): Promise<T> {
  handle ??= start();
  return Promise.race([fn(handle.remote), handle.failed]);
}

/**
 * Starts the analysis worker and loads the names model; resolves once the model can run and
 * rejects (structured) when it cannot. The app calls it when idle after its first paint, so the
 * first preview of a visit does not wait for the worker and the model; the live preview awaits
 * it to replace a pattern-stage verdict with the full one.
 */
export function namesModelReady(): Promise<void> {
  return call((r) => r.warmNer());
}

/** The embedded NER model as the detector's model stage (runs in the analysis worker). */
export function workerNer(text: string): Promise<Entity[]> {
  return call((r) => r.ner(text) as Promise<Entity[]>);
}

/**
 * Detection over a whole attached document (entities, categories, personal table columns), in
 * the worker, with progress. Rejects when the worker cannot run.
 */
export function workerAnalyzeDocument(
  request: {
    text: string;
    tables: TableRegion[];
    threshold: number;
    allowList: string[];
    denyList: string[];
  },
  onProgress: (p: DocumentProgress) => void,
): Promise<DocumentAnalysis> {
  return call((r) => r.analyzeDocument(request, proxy(onProgress)) as Promise<DocumentAnalysis>);
}

/**
 * Live preview with "latest wins": while one preview runs, only the newest text waits; older
 * requests resolve to undefined so typing never queues work behind stale text. Failures reject.
 * `names: 'if-loaded'` answers with the pattern stage while the names model loads
 * (`modelStage: 'pending'`; see namesModelReady); the default waits for the model.
 */
export function createPreviewer(options: PreviewOptions = {}) {
  let running = false;
  let pending:
    | {
        args: [RequestContext, PreviewOpinion | undefined];
        resolve: (r: PreviewResult | undefined) => void;
        reject: (err: unknown) => void;
      }
    | undefined;

  const run = async (args: [RequestContext, PreviewOpinion | undefined]): Promise<PreviewResult> =>
    call((r) => r.preview(...args, options) as Promise<PreviewResult>);

  const drain = async (): Promise<void> => {
    while (pending) {
      const job = pending;
      pending = undefined;
      running = true;
      try {
        job.resolve(await run(job.args));
      } catch (err) {
        job.reject(err);
      } finally {
        running = false;
      }
    }
  };

  return (context: RequestContext, opinion?: PreviewOpinion): Promise<PreviewResult | undefined> =>
    new Promise((resolve, reject) => {
      pending?.resolve(undefined);
      pending = { args: [context, opinion], resolve, reject };
      if (!running) void drain();
    });
}

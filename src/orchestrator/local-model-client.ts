/**
 * The page's handle on the local-model worker. The worker (and everything model-related) is
 * created lazily on first use, never during the first paint.
 */
import { wrap, type Remote } from 'comlink';
import type { BoundaryError, LocalModelWorkerApi } from '../core/local-model/worker-api';

export class WorkerUnavailableError extends Error implements BoundaryError {
  override name = 'WorkerUnavailableError';
  readonly code = 'worker_unavailable';
}

interface Handle {
  worker: Worker;
  remote: Remote<LocalModelWorkerApi>;
  /** Rejects when the worker fails to load or crashes; never resolves. */
  failed: Promise<never>;
}

let handle: Handle | undefined;

function start(): Handle {
  const worker = new Worker(new URL('../../workers/local-model.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-local-model',
  });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : '';
      reject(new WorkerUnavailableError(`The local-model worker could not start${detail}`));
      // A crashed worker is dropped so the next call starts a fresh one.
      if (handle?.worker === worker) handle = undefined;
      worker.terminate();
    });
  });
  failed.catch(() => undefined); // observed by callers through call(); avoid unhandled rejections
  return { worker, remote: wrap<LocalModelWorkerApi>(worker), failed };
}

/** Calls the worker, turning a worker that never starts into a structured error. */
export async function callLocalModel<T>(
  fn: (remote: Remote<LocalModelWorkerApi>) => Promise<T>,
): Promise<T> {
  handle ??= start();
  return Promise.race([fn(handle.remote), handle.failed]);
}

/** Plain-object form of any error for the UI and logs. */
export function toBoundaryError(err: unknown): BoundaryError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  return { code: 'unknown', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Loaded only once Chrome has offered installation: watches for the first request completed in
 * this page's life (a metric sample written by the orchestrator) and then calls `onMoment`.
 * Kept out of the shell so Dexie is not part of the first paint.
 */
import { liveQuery } from 'dexie';
import { listMetrics } from '../../db';

/** Calls `onMoment` once a request completes after `sinceMs`; returns an unsubscribe function. */
export function watchFirstRequest(sinceMs: number, onMoment: () => void): () => void {
  const subscription = liveQuery(() => listMetrics(sinceMs)).subscribe({
    next: (samples) => {
      if (samples.length === 0) return;
      onMoment();
      subscription.unsubscribe();
    },
    // A database that cannot be read simply never produces the moment.
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}

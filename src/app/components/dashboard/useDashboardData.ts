/**
 * Live dashboard data from IndexedDB: metric samples since a point in time and the outbox size.
 * Re-renders when the tables change (Dexie liveQuery). Read errors become a value, not a throw,
 * so a broken database shows a message on the page instead of the route's error screen.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { listMetrics, listOutbox, type MetricSample } from '../../../db';

export type DashboardData =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; samples: MetricSample[]; outboxSize: number };

type Read =
  { ok: true; samples: MetricSample[]; outboxSize: number } | { ok: false; message: string };

async function read(sinceMs: number | undefined): Promise<Read> {
  try {
    const [samples, outbox] = await Promise.all([listMetrics(sinceMs), listOutbox()]);
    return { ok: true, samples, outboxSize: outbox.length };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** Samples at or after `sinceMs` (all when undefined) and the number of queued requests. */
export function useDashboardData(sinceMs: number | undefined): DashboardData {
  const result = useLiveQuery(() => read(sinceMs), [sinceMs]);
  if (!result) return { state: 'loading' };
  if (!result.ok) return { state: 'error', message: result.message };
  return { state: 'ready', samples: result.samples, outboxSize: result.outboxSize };
}

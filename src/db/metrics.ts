/** Per-request measurements for the dashboard. */
import { db } from './schema';
import { guardWrite } from './errors';
import type { MetricSample } from './types';

export async function recordMetric(
  sample: Omit<MetricSample, 'id'> & { id?: string },
): Promise<MetricSample> {
  const stored: MetricSample = { ...sample, id: sample.id ?? crypto.randomUUID() };
  await guardWrite(() => db().metrics.add(stored));
  return stored;
}

/** Samples since `sinceMs` (epoch ms), oldest first; all of them without it. */
export function listMetrics(sinceMs?: number): Promise<MetricSample[]> {
  const t = db().metrics;
  return sinceMs === undefined
    ? t.orderBy('at').toArray()
    : t.where('at').aboveOrEqual(sinceMs).toArray();
}

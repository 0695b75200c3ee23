/**
 * Fail-closed re-scan: the proxy runs the same src/core detector the browser ran, on every piece of
 * text it would forward, each alone and all joined (src/core/pii scanForwarded). How the scan runs
 * is injected: on Node a pool of worker threads with a time budget (rescan-pool.ts), elsewhere
 * inline with the detector (`inlineScanner`), so the app stays runtime-neutral and testable.
 */
import { scanForwarded } from '../src/core/pii';

/** What the proxy needs from a detector entity: never the value itself. */
export interface DetectedEntity {
  type: string;
  score: number;
  start?: number;
  end?: number;
}

/** Same shape as src/core/pii's `detectPatterns`. Synchronous. */
export type Detector = (
  text: string,
  options?: { threshold?: number },
) => readonly DetectedEntity[];

export type RescanVerdict =
  | { verdict: 'clean' }
  | { verdict: 'blocked'; types: string[] }
  | { verdict: 'overridden'; types: string[] }
  | { verdict: 'failed' };

/**
 * What a scanner answers: a verdict, or that it could not give one in time. 'timeout': this
 * request's scan outlived the time budget (the request is refused: 4xx, nothing sent). 'busy':
 * every worker is taken and the queue is full, or the request waited too long for a worker.
 */
export type ScanOutcome =
  | { verdict: 'clean' }
  | { verdict: 'blocked'; types: string[] }
  | { verdict: 'failed' }
  | { verdict: 'timeout' }
  | { verdict: 'busy' };

export interface Scanner {
  scan(texts: string[], threshold: number | undefined): Promise<ScanOutcome>;
  /** False when a scan submitted now would be refused as busy (checked before the body is read). */
  hasCapacity(): boolean;
  close?(): Promise<void>;
}

/** Entity types that never leave, even when the user confirmed sending unredacted text. */
export const NEVER_OVERRIDDEN: ReadonlySet<string> = new Set(['SECRET']);

/**
 * A verdict under the user's confirmed override: personal values may pass (reported as
 * 'overridden' for the log and metrics), secrets still block.
 */
export function applyOverride(verdict: RescanVerdict): RescanVerdict {
  if (verdict.verdict !== 'blocked') return verdict;
  if (verdict.types.some((t) => NEVER_OVERRIDDEN.has(t))) {
    return { verdict: 'blocked', types: verdict.types.filter((t) => NEVER_OVERRIDDEN.has(t)) };
  }
  return { verdict: 'overridden', types: verdict.types };
}

/** The re-scan on the calling thread: every text alone and all joined. */
export function rescan(
  texts: readonly string[],
  detect: Detector,
  threshold: number | undefined,
): Extract<ScanOutcome, { verdict: 'clean' | 'blocked' | 'failed' }> {
  const v = scanForwarded(texts, detect, threshold);
  if (v.verdict === 'failed') return { verdict: 'failed' };
  return v.verdict === 'blocked' ? { verdict: 'blocked', types: v.types } : { verdict: 'clean' };
}

/**
 * Scans on the calling thread. For runtimes without worker threads (an edge runtime, whose own
 * CPU limit per request then applies) and for tests of the app alone; it has no time budget, so
 * the Node entry never uses it.
 */
export function inlineScanner(detect: Detector | undefined): Scanner {
  return {
    scan: async (texts, threshold) =>
      detect ? rescan(texts, detect, threshold) : { verdict: 'failed' },
    hasCapacity: () => true,
  };
}

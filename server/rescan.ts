/**
 * Fail-closed re-scan: the proxy runs the same src/core detector the browser ran, on every piece of
 * text it would forward, each alone and all joined (src/core/pii scanForwarded). Where it runs is
 * up to request-check.ts (a worker thread on Node, inline elsewhere).
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
): Extract<RescanVerdict, { verdict: 'clean' | 'blocked' | 'failed' }> {
  const v = scanForwarded(texts, detect, threshold);
  if (v.verdict === 'failed') return { verdict: 'failed' };
  return v.verdict === 'blocked' ? { verdict: 'blocked', types: v.types } : { verdict: 'clean' };
}

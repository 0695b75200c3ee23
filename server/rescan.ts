/**
 * Fail-closed re-scan: the proxy runs the same src/core detector the browser ran, on every piece of
 * text it would forward. The detector is injected so the app stays runtime-neutral and testable;
 * main.ts passes src/core/pii's `detectPatterns`.
 */

/** What the proxy needs from a detector entity: never the value itself. */
export interface DetectedEntity {
  type: string;
  score: number;
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

export function rescan(
  texts: readonly string[],
  detect: Detector,
  threshold: number | undefined,
): RescanVerdict {
  const types = new Set<string>();
  try {
    const options = threshold === undefined ? undefined : { threshold };
    for (const text of texts) {
      if (text.length === 0) continue;
      for (const entity of detect(text, options)) {
        // Detectors already apply the threshold; check again so a detector that ignores the
        // option cannot let a confident finding through.
        if (threshold === undefined || entity.score >= threshold) types.add(String(entity.type));
      }
    }
  } catch {
    return { verdict: 'failed' };
  }
  return types.size > 0 ? { verdict: 'blocked', types: [...types].sort() } : { verdict: 'clean' };
}

/**
 * Detect, redact, re-scan until nothing is found: what `pii:redact` and the benchmark run.
 *
 * Every round detects on the text redacted so far; what a round finds is mapped back to the
 * ORIGINAL text and the original is redacted once more with all findings together, so the result
 * is one redaction of the input (consistent placeholders, exact original ranges) and a value that
 * only surfaced next to a placeholder (a surname after "[PERSON_1]") is still covered.
 */
import { redact, type PlaceholderUse, type Vault } from './vault';
import type { Entity, StructuredError } from './types';

export type DetectFn = (
  text: string,
) => Promise<{ ok: true; entities: readonly Entity[] } | { ok: false; error: StructuredError }>;

export type RedactLoopResult =
  | {
      ok: true;
      text: string;
      placeholders: PlaceholderUse[];
      /** The ranges of the ORIGINAL text that were replaced (sorted, disjoint). */
      ranges: Array<{ start: number; end: number; type: Entity['type'] }>;
      rounds: number;
    }
  | { ok: false; error: StructuredError };

/** Maps a range of a redacted text back to the original through the placeholders used. */
function toOriginal(start: number, end: number, uses: readonly PlaceholderUse[]): [number, number] {
  // uses are sorted by position; outside placeholders the offset shift is constant
  let shift = 0;
  let e = -1;
  let i = 0;
  for (; i < uses.length; i++) {
    const u = uses[i] as PlaceholderUse;
    if (u.end > start) break;
    shift = u.originalEnd - u.end;
  }
  const first = uses[i];
  const s = first && first.start <= start ? first.originalStart : start + shift;
  for (; i < uses.length; i++) {
    const u = uses[i] as PlaceholderUse;
    if (u.start >= end) break;
    shift = u.originalEnd - u.end;
    if (u.end >= end) {
      e = u.originalEnd;
      break;
    }
  }
  if (e === -1) e = end + shift;
  return [s, e];
}

/** Merges overlapping or touching-by-overlap ranges; the earlier (longer) one's type wins. */
function mergeRanges(ranges: Array<{ start: number; end: number; type: Entity['type'] }>) {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: typeof ranges = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Where a redaction of one text stands: what of the original was replaced so far, and the result. */
export interface RedactionState {
  readonly original: string;
  /** The original with every range so far replaced. */
  text: string;
  placeholders: PlaceholderUse[];
  /** The ranges of the ORIGINAL text that were replaced (sorted, disjoint). */
  ranges: Array<{ start: number; end: number; type: Entity['type'] }>;
}

export function startRedaction(text: string): RedactionState {
  return { original: text, text, placeholders: [], ranges: [] };
}

/**
 * One round: `found` holds ranges of `state.text` (the text redacted so far); they are mapped back
 * to the original, merged with the earlier ranges, and the original is redacted again as a whole.
 */
export function redactFound(
  state: RedactionState,
  found: ReadonlyArray<{ start: number; end: number; type: Entity['type'] }>,
  vault: Vault,
): void {
  const mapped = found.map((e) => {
    const [s, en] = toOriginal(e.start, e.end, state.placeholders);
    return { start: s, end: en, type: e.type };
  });
  state.ranges = mergeRanges([...state.ranges, ...mapped]);
  const ents: Entity[] = state.ranges.map((r) => ({
    ...r,
    score: 1,
    source: 'rule',
    text: state.original.slice(r.start, r.end),
  }));
  const red = redact(state.original, ents, vault);
  state.text = red.text;
  state.placeholders = red.placeholders;
}

/**
 * Redacts `text` until a detection round finds nothing (at most `maxRounds` rounds). Fails closed:
 * a detector error, or findings left after the last round, give `{ ok: false }`.
 */
export async function redactUntilClean(
  text: string,
  detectFn: DetectFn,
  vault: Vault,
  maxRounds = 4,
): Promise<RedactLoopResult> {
  const state = startRedaction(text);
  for (let round = 1; round <= maxRounds + 1; round++) {
    const found = await detectFn(state.text);
    if (!found.ok) return { ok: false, error: found.error };
    if (found.entities.length === 0)
      return {
        ok: true,
        text: state.text,
        placeholders: state.placeholders,
        ranges: state.ranges,
        rounds: round,
      };
    if (round > maxRounds) break;
    redactFound(state, found.entities, vault);
  }
  return {
    ok: false,
    error: {
      code: 'pii_remaining',
      message: `the re-scan still finds personal data after ${maxRounds} rounds`,
    },
  };
}

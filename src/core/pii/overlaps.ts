/**
 * Overlap resolution and trimming, in O(m log m) for m spans: a hostile text with a hundred
 * thousand matches must not cost a hundred thousand squared comparisons.
 * The functions work on any span over a known text: the detector's candidates (offsets into its
 * normalised view) and entities (offsets into the original) alike.
 */
import type { EntityType } from './types';

export interface Span {
  start: number;
  end: number;
  type: EntityType;
  score: number;
  source?: string;
  text?: string;
}

/** Tie-break order when two overlapping candidates have the same score (lower wins). */
export const PRIORITY: Record<EntityType, number> = {
  SECRET: 0,
  EMAIL: 1,
  URL: 2,
  IBAN: 3,
  CREDIT_CARD: 4,
  NATIONAL_ID: 5,
  ID_NUMBER: 6,
  IP_ADDRESS: 7,
  DATE_OF_BIRTH: 8,
  PHONE: 9,
  USERNAME: 10,
  DATE: 11,
  ADDRESS: 12,
  PERSON: 13,
  ORGANIZATION: 14,
  LOCATION: 15,
};

/** Best first: score, then type priority, then the longer span, then the earlier start. */
export function compareEntities(a: Span, b: Span): number {
  const as = a.source ?? '';
  const bs = b.source ?? '';
  return (
    b.score - a.score ||
    PRIORITY[a.type] - PRIORITY[b.type] ||
    b.end - b.start - (a.end - a.start) ||
    a.start - b.start ||
    (as < bs ? -1 : as > bs ? 1 : 0)
  );
}

/**
 * Disjoint taken ranges over the compressed coordinates of every endpoint that will be seen:
 * "which parts of [s, e) are still free?" with a union-find jump over taken slots, so the
 * whole resolution stays O(m log m) however dense the candidates are.
 */
class Slots {
  private readonly points: Int32Array;
  private readonly next: Int32Array;
  private readonly taken: Uint8Array;

  constructor(ranges: ReadonlyArray<{ start: number; end: number }>) {
    const all = new Int32Array(ranges.length * 2);
    let k = 0;
    for (const r of ranges) {
      all[k++] = r.start;
      all[k++] = r.end;
    }
    all.sort();
    let n = 0;
    for (let i = 0; i < all.length; i++)
      if (n === 0 || all[n - 1] !== all[i]) all[n++] = all[i] ?? 0;
    this.points = all.subarray(0, n);
    this.next = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) this.next[i] = i;
    this.taken = new Uint8Array(n + 1);
  }

  private index(p: number): number {
    let lo = 0;
    let hi = this.points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.points[mid] ?? 0) < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first free slot at or after i. */
  private free(i: number): number {
    let r = i;
    while ((this.next[r] ?? r) !== r) r = this.next[r] ?? r;
    // path compression
    let k = i;
    while ((this.next[k] ?? k) !== k) {
      const n = this.next[k] ?? k;
      this.next[k] = r;
      k = n;
    }
    return r;
  }

  /** Takes [start, end) when it is entirely free (the common case: no run arrays); else false. */
  takeIfFree(start: number, end: number): boolean {
    const a = this.index(start);
    const b = this.index(end);
    if (this.free(a) !== a) return false;
    for (let i = a; i < b; i++) if (this.taken[i]) return false;
    for (let i = a; i < b; i++) {
      this.taken[i] = 1;
      this.next[i] = i + 1;
    }
    return true;
  }

  /** The free parts of [start, end) as text ranges, in order. */
  freeRuns(start: number, end: number): Array<[number, number]> {
    const a = this.index(start);
    const b = this.index(end);
    const runs: Array<[number, number]> = [];
    let i = this.free(a);
    while (i < b) {
      let j = i;
      while (j < b && !this.taken[j]) j++;
      runs.push([this.points[i] ?? 0, this.points[j] ?? 0]);
      i = j < b ? this.free(j) : b;
    }
    return runs;
  }

  /** Marks [start, end) taken. */
  take(start: number, end: number): void {
    const b = this.index(end);
    for (let i = this.free(this.index(start)); i < b; i = this.free(i)) {
      this.taken[i] = 1;
      this.next[i] = i + 1;
    }
  }
}

const WORDISH = /[\p{L}\p{N}]/gu;
const EDGE = /[\s,;:.!?()[\]{}"'`<>|/\\-]/u;

/**
 * [s0, en0) of a span trimmed of spaces and punctuation at its edges, if it still says
 * something (at least `minWordChars` letters or digits). `text` is what the span indexes into.
 */
function trimPiece<T extends Span>(
  text: string,
  e: T,
  s0: number,
  en0: number,
  minWordChars: number,
): T | null {
  let s = s0;
  let en = en0;
  while (s < en && EDGE.test(text.charAt(s))) s++;
  while (en > s && EDGE.test(text.charAt(en - 1))) en--;
  const piece = text.slice(s, en);
  if ((piece.match(WORDISH)?.length ?? 0) < minWordChars) return null;
  return e.text === undefined
    ? { ...e, start: s, end: en }
    : { ...e, start: s, end: en, text: piece };
}

/**
 * Deterministic overlap resolution: best first (compareEntities). A span that overlaps what is
 * already kept is trimmed to its free parts (each kept when it still holds at least three
 * letters or digits) rather than dropped: a phone number overlapping an address's last line
 * must not take the whole street with it. `first` are kept before any of `spans` is considered
 * (they must not overlap each other). Output sorted by start.
 */
export function resolveOverlaps<T extends Span>(
  text: string,
  spans: readonly T[],
  first: readonly T[] = [],
): T[] {
  const slots = new Slots([...first, ...spans]);
  const kept: T[] = [];
  for (const e of first) {
    slots.take(e.start, e.end);
    kept.push(e);
  }
  for (const e of [...spans].sort(compareEntities)) {
    if (e.end <= e.start) continue;
    if (slots.takeIfFree(e.start, e.end)) {
      kept.push(e);
      continue;
    }
    for (const [s, en] of slots.freeRuns(e.start, e.end)) {
      const piece = trimPiece(text, e, s, en, 3);
      if (!piece) continue;
      slots.take(s, en);
      kept.push(piece);
    }
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Removes `cut` ranges (sorted by start, disjoint) from each span and keeps the pieces that still
 * hold a letter or digit, trimmed of spaces and punctuation at their edges. Never drops a span
 * whole because part of it is covered: "Tr0ub4dor&3xyz[EMAIL_1]" keeps "Tr0ub4dor&3xyz".
 * Linear: spans and cuts are walked together.
 */
export function subtractRanges<T extends Span>(
  text: string,
  spans: readonly T[],
  cut: ReadonlyArray<readonly [number, number]>,
  minLength = 2,
): T[] {
  if (cut.length === 0) return [...spans];
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: T[] = [];
  let c0 = 0;
  for (const e of sorted) {
    while (c0 < cut.length && (cut[c0]?.[1] ?? 0) <= e.start) c0++;
    let pos = e.start;
    const pieces: Array<[number, number]> = [];
    for (let c = c0; c < cut.length; c++) {
      const [cs, ce] = cut[c] as readonly [number, number];
      if (cs >= e.end) break;
      if (cs > pos) pieces.push([pos, cs]);
      pos = Math.max(pos, ce);
    }
    if (pos === e.start && pieces.length === 0) {
      out.push(e);
      continue;
    }
    if (pos < e.end) pieces.push([pos, e.end]);
    for (const [s, en] of pieces) {
      const piece = trimPiece(text, e, s, en, minLength);
      if (piece) out.push(piece);
    }
  }
  return out;
}

/**
 * Overlapping spans of a type whose recognizers report parts of one thing (an address's street,
 * unit and postcode lines) become one span covering them all, with the best score: otherwise a
 * confident postcode would win over the whole address it belongs to and leave the street behind.
 */
export function unionSameType<T extends Span>(
  text: string,
  spans: readonly T[],
  type: EntityType,
): T[] {
  const of = spans.filter((e) => e.type === type).sort((a, b) => a.start - b.start);
  if (of.length < 2) return [...spans];
  const merged: T[] = [];
  for (const e of of) {
    const last = merged[merged.length - 1];
    if (last && e.start < last.end) {
      if (e.end > last.end) last.end = e.end;
      last.score = Math.max(last.score, e.score);
      if (last.text !== undefined) last.text = text.slice(last.start, last.end);
    } else merged.push({ ...e });
  }
  return [...spans.filter((e) => e.type !== type), ...merged];
}

/** Scores at or above this are certain enough to stand even inside a larger candidate. */
const CERTAIN = 0.9;

/**
 * Drops a span that lies strictly inside a larger one (of any type) unless it is certain or the
 * larger one is clearly weaker: "3536 1659" looks like a phone number, but inside "3536 1659
 * Hoog St, Apt. 839" it is part of an address, and keeping the phone alone would leave the street
 * behind. Recall first: the larger span wins. O(m log m).
 */
export function dropContained<T extends Span>(spans: readonly T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  let cover: T | null = null;
  for (const e of sorted) {
    const inside =
      cover !== null &&
      cover.start <= e.start &&
      cover.end >= e.end &&
      cover.end - cover.start > e.end - e.start;
    // (a confident date inside a weak phone reading of "12/07/2000 02" is not dropped)
    if (inside && cover && e.score < CERTAIN && cover.score >= e.score - 0.1) continue;
    out.push(e);
    if (!cover || e.end > cover.end) cover = e;
  }
  return out;
}

/**
 * Overlap resolution and trimming, in O(m log m) for m candidates: a hostile text with a
 * hundred thousand matches must not cost a hundred thousand squared comparisons.
 */
import type { Entity, EntityType } from './types';

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
export function compareEntities(a: Entity, b: Entity): number {
  return (
    b.score - a.score ||
    PRIORITY[a.type] - PRIORITY[b.type] ||
    b.end - b.start - (a.end - a.start) ||
    a.start - b.start ||
    (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)
  );
}

/**
 * A set of disjoint ranges that answers "does [s, e) overlap anything taken?" in O(log m), over
 * the compressed coordinates of every endpoint it will ever see (a Fenwick tree of taken slots).
 */
export class TakenRanges {
  private readonly points: number[];
  private readonly tree: Int32Array;
  private readonly taken: Uint8Array;

  constructor(ranges: ReadonlyArray<{ start: number; end: number }>) {
    const all: number[] = [];
    for (const r of ranges) all.push(r.start, r.end);
    all.sort((a, b) => a - b);
    const pts: number[] = [];
    for (const p of all) if (pts.length === 0 || pts[pts.length - 1] !== p) pts.push(p);
    this.points = pts;
    this.tree = new Int32Array(pts.length + 1);
    this.taken = new Uint8Array(pts.length);
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

  private prefix(i: number): number {
    let s = 0;
    for (let k = i; k > 0; k -= k & -k) s += this.tree[k] ?? 0;
    return s;
  }

  /** Whether [start, end) overlaps a taken range. Both ends must be among the constructor's. */
  overlaps(start: number, end: number): boolean {
    if (end <= start) return false;
    const a = this.index(start);
    const b = this.index(end);
    return this.prefix(b) - this.prefix(a) > 0;
  }

  /** Marks [start, end) as taken (callers check `overlaps` first, so slots are taken once). */
  take(start: number, end: number): void {
    const a = this.index(start);
    const b = this.index(end);
    for (let slot = a; slot < b; slot++) {
      if (this.taken[slot]) continue;
      this.taken[slot] = 1;
      for (let k = slot + 1; k < this.tree.length; k += k & -k)
        this.tree[k] = (this.tree[k] ?? 0) + 1;
    }
  }
}

/**
 * Deterministic overlap resolution: best-first greedy (compareEntities), keeping only candidates
 * that overlap nothing already kept. `first` are kept before any of `rest` is considered (they
 * must not overlap each other). Output sorted by start.
 */
export function resolveOverlaps(
  entities: readonly Entity[],
  first: readonly Entity[] = [],
): Entity[] {
  const taken = new TakenRanges([...first, ...entities]);
  const kept: Entity[] = [];
  for (const e of first) {
    taken.take(e.start, e.end);
    kept.push(e);
  }
  for (const e of [...entities].sort(compareEntities)) {
    if (e.end <= e.start || taken.overlaps(e.start, e.end)) continue;
    taken.take(e.start, e.end);
    kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

const WORDISH = /[\p{L}\p{N}]/u;
const EDGE = /[\s,;:.!?()[\]{}"'`<>|/\\-]/u;

/**
 * Removes `cut` ranges (sorted by start, disjoint) from each entity and keeps the pieces that
 * still hold a letter or digit, trimmed of spaces and punctuation at their edges. Never drops an
 * entity whole because part of it is covered: "Tr0ub4dor&3xyz[EMAIL_1]" keeps "Tr0ub4dor&3xyz".
 * Linear: entities and cuts are walked together.
 */
export function subtractRanges(
  entities: readonly Entity[],
  cut: ReadonlyArray<readonly [number, number]>,
  minLength = 2,
): Entity[] {
  if (cut.length === 0) return [...entities];
  const sorted = [...entities].sort((a, b) => a.start - b.start);
  const out: Entity[] = [];
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
    // the entity carries its own text: slice it, not the whole input
    const at = (i: number) => e.text.charAt(i - e.start);
    for (let [s, en] of pieces) {
      while (s < en && EDGE.test(at(s))) s++;
      while (en > s && EDGE.test(at(en - 1))) en--;
      const piece = e.text.slice(s - e.start, en - e.start);
      if (en - s < minLength || !WORDISH.test(piece)) continue;
      out.push({ ...e, start: s, end: en, text: piece });
    }
  }
  return out;
}

/**
 * Overlapping entities of a type whose recognizers report parts of one thing (an address's
 * street, unit and postcode lines) become one entity spanning them all, with the best score:
 * otherwise a confident postcode would win over the whole address it belongs to and leave the
 * street behind.
 */
export function unionSameType(
  entities: readonly Entity[],
  type: EntityType,
  text: string,
): Entity[] {
  const of = entities.filter((e) => e.type === type).sort((a, b) => a.start - b.start);
  if (of.length < 2) return [...entities];
  const merged: Entity[] = [];
  for (const e of of) {
    const last = merged[merged.length - 1];
    if (last && e.start < last.end) {
      if (e.end > last.end) last.end = e.end;
      last.score = Math.max(last.score, e.score);
      last.text = text.slice(last.start, last.end);
    } else merged.push({ ...e });
  }
  return [...entities.filter((e) => e.type !== type), ...merged];
}

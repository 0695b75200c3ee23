/**
 * What every recognizer shares: the candidate shape, a linear regex iterator, the digit regions
 * that digit-only recognizers scan, and the context-word test.
 *
 * Every regular expression in recognizers/ uses bounded quantifiers and mandatory separators
 * between repeated groups, so matching is linear in the input (no catastrophic backtracking).
 */
import { digitRunEnd, isAsciiAlnumCode, nextDigit } from '../char-codes';
import type { EntityType } from '../types';

export interface Candidate {
  start: number;
  end: number;
  type: EntityType;
  score: number;
  recognizer: string;
  /** Context words that raise the score when found near the match (lowercase, word-prefix match). */
  context?: readonly string[];
  /** Words that hint more weakly (WEAK_CONTEXT_BOOST). */
  weakContext?: readonly string[];
  /** Context words that lower the score. */
  negative?: readonly string[];
  /** A label in the sentence says what this is: validators and negative words cannot lower it. */
  labelled?: boolean;
}

export type Recognizer = (t: string, out: Candidate[]) => void;

/**
 * The lowest score the caller will report (the detection threshold of the current call, set by
 * runRecognizers). Recognizers may skip candidates that cannot reach it even with every context
 * boost: a hostile text of near-misses then costs no candidate objects.
 */
export const scan = { threshold: 0.5 };

/** Whether a candidate scoring `score` could still be reported, given what context is near. */
export function reachable(score: number, strongNear: boolean, weakNear = false): boolean {
  const boost = strongNear ? CONTEXT_BOOST : weakNear ? WEAK_CONTEXT_BOOST : 0;
  return score + boost >= scan.threshold;
}

/**
 * A score rounded to the three decimals entities report. Boosts are added in floating point, and
 * 0.6 + 0.35 is 0.9500000000000001: unrounded, a phone reading boosted by "number" outranked
 * the validated IBAN it sits inside ("number DK25 0038 0300 0000 00"), which kept only "DK25".
 */
export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/** How much a context word nearby adds, and how far around the match we look (chars). */
export const CONTEXT_BOOST = 0.35;
export const WEAK_CONTEXT_BOOST = 0.15;
export const NEGATIVE_PENALTY = 0.25;
export const CONTEXT_BEFORE = 48;
export const CONTEXT_AFTER = 24;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether the UTF-16 unit at t[i] is a letter or digit (false outside the text). ASCII is
 * decided by code, the rest by one regex: recognizers call this per digit group.
 */
export function isWordAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 128) return isAsciiAlnumCode(c);
  return c === c && WORD_CHAR.test(t.charAt(i)); // c !== c: NaN, outside the text
}

export function* matches(re: RegExp, t: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/**
 * Regions of the text around anchor matches (e.g. digits), merged when they overlap. Recognizers
 * whose matches must contain an anchor only scan these regions: prose without digits costs nothing.
 */
export interface Region {
  start: number;
  text: string;
}
export function regionsAround(t: string, anchor: RegExp, before: number, after: number): Region[] {
  const out = new RegionBuilder(t, before, after);
  anchor.lastIndex = 0;
  for (let m = anchor.exec(t); m !== null; m = anchor.exec(t)) {
    out.add(m.index, m.index + m[0].length);
    if (m[0].length === 0) anchor.lastIndex++;
  }
  return out.done();
}

/** regionsAround for runs of ASCII digits, found by character code (no match object per run). */
export function digitRegions(t: string, before: number, after: number): Region[] {
  const out = new RegionBuilder(t, before, after);
  for (let s = nextDigit(t, 0); s < t.length;) {
    const e = digitRunEnd(t, s);
    out.add(s, e);
    s = nextDigit(t, e);
  }
  return out.done();
}

/** Merges anchors, given in order, into regions of `before` and `after` characters around them. */
class RegionBuilder {
  private readonly out: Region[] = [];
  private rs = -1;
  private re = -1;
  constructor(
    private readonly t: string,
    private readonly before: number,
    private readonly after: number,
  ) {}
  add(start: number, end: number): void {
    const e = Math.min(this.t.length, end + this.after);
    if (this.rs !== -1 && start - this.before <= this.re) {
      this.re = Math.max(this.re, e);
      return;
    }
    this.flush();
    let s = Math.max(0, start - this.before);
    // start regions on a whitespace boundary so look-behinds see a clean left edge (searched
    // in a bounded window: a text without spaces must not cost a scan per anchor)
    const ws = this.t.slice(Math.max(0, s - 32), s + 1).lastIndexOf(' ');
    if (ws !== -1) s = Math.max(0, s - 32) + ws;
    this.rs = s;
    this.re = e;
  }
  private flush(): void {
    if (this.rs !== -1) this.out.push({ start: this.rs, text: this.t.slice(this.rs, this.re) });
  }
  done(): Region[] {
    this.flush();
    this.rs = -1;
    return this.out;
  }
}

/** Runs a recognizer on regions and shifts its candidates back to text offsets. */
export function inRegions(regions: readonly Region[], r: Recognizer, out: Candidate[]): void {
  for (const reg of regions) {
    const local: Candidate[] = [];
    r(reg.text, local);
    for (const c of local) {
      c.start += reg.start;
      c.end += reg.start;
      out.push(c);
    }
  }
}

const WORDCHAR = /[\p{L}\p{N}]/u;

/** Whether one of `words` starts a word in `window` (lower-case). */
export function hasContext(window: string, words: readonly string[]): boolean {
  for (const w of words) {
    let i = window.indexOf(w);
    while (i !== -1) {
      const before = i === 0 ? ' ' : window.charAt(i - 1);
      if (!WORDCHAR.test(before)) return true;
      i = window.indexOf(w, i + 1);
    }
  }
  return false;
}

/** The lower-cased text around [start, end) where context words are looked for. */
export function contextWindow(t: string, start: number, end: number): string {
  return (
    t.slice(Math.max(0, start - CONTEXT_BEFORE), start).toLowerCase() +
    ' ' +
    t.slice(end, end + CONTEXT_AFTER).toLowerCase()
  );
}

/**
 * Where the words of one context list occur in a text: built once per list when many candidates
 * ask (a hostile text with a hundred thousand numbers), then each question is a binary search.
 */
export class ContextIndex {
  private readonly lists = new Map<readonly string[], { at: Int32Array; len: Int32Array }>();
  private lower: string | null = null;

  constructor(private readonly t: string) {}

  private build(words: readonly string[]) {
    this.lower ??= this.t.toLowerCase();
    const lower = this.lower.length === this.t.length ? this.lower : null;
    const at: number[] = [];
    const len: number[] = [];
    if (lower) {
      const re = new RegExp(
        `(?<![\\p{L}\\p{N}])(?:${[...words]
          .sort((a, b) => b.length - a.length)
          .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})`,
        'gu',
      );
      for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
        at.push(m.index);
        len.push(m[0].length);
      }
    }
    const entry = { at: Int32Array.from(at), len: Int32Array.from(len) };
    this.lists.set(words, entry);
    return entry;
  }

  /** Whether a word of `words` lies within the context window of [start, end). */
  has(words: readonly string[], start: number, end: number): boolean {
    const e = this.lists.get(words) ?? this.build(words);
    const from = start - CONTEXT_BEFORE;
    let lo = 0;
    let hi = e.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((e.at[mid] ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < e.at.length; k++) {
      const p = e.at[k] ?? 0;
      const l = e.len[k] ?? 0;
      if (p >= end + CONTEXT_AFTER) break;
      if (p + l <= start || (p >= end && p + l <= end + CONTEXT_AFTER)) return true;
    }
    return false;
  }
}

let lastIndexText: string | null = null;
let lastIndex: ContextIndex | null = null;

/**
 * The context-word index of a text, reused while recognizers look at the same text: "is a phone
 * word near this chain?" in O(log n) instead of a search per chain.
 */
export function contextIndex(t: string): ContextIndex {
  if (lastIndexText !== t || !lastIndex) {
    lastIndex = new ContextIndex(t);
    lastIndexText = t;
  }
  return lastIndex;
}

/** Above this many candidates, context words are indexed once per list instead of searched per candidate. */
const INDEX_CONTEXT_ABOVE = 64;

/** Presidio-style context enhancement: context words near a match raise (or lower) its score. */
export function applyContext(t: string, cands: Candidate[]): void {
  const index = cands.length > INDEX_CONTEXT_ABOVE ? new ContextIndex(t) : null;
  const near = (words: readonly string[], c: Candidate, win: () => string) =>
    index ? index.has(words, c.start, c.end) : hasContext(win(), words);
  for (const c of cands) {
    if (!c.context && !c.negative && !c.weakContext) continue;
    let w: string | undefined;
    const win = () => (w ??= contextWindow(t, c.start, c.end));
    if (c.context && near(c.context, c, win))
      c.score = Math.min(1, roundScore(c.score + CONTEXT_BOOST));
    else if (c.weakContext && near(c.weakContext, c, win))
      c.score = Math.min(1, roundScore(c.score + WEAK_CONTEXT_BOOST));
    else if (!c.labelled && c.negative && near(c.negative, c, win))
      c.score = Math.max(0, roundScore(c.score - NEGATIVE_PENALTY));
  }
}

/** Context words that make a number less likely to be personal. */
export const NUMBER_NEGATIVE = [
  'order',
  'invoice',
  'tracking',
  'ticket',
  'isbn',
  'serial',
  'ref',
  'reference',
  'bestell',
  'rechnung',
  'pedido',
  'factura',
  'fatura',
  'faktura',
  'ordre',
  'sku',
  'version',
  'build',
  'model',
  'part no',
  'item',
];

/**
 * Digit groups joined by the separators people and spreadsheets put between them: spaces, tabs,
 * a line break, '.', '/', '_', '-', dashes, " - ", and the parentheses of "(303) 555-0199".
 * Card, phone and national-id recognizers look at windows of whole groups inside a chain, so a
 * value is found however it is grouped, and a chain that runs across unrelated numbers ("in 2019
 * 4111 1111 1111 1111") still yields the window that validates. Windows are bounded by digit
 * count, so the work per chain is linear in its length.
 *
 * Groups are kept in typed arrays (a hostile text can hold a million of them), shared by every
 * recognizer that scans the same text.
 */

import { digitRunEnd, nextDigit } from '../char-codes';

/** Gaps of more than one character that still join two groups (a space around a dash, a line break, parentheses). */
const GAP =
  /^(?:[ \t.\-/_\u2010-\u2015]|[ \t]{0,2}\r?\n[ \t]{0,2}|[ \t]{2,3}|[ \t][-/_\u2013\u2014][ \t]|[ \t]?\)[ \t.-]?|[ \t.-]?\(|\)\()$/;

/** Whether the one character at `c` joins two digit groups (the common case, no regex). */
function oneCharGap(c: number): boolean {
  return (
    c === 32 || // space
    c === 45 || // -
    c === 46 || // .
    c === 47 || // /
    c === 95 || // _
    c === 9 || // tab
    c === 10 || // newline
    c === 40 || // (
    c === 41 || // )
    (c >= 0x2010 && c <= 0x2015) // dashes
  );
}

export class DigitGroups {
  /** Group i is t[starts[i], ends[i]). */
  starts: Int32Array;
  ends: Int32Array;
  count = 0;
  /** Chain k is groups [chainStarts[k], chainStarts[k + 1]). */
  chainStarts: Int32Array;
  chains = 0;

  constructor(readonly t: string) {
    let cap = 64;
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
    this.chainStarts = new Int32Array(cap + 1);
    let lastEnd = -1;
    // runs of at most 64 ASCII digits, found by character code (a regex match per group costs
    // an array each, and a hostile text has a group every two characters)
    for (let s = nextDigit(t, 0); s < t.length; s = nextDigit(t, lastEnd)) {
      const p = digitRunEnd(t, s, 64);
      if (this.count === cap) {
        cap *= 2;
        this.starts = grow(this.starts, cap);
        this.ends = grow(this.ends, cap);
        this.chainStarts = grow(this.chainStarts, cap + 1);
      }
      let joined = false;
      if (this.count > 0 && s - lastEnd <= 5) {
        joined =
          s - lastEnd === 1 ? oneCharGap(t.charCodeAt(lastEnd)) : GAP.test(t.slice(lastEnd, s));
      }
      if (!joined) this.chainStarts[this.chains++] = this.count;
      this.starts[this.count] = s;
      this.ends[this.count] = p;
      this.count++;
      lastEnd = p;
    }
    this.chainStarts[this.chains] = this.count;
  }

  /** Number of digits in group i. */
  len(i: number): number {
    return (this.ends[i] ?? 0) - (this.starts[i] ?? 0);
  }

  digits(i: number): string {
    return this.t.slice(this.starts[i], this.ends[i]);
  }

  /** The text between group i-1 and group i ('' for i = 0). */
  gap(i: number): string {
    return i > 0 ? this.t.slice(this.ends[i - 1], this.starts[i]) : '';
  }

  /** Whether the gaps before groups a and b (both > 0) are the same text, without slicing. */
  sameGap(a: number, b: number): boolean {
    const as = this.ends[a - 1] ?? 0;
    const bs = this.ends[b - 1] ?? 0;
    const n = (this.starts[a] ?? 0) - as;
    if ((this.starts[b] ?? 0) - bs !== n) return false;
    for (let k = 0; k < n; k++)
      if (this.t.charCodeAt(as + k) !== this.t.charCodeAt(bs + k)) return false;
    return true;
  }

  /** The digits of groups [from, to], concatenated. */
  digitsOf(from: number, to: number): string {
    let out = '';
    for (let k = from; k <= to; k++) out += this.digits(k);
    return out;
  }
}

function grow(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

let cachedText: string | null = null;
let cached: DigitGroups | null = null;

/** The digit groups of a text; the last text's groups are reused by the next recognizer. */
export function digitGroups(t: string): DigitGroups {
  if (cachedText !== t || !cached) {
    cached = new DigitGroups(t);
    cachedText = t;
  }
  return cached;
}

/**
 * Luhn sums of every window of one chain in O(1) each: prefix sums of the chain's digits with
 * the doubling applied at even and at odd positions. Which of the two a window needs depends
 * only on the parity of its last digit's position.
 */
export class ChainLuhn {
  /** Digit offset (within the chain) where each group starts; one more entry for the end. */
  readonly at: Int32Array;
  private readonly evenDoubled: Int32Array;
  private readonly oddDoubled: Int32Array;

  constructor(g: DigitGroups, from: number, to: number) {
    const n = to - from;
    this.at = new Int32Array(n + 1);
    let total = 0;
    for (let k = 0; k < n; k++) {
      this.at[k] = total;
      total += g.len(from + k);
    }
    this.at[n] = total;
    this.evenDoubled = new Int32Array(total + 1);
    this.oddDoubled = new Int32Array(total + 1);
    let i = 0;
    for (let k = from; k < to; k++) {
      for (let p = g.starts[k] ?? 0; p < (g.ends[k] ?? 0); p++, i++) {
        const v = g.t.charCodeAt(p) - 48;
        const d = v > 4 ? v * 2 - 9 : v * 2;
        this.evenDoubled[i + 1] = (this.evenDoubled[i] ?? 0) + ((i & 1) === 0 ? d : v);
        this.oddDoubled[i + 1] = (this.oddDoubled[i] ?? 0) + ((i & 1) === 1 ? d : v);
      }
    }
  }

  /** Whether chain digits [s, e) pass Luhn. */
  valid(s: number, e: number): boolean {
    // the last digit (e-1) is not doubled; the digits at the other parity are
    const sums = ((e - 1) & 1) === 0 ? this.oddDoubled : this.evenDoubled;
    return ((sums[e] ?? 0) - (sums[s] ?? 0)) % 10 === 0;
  }
}

/** Luhn over a digit string. */
export function luhn(d: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let v = d.charCodeAt(i) - 48;
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

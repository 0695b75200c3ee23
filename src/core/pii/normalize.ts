/**
 * The detector's view of a text, with an offset map back to the original (which is what gets
 * replaced). One pass, linear in the input:
 * - every format character (Unicode Cf: zero-width, bidi, soft hyphen, U+061C, tag characters,
 *   U+FFF9-FFFB...), variation selectors, U+034F, the Mongolian selectors, Hangul fillers, C0/C1
 *   controls other than tab/newline, and lone surrogates are removed;
 * - line and paragraph separators become '\n', every other space ' ';
 * - NFKC folding per character (fullwidth "４１１１" and "＠", ligatures, mathematical letters),
 *   and every decimal digit of any script (Arabic-Indic, Devanagari...) becomes its ASCII digit;
 * - look-alike letters (Cyrillic "с" in "example.сom") are folded to ASCII, but only inside a run
 *   of letters that already mixes in ASCII, so Russian or Greek prose is left as it is.
 * Matching happens on this view only; spans are mapped back with `mapRange`.
 */
import { isAsciiAlnumCode } from './char-codes';
import { CONFUSABLE_FROM, CONFUSABLE_TO } from './confusables-data';

export interface Normalized {
  text: string;
  /** starts[i]/ends[i]: the original range that produced normalized char i. null = identity. */
  starts: Int32Array | null;
  ends: Int32Array | null;
}

/**
 * Invisible characters removed outright beyond \p{Cf} (tested separately): the combining
 * grapheme joiner, Hangul and Khmer fillers, Mongolian and other variation selectors.
 */
function isInvisibleExtra(cp: number): boolean {
  return (
    cp === 0x034f ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xffa0 ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}
const FORMAT = /\p{Cf}/u;
const SPACE = /\p{Zs}/u;
const DIGIT = /\p{Nd}/u;
const LETTER = /\p{L}/u;

let confusables: Map<number, string> | null = null;
function confusableMap(): Map<number, string> {
  if (confusables) return confusables;
  confusables = new Map();
  const to = [...CONFUSABLE_TO];
  let i = 0;
  for (const ch of CONFUSABLE_FROM) confusables.set(ch.codePointAt(0) ?? 0, to[i++] ?? ch);
  return confusables;
}

const foldCache = new Map<number, string | null>();

/** Numeric value of a decimal digit of any script: digits come in runs of ten from 0 to 9. */
function digitValue(cp: number): number {
  let k = 0;
  while (k < 9 && DIGIT.test(String.fromCodePoint(cp - k - 1))) k++;
  // runs of ten sit back to back in a few blocks (mathematical digits): count within the run
  let zero = cp - k;
  while (zero - 10 >= 0 && DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 10;
  return (cp - zero) % 10;
}

/**
 * What the non-ASCII code point cp at s[i, i + width) becomes in the detector's view ('' =
 * removed), or null when it stays as it is (the common case for letters of other scripts).
 */
function fold(cp: number, s: string, i: number, width: number): string | null {
  const hit = foldCache.get(cp);
  if (hit !== undefined) return hit;
  const ch = s.slice(i, i + width);
  let out: string;
  if (cp === 0x2028 || cp === 0x2029 || cp === 0x85) out = '\n';
  else if (FORMAT.test(ch) || isInvisibleExtra(cp) || (cp >= 0x80 && cp < 0xa0)) out = '';
  else if (SPACE.test(ch)) out = ' ';
  else if (DIGIT.test(ch)) out = String(digitValue(cp));
  else {
    out = ch.normalize('NFKC');
    // NFKC may give a non-ASCII digit or a space too (e.g. circled or superscript forms)
    if (out.length === 1 && DIGIT.test(out) && out > '9')
      out = String(digitValue(out.charCodeAt(0)));
  }
  const result = out === ch ? null : out;
  if (foldCache.size < 20000) foldCache.set(cp, result);
  return result;
}

const RUN_CHAR = /[\p{L}\p{M}\p{N}._@+-]/u;

/**
 * Folds look-alike letters to ASCII inside runs (words, with . _ @ + -) that also hold an ASCII
 * letter or digit. Same length in and out (every fold is one UTF-16 unit to one), so offsets
 * are unchanged.
 */
function foldLookalikes(t: string): string {
  const map = confusableMap();
  let out: string[] | null = null;
  let runStart = -1;
  let mixedAscii = false;
  let hasConfusable = false;
  const flush = (end: number) => {
    if (runStart !== -1 && mixedAscii && hasConfusable) {
      out ??= t.split('');
      for (let k = runStart; k < end; k++) {
        const to = map.get(t.charCodeAt(k));
        if (to !== undefined) out[k] = to;
      }
    }
    runStart = -1;
    mixedAscii = false;
    hasConfusable = false;
  };
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) {
      // ASCII by code (this runs for every character of a text that is not plain ASCII)
      const alnum = isAsciiAlnumCode(c);
      if (alnum || c === 46 || c === 95 || c === 64 || c === 43 || c === 45) {
        if (runStart === -1) runStart = i;
        if (alnum) mixedAscii = true;
      } else flush(i);
      continue;
    }
    const confusable = map.has(c);
    if (confusable || RUN_CHAR.test(t.charAt(i))) {
      if (runStart === -1) runStart = i;
      if (confusable) hasConfusable = true;
    } else flush(i);
  }
  flush(t.length);
  return out ? (out as string[]).join('') : t;
}

const NEEDS_WORK = /[^\t\n\r\x20-\x7e]/;

/** Growable pair of offset arrays (a 10 MB text with one odd character must stay cheap). */
class OffsetBuffer {
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }
  private grow(need: number) {
    let cap = this.starts.length * 2;
    while (cap < need) cap *= 2;
    const s = new Int32Array(cap);
    const e = new Int32Array(cap);
    s.set(this.starts.subarray(0, this.length));
    e.set(this.ends.subarray(0, this.length));
    this.starts = s;
    this.ends = e;
  }
  /** Original chars [from, to) copied one to one. */
  plain(from: number, to: number) {
    const n = to - from;
    if (this.length + n > this.starts.length) this.grow(this.length + n);
    for (let k = 0; k < n; k++) {
      this.starts[this.length + k] = from + k;
      this.ends[this.length + k] = from + k + 1;
    }
    this.length += n;
  }
  /** `count` output chars that all come from original [from, to). */
  from(from: number, to: number, count: number) {
    if (this.length + count > this.starts.length) this.grow(this.length + count);
    for (let k = 0; k < count; k++) {
      this.starts[this.length + k] = from;
      this.ends[this.length + k] = to;
    }
    this.length += count;
  }
}

/**
 * Six or more single letters or digits, each separated by the same one separator, with at least
 * three digits among them ("4 1 1 1 1 1 …", "D-E-8-9-…"): written to dodge a pattern. They are
 * joined in the detector's view. Each unit is one character, so matching is linear.
 */
const ALNUM = /[\p{L}\p{N}]/u;
const alnumCache = new Map<number, boolean>();
/** Letter or digit at i (ASCII by code, others through a cached property test). */
function alnumAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 128) return isAsciiAlnumCode(c);
  if (Number.isNaN(c)) return false;
  let v = alnumCache.get(c);
  if (v === undefined) {
    v = ALNUM.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdfff);
    if (alnumCache.size < 4096) alnumCache.set(c, v);
  }
  return v;
}
const isSpacer = (c: number) => c === 32 || c === 45 || c === 46 || c === 95;

/**
 * Runs of six or more single letters or digits each separated by the same one separator
 * (space - . _), standing alone: a character scan, one pass.
 */
function spacedOutRuns(t: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < t.length - 2) {
    const sep = t.charCodeAt(i + 1);
    if (!isSpacer(sep) || !alnumAt(t, i) || (i > 0 && alnumAt(t, i - 1)) || !alnumAt(t, i + 2)) {
      i++;
      continue;
    }
    // units at i, i+2, i+4, ...: each a single character followed by the same separator
    let k = i;
    let units = 1;
    let digits = t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57 ? 1 : 0;
    while (t.charCodeAt(k + 1) === sep && alnumAt(t, k + 2) && !alnumAt(t, k + 3)) {
      k += 2;
      units++;
      const c = t.charCodeAt(k);
      if (c >= 48 && c <= 57) digits++;
    }
    if (units >= 6 && digits >= 3) {
      out.push([i, k + 1]);
      i = k + 1;
    } else i = Math.max(i + 1, k);
  }
  return out;
}

function collapseSpacedOut(n: Normalized): Normalized {
  const t = n.text;
  const cuts = spacedOutRuns(t);
  if (cuts.length === 0) return n;
  const parts: string[] = [];
  const map = new OffsetBuffer(t.length);
  const origStart = (i: number) => (n.starts ? (n.starts[i] ?? 0) : i);
  const origEnd = (i: number) => (n.ends ? (n.ends[i] ?? 0) : i + 1);
  let pos = 0;
  const keep = (from: number, to: number) => {
    parts.push(t.slice(from, to));
    for (let k = from; k < to; k++) map.from(origStart(k), origEnd(k), 1);
  };
  for (const [s, e] of cuts) {
    keep(pos, s);
    for (let k = s; k < e; k += 2) keep(k, k + 1);
    pos = e;
  }
  keep(pos, t.length);
  return {
    text: parts.join(''),
    starts: map.starts.subarray(0, map.length),
    ends: map.ends.subarray(0, map.length),
  };
}

/** The detector's view of `original` and the map back. */
export function normalize(original: string): Normalized {
  return collapseSpacedOut(normalizeChars(original));
}

function normalizeChars(original: string): Normalized {
  if (!NEEDS_WORK.test(original)) return { text: original, starts: null, ends: null };
  // the output is written as UTF-16 code units into a buffer and decoded once: a text of
  // nothing but fullwidth digits must not cost an array entry and a string per character
  const out = new UnitBuffer(original.length + 16);
  const map = new OffsetBuffer(original.length + 16);
  let identity = true;
  let plainFrom = 0;
  const flushPlain = (to: number) => {
    if (to > plainFrom) {
      out.copy(original, plainFrom, to);
      map.plain(plainFrom, to);
    }
  };
  for (let i = 0; i < original.length;) {
    const c = original.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    let width = 1;
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = original.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        width = 2;
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      }
    }
    const lone = width === 1 && c >= 0xd800 && c <= 0xdfff;
    // lone surrogates and C0 controls other than tab/newline are removed
    const folded = lone || c < 0x20 || c === 0x7f ? '' : fold(cp, original, i, width);
    if (folded !== null) {
      identity = false;
      flushPlain(i);
      out.copy(folded, 0, folded.length);
      map.from(i, i + width, folded.length);
      plainFrom = i + width;
    }
    i += width;
  }
  if (identity) return { text: foldLookalikes(original), starts: null, ends: null };
  flushPlain(original.length);
  return {
    text: foldLookalikes(out.toString()),
    starts: map.starts.subarray(0, map.length),
    ends: map.ends.subarray(0, map.length),
  };
}

/** A growable buffer of UTF-16 code units, decoded to a string once at the end. */
class UnitBuffer {
  private units: Uint16Array;
  private length = 0;
  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
  }
  /** Appends s[from, to). */
  copy(s: string, from: number, to: number): void {
    const n = to - from;
    if (this.length + n > this.units.length) {
      let cap = this.units.length * 2;
      while (cap < this.length + n) cap *= 2;
      const u = new Uint16Array(cap);
      u.set(this.units.subarray(0, this.length));
      this.units = u;
    }
    for (let k = 0; k < n; k++) this.units[this.length + k] = s.charCodeAt(from + k);
    this.length += n;
  }
  toString(): string {
    // lone surrogates were removed, so the units are well-formed UTF-16
    return UTF16.decode(this.units.subarray(0, this.length));
  }
}
// ignoreBOM: a leading U+FEFF in the output must stay a character, never be eaten as a byte-order mark
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Maps a [start, end) range of the normalized text back to the original text. */
export function mapRange(n: Normalized, start: number, end: number): [number, number] {
  if (!n.starts || !n.ends) return [start, end];
  const len = n.starts.length;
  if (start >= len) {
    const last = len > 0 ? (n.ends[len - 1] ?? 0) : 0;
    return [last, last];
  }
  const s = n.starts[start] ?? 0;
  const e = end > start ? (n.ends[Math.min(end, len) - 1] ?? s) : s;
  return [s, e];
}

/** The original offset of a normalized position (for boundaries between characters). */
export function mapOffset(n: Normalized, i: number): number {
  if (!n.starts) return i;
  const len = n.starts.length;
  if (i < len) return n.starts[i] ?? 0;
  return len > 0 ? (n.ends?.[len - 1] ?? 0) : 0;
}

/** Whether a letter (of any script) is at position i: a helper for recognizers' boundaries. */
export function isLetter(ch: string): boolean {
  return LETTER.test(ch);
}

/**
 * Tokenizer and feature hashing shared by training (training/build-data.ts) and inference.
 * Pure TypeScript: the exact same code produces the model's inputs at training time and at
 * run time, so no vocabulary file is needed (words and character n-grams are hashed).
 */
import { fnv1a } from './fnv1a';
import { GAZ_CLASSES, gazetteerClass } from './gazetteer';

export const WORD_BUCKETS = 20000;
export const CHAR_BUCKETS = 8192;
export const CHAR_SLOTS = 16;
/** 8 word shapes x sentence-start flag x 5 gazetteer classes. */
export const SHAPE_COUNT = 16 * GAZ_CLASSES;
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;
export type NerLabel = (typeof LABELS)[number];

export interface Token {
  text: string;
  start: number;
  end: number;
}

export interface TokenFeatures {
  words: number[];
  chars: number[][];
  shapes: number[];
}

/** Words (letters, marks, digits, inner apostrophes/hyphens) or single punctuation marks. */
const TOKEN_RE =
  /[\p{L}\p{M}\p{N}]{1,48}(?:['’\-.&][\p{L}\p{M}\p{N}]{1,48}){0,4}|[^\s\p{L}\p{M}\p{N}]/gu;

/** An English possessive at the end of a word: "Watanabe's" is the name plus "'s". */
const POSSESSIVE_END = /['’][sS]$/u;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const w = m[0];
    const start = m.index;
    if (w.length > 3 && POSSESSIVE_END.test(w)) {
      // the name and its possessive are two tokens, so the name is looked up, featurised and
      // redacted without the "'s" (the placeholder keeps the grammar: "[PERSON_1]'s report")
      out.push({ text: w.slice(0, -2), start, end: start + w.length - 2 });
      out.push({ text: w.slice(-2), start: start + w.length - 2, end: start + w.length });
    } else out.push({ text: w, start, end: start + w.length });
  }
  return out;
}

function normWord(w: string): string {
  return w.toLowerCase().replace(/\d/g, '0');
}

const UPPER = /^\p{Lu}$/u;

export function shapeOf(word: string, sentenceStart: boolean): number {
  let s: number;
  if (/^[^\p{L}\p{N}]+$/u.test(word)) s = 6;
  else if (/\d/.test(word)) s = 5;
  else {
    const first = word.charAt(0);
    const rest = word.slice(1);
    if (word.length === 1 && UPPER.test(first)) s = 7;
    else if (word === word.toLowerCase()) s = 1;
    else if (word === word.toUpperCase()) s = 3;
    else if (UPPER.test(first) && rest === rest.toLowerCase()) s = 2;
    else s = 4;
  }
  return sentenceStart ? s + 8 : s;
}

const LU = /^\p{Lu}$/u;
const LOWER_OR_MARK = /^[\p{Ll}\p{Lo}\p{M}]$/u;
const NUMBER = /^\p{N}$/u;

/**
 * The word's spelling pattern, runs collapsed: "McDowell" -> "XxXx", "O'Neil" -> "X'Xx".
 * Upper-case letters become X, lower-case and other letters and marks x, numbers 0, anything else
 * stays; a run of one character is one. One pass, ASCII without a regular expression (this runs
 * for every token of every message).
 */
export function spelling(word: string): string {
  let out = '';
  let prev = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    let c: string;
    if (code < 128) {
      if (code >= 65 && code <= 90) c = 'X';
      else if (code >= 97 && code <= 122) c = 'x';
      else if (code >= 48 && code <= 57) c = '0';
      else c = ch;
    } else if (LU.test(ch)) c = 'X';
    else if (LOWER_OR_MARK.test(ch)) c = 'x';
    else if (NUMBER.test(ch)) c = '0';
    else c = ch;
    if (c !== prev) {
      out += c;
      prev = c;
    }
  }
  return out;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a of s.slice(from, to), as fnv1a() computes it, without making the substring. */
function fnvRange(s: string, from: number, to: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const bucket = (h: number) => (h % CHAR_BUCKETS) + 1;

/**
 * Writes the word's CHAR_SLOTS hashed character n-gram ids into out[at..at+CHAR_SLOTS): 2/3/4
 * prefixes, 2/3/4/5 suffixes, the spelling pattern, then up to 8 trigrams of "<word>", zeros after.
 * Each id is FNV-1a of the n-gram with a seed per kind, so "ab" as a prefix and as a suffix differ.
 */
function charIdsInto(word: string, out: { [i: number]: number }, at: number): void {
  const w = normWord(word);
  const n = w.length;
  // prefixes and suffixes: [from, to, kind]; kinds 1-5 then 7 and 8 (added in 2026-12: a 4-letter
  // prefix, a 5-letter suffix such as -sdóttir, -enko, -ović, for names no list knows)
  out[at] = bucket(fnvRange(w, 0, n < 2 ? n : 2, FNV_OFFSET ^ 1));
  out[at + 1] = bucket(fnvRange(w, 0, n < 3 ? n : 3, FNV_OFFSET ^ 2));
  out[at + 2] = bucket(fnvRange(w, n > 2 ? n - 2 : 0, n, FNV_OFFSET ^ 3));
  out[at + 3] = bucket(fnvRange(w, n > 3 ? n - 3 : 0, n, FNV_OFFSET ^ 4));
  out[at + 4] = bucket(fnvRange(w, n > 4 ? n - 4 : 0, n, FNV_OFFSET ^ 5));
  out[at + 5] = bucket(fnvRange(w, 0, n < 4 ? n : 4, FNV_OFFSET ^ 7));
  out[at + 6] = bucket(fnvRange(w, n > 5 ? n - 5 : 0, n, FNV_OFFSET ^ 8));
  // the capitalisation pattern
  out[at + 7] = bucket(fnv1a(spelling(word), FNV_OFFSET ^ 9));
  // trigrams of "<w>": its character j is "<" (j = 0), w[j - 1] or ">" (j = n + 1)
  let k = 8;
  for (let i = 0; i + 3 <= n + 2 && k < CHAR_SLOTS; i++, k++) {
    let h = (FNV_OFFSET ^ 6) >>> 0;
    for (let j = i; j < i + 3; j++) {
      h ^= j === 0 ? 60 : j === n + 1 ? 62 : w.charCodeAt(j - 1);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out[at + k] = bucket(h);
  }
  for (; k < CHAR_SLOTS; k++) out[at + k] = 0;
}

function charIds(word: string): number[] {
  const ids = new Array<number>(CHAR_SLOTS);
  charIdsInto(word, ids, 0);
  return ids;
}

const SENT_END = new Set(['.', '!', '?', '…', ':', '"', '“', '„', '«', '(', '-', '–', '*', '>']);

export interface FeaturizeOptions {
  /** The gazetteer lookup (training passes one with part of the table hidden). */
  gazetteer?: (word: string) => number;
}

export function featurize(tokens: readonly Token[], options: FeaturizeOptions = {}): TokenFeatures {
  const gaz = options.gazetteer ?? gazetteerClass;
  const words: number[] = [];
  const chars: number[][] = [];
  const shapes: number[] = [];
  let prev: string | undefined;
  for (const t of tokens) {
    const start = prev === undefined || SENT_END.has(prev);
    words.push(wordId(t.text));
    chars.push(charIds(t.text));
    shapes.push(shapeOf(t.text, start) + 16 * gaz(t.text));
    prev = t.text;
  }
  return { words, chars, shapes };
}

const wordId = (text: string) => (fnv1a(normWord(text)) % WORD_BUCKETS) + 1;

/** True where typed arrays store the low 32 bits of an int64 first (every browser and Node here). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The same features as featurize(), written straight into the model's int64 input tensors
 * ([T], [T, CHAR_SLOTS], [T]) without a BigInt per value: every id is below 2^31, so its low
 * 32-bit half is the id and the high half stays 0 (this runs for every message).
 */
export function featurizeInt64(tokens: readonly Token[]): {
  words: BigInt64Array;
  chars: BigInt64Array;
  shapes: BigInt64Array;
} {
  const T = tokens.length;
  const words = new BigInt64Array(T);
  const chars = new BigInt64Array(T * CHAR_SLOTS);
  const shapes = new BigInt64Array(T);
  const ids = new Int32Array(CHAR_SLOTS);
  const w32 = new Int32Array(words.buffer);
  const c32 = new Int32Array(chars.buffer);
  const s32 = new Int32Array(shapes.buffer);
  const lo = LITTLE_ENDIAN ? 0 : 1;
  let prev: string | undefined;
  for (let i = 0; i < T; i++) {
    const text = tokens[i]?.text ?? '';
    const start = prev === undefined || SENT_END.has(prev);
    const shape = shapeOf(text, start) + 16 * gazetteerClass(text);
    charIdsInto(text, ids, 0);
    w32[2 * i + lo] = wordId(text);
    s32[2 * i + lo] = shape;
    for (let k = 0; k < CHAR_SLOTS; k++) c32[2 * (i * CHAR_SLOTS + k) + lo] = ids[k] ?? 0;
    prev = text;
  }
  return { words, chars, shapes };
}

/** Deterministic 70/30 split by record id, used by training and by the benchmark. */
export function isHeldOut(id: string): boolean {
  return fnv1a(id) % 10 >= 7;
}

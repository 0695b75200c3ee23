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

/** The word's spelling pattern, runs collapsed: "McDowell" -> "XxXx", "O'Neil" -> "X'Xx". */
function spelling(word: string): string {
  return word
    .replace(/\p{Lu}/gu, 'X')
    .replace(/[\p{Ll}\p{Lo}\p{M}]/gu, 'x')
    .replace(/\p{N}/gu, '0')
    .replace(/(.)\1+/gu, '$1');
}

function charIds(word: string): number[] {
  const w = normWord(word);
  const ids: number[] = [];
  const add = (g: string, kind: number) =>
    ids.push((fnv1a(g, 0x811c9dc5 ^ kind) % CHAR_BUCKETS) + 1);
  add(w.slice(0, 2), 1);
  add(w.slice(0, 3), 2);
  add(w.slice(-2), 3);
  add(w.slice(-3), 4);
  add(w.slice(-4), 5);
  // more spelling for names no list knows: a 4-letter prefix, a 5-letter suffix (-sdóttir,
  // -enko, -ović), and the capitalisation pattern
  add(w.slice(0, 4), 7);
  add(w.slice(-5), 8);
  add(spelling(word), 9);
  const p = `<${w}>`;
  for (let i = 0; i + 3 <= p.length && ids.length < CHAR_SLOTS; i++) add(p.slice(i, i + 3), 6);
  while (ids.length < CHAR_SLOTS) ids.push(0);
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
    words.push((fnv1a(normWord(t.text)) % WORD_BUCKETS) + 1);
    chars.push(charIds(t.text));
    shapes.push(shapeOf(t.text, start) + 16 * gaz(t.text));
    prev = t.text;
  }
  return { words, chars, shapes };
}

/** Deterministic 70/30 split by record id, used by training and by the benchmark. */
export function isHeldOut(id: string): boolean {
  return fnv1a(id) % 10 >= 7;
}

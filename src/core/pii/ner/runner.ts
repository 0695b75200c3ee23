/**
 * The model stage as pure TypeScript: tokenization, featurisation, chunking and BIO decoding.
 * The actual inference is injected (onnxruntime-web in the worker, onnxruntime-node in the CLI),
 * so src/core never imports a runtime.
 */
import type { Entity, EntityType, NerRunnerFn } from '../types';
import { CHAR_SLOTS, LABELS, featurize, tokenize, type NerLabel, type Token } from './features';

export interface NerInputs {
  /** Number of tokens T. */
  length: number;
  /** [1, T] hashed word ids. */
  words: BigInt64Array;
  /** [1, T, CHAR_SLOTS] hashed char n-gram ids. */
  chars: BigInt64Array;
  /** [1, T] shape ids. */
  shapes: BigInt64Array;
}

/** Runs the model: returns logits, row-major [T, LABELS.length]. */
export type NerInferFn = (inputs: NerInputs) => Promise<Float32Array>;

export interface NerRunnerOptions {
  /** Maximum tokens per model call (longer texts are split at sentence ends). */
  maxTokens?: number;
  /** Spans whose mean probability is below this are dropped. */
  minScore?: number;
}

const TYPE_OF: Record<string, EntityType> = { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' };
const NUM_LABELS = LABELS.length;
const SENT_BREAK = new Set(['.', '!', '?', '\n', '…']);
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Month and weekday names (en, de, pt, da, sv, nl, fr, es): never a person, place or organisation alone. */
const CALENDAR_WORDS = new Set(
  (
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro ' +
    'segunda terça quarta quinta sexta sábado domingo marts maj mandag tirsdag onsdag torsdag fredag lørdag søndag ' +
    'januari februari mars augusti måndag tisdag lördag söndag maart mei augustus maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ' +
    'janvier février avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado'
  ).split(' '),
);

/**
 * Cheap sanity rules on model spans: no bare calendar words, and a single lower-case word needs a
 * confident model (lower-case names exist in chat text, but most lower-case hits are common words).
 */
function keep(span: string, score: number, minScore: number): boolean {
  if (score < minScore) return false;
  const lower = span.toLowerCase();
  if (CALENDAR_WORDS.has(lower)) return false;
  if (span === lower && !/\s/.test(span) && score < LOWERCASE_MIN_SCORE) return false;
  return true;
}
const LOWERCASE_MIN_SCORE = 0.9;

export function toInputs(tokens: readonly Token[]): NerInputs {
  const f = featurize(tokens);
  const T = tokens.length;
  const words = new BigInt64Array(T);
  const shapes = new BigInt64Array(T);
  const chars = new BigInt64Array(T * CHAR_SLOTS);
  for (let i = 0; i < T; i++) {
    words[i] = BigInt(f.words[i] ?? 0);
    shapes[i] = BigInt(f.shapes[i] ?? 0);
    const c = f.chars[i] ?? [];
    for (let k = 0; k < CHAR_SLOTS; k++) chars[i * CHAR_SLOTS + k] = BigInt(c[k] ?? 0);
  }
  return { length: T, words, chars, shapes };
}

/** Splits token list into chunks of at most maxTokens, preferring sentence boundaries. */
export function chunkTokens(tokens: readonly Token[], maxTokens: number): Token[][] {
  const out: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    let end = Math.min(tokens.length, i + maxTokens);
    if (end < tokens.length) {
      for (let k = end - 1; k > i + maxTokens / 2; k--) {
        if (SENT_BREAK.has(tokens[k]?.text ?? '')) {
          end = k + 1;
          break;
        }
      }
    }
    out.push(tokens.slice(i, end));
    i = end;
  }
  return out;
}

/** Row-wise softmax of [T, LABELS.length] logits. */
export function softmaxRows(logits: Float32Array, T: number): Float32Array {
  const probs = new Float32Array(T * NUM_LABELS);
  for (let i = 0; i < T; i++) {
    let max = -Infinity;
    for (let k = 0; k < NUM_LABELS; k++) max = Math.max(max, logits[i * NUM_LABELS + k] ?? 0);
    let z = 0;
    for (let k = 0; k < NUM_LABELS; k++) {
      const e = Math.exp((logits[i * NUM_LABELS + k] ?? 0) - max);
      probs[i * NUM_LABELS + k] = e;
      z += e;
    }
    for (let k = 0; k < NUM_LABELS; k++)
      probs[i * NUM_LABELS + k] = (probs[i * NUM_LABELS + k] ?? 0) / z;
  }
  return probs;
}

/** Label index -> entity type ('' for O) and whether it is an I- tag. */
const LABEL_TYPE = LABELS.map((l) => (l === 'O' ? '' : l.slice(2)));
const LABEL_INSIDE = LABELS.map((l) => l.startsWith('I-'));

/** BIO constraint: may label `to` follow label `from` (-1 = start of the chunk)? */
function allowed(from: number, to: number): boolean {
  if (!LABEL_INSIDE[to]) return true;
  return from >= 0 && LABEL_TYPE[from] === LABEL_TYPE[to];
}

/**
 * Most probable label sequence under the BIO constraints (an I-X only after B-X or I-X), by
 * Viterbi over per-token log-probabilities. Unlike greedy argmax with repair, a weak B- next to a
 * confident I- yields one span of the right type instead of a fragment.
 */
export function viterbi(probs: Float32Array, T: number): number[] {
  if (T === 0) return [];
  const lp = (i: number, k: number) => Math.log(Math.max(probs[i * NUM_LABELS + k] ?? 0, 1e-12));
  let score = new Float64Array(NUM_LABELS);
  const back = new Int8Array(T * NUM_LABELS);
  for (let k = 0; k < NUM_LABELS; k++) score[k] = allowed(-1, k) ? lp(0, k) : -Infinity;
  for (let i = 1; i < T; i++) {
    const next = new Float64Array(NUM_LABELS);
    for (let k = 0; k < NUM_LABELS; k++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = 0; j < NUM_LABELS; j++) {
        const v = score[j] ?? -Infinity;
        if (v > best && allowed(j, k)) {
          best = v;
          arg = j;
        }
      }
      next[k] = best + lp(i, k);
      back[i * NUM_LABELS + k] = arg;
    }
    score = next;
  }
  let last = 0;
  for (let k = 1; k < NUM_LABELS; k++)
    if ((score[k] ?? -Infinity) > (score[last] ?? -Infinity)) last = k;
  const path = new Array<number>(T).fill(0);
  path[T - 1] = last;
  for (let i = T - 1; i > 0; i--) path[i - 1] = back[i * NUM_LABELS + (path[i] ?? 0)] ?? 0;
  return path;
}

/**
 * BIO decoding: constrained Viterbi path, then spans. A span's score is the mean over its tokens
 * of the probability of its entity type (B- plus I- of that type).
 */
export function decode(
  text: string,
  tokens: readonly Token[],
  logits: Float32Array,
  minScore: number,
): Entity[] {
  const T = tokens.length;
  const probs = softmaxRows(logits, T);
  const path = viterbi(probs, T);
  const out: Entity[] = [];
  let cur: { type: string; first: number; last: number; probSum: number; n: number } | null = null;
  const flush = () => {
    if (!cur) return;
    // spans start and end on a word, not on punctuation
    let f = cur.first;
    let l = cur.last;
    while (f <= l && !WORDLIKE.test(tokens[f]?.text ?? '')) f++;
    while (l >= f && !WORDLIKE.test(tokens[l]?.text ?? '')) l--;
    const first = tokens[f];
    const last = tokens[l];
    const type = TYPE_OF[cur.type];
    const score = cur.probSum / cur.n;
    if (!first || !last || !keep(text.slice(first.start, last.end), score, minScore)) {
      cur = null;
      return;
    }
    if (type) {
      const span = text.slice(first.start, last.end);
      // a span must contain a letter
      if (/\p{L}/u.test(span))
        out.push({
          start: first.start,
          end: last.end,
          type,
          score: Math.round(score * 1000) / 1000,
          source: 'ner',
          text: span,
        });
    }
    cur = null;
  };
  for (let i = 0; i < T; i++) {
    const k = path[i] ?? 0;
    const type = LABEL_TYPE[k] ?? '';
    if (type === '') {
      flush();
      continue;
    }
    const b = LABELS.indexOf(`B-${type}` as NerLabel);
    const prob = (probs[i * NUM_LABELS + b] ?? 0) + (probs[i * NUM_LABELS + b + 1] ?? 0);
    if (!LABEL_INSIDE[k] || !cur || cur.type !== type) {
      flush();
      cur = { type, first: i, last: i, probSum: prob, n: 1 };
    } else {
      cur.last = i;
      cur.probSum += prob;
      cur.n++;
    }
  }
  flush();
  return out;
}

const NAME_PART = /^\p{Lu}[\p{L}\p{M}'’-]{2,}$/u;

/**
 * Consistency within one text: a string the model tagged once is tagged wherever else it occurs
 * (whole words, same case), and the parts of a multi-word PERSON ("McDowell" after "Adam
 * McDowell") are tagged where they occur alone. Redaction then never leaves a second mention of
 * a name it replaced in the first. Occurrences already inside an entity are left alone.
 */
export function propagate(
  text: string,
  tokens: readonly Token[],
  ents: readonly Entity[],
): Entity[] {
  const wanted = new Map<string, { type: EntityType; score: number }>();
  const add = (s: string, type: EntityType, score: number) => {
    const prev = wanted.get(s);
    if (!prev || prev.score < score) wanted.set(s, { type, score });
  };
  for (const e of ents) {
    const s = text.slice(e.start, e.end);
    if (/\p{Lu}/u.test(s) && s.length >= 3) add(s, e.type, e.score);
    if (e.type === 'PERSON' && /\s/.test(s)) {
      for (const part of s.split(/\s+/)) if (NAME_PART.test(part)) add(part, e.type, e.score);
    }
  }
  if (wanted.size === 0) return [...ents];
  const out = [...ents];
  const taken = (a: number, b: number) => out.some((e) => e.start < b && a < e.end);
  for (const [s, { type, score }] of wanted) {
    const n = tokenize(s).length;
    for (let i = 0; i + n <= tokens.length; i++) {
      const first = tokens[i];
      const last = tokens[i + n - 1];
      if (!first || !last || text.slice(first.start, last.end) !== s) continue;
      if (taken(first.start, last.end)) continue;
      out.push({ start: first.start, end: last.end, type, score, source: 'ner', text: s });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Builds a NerRunner from an injected inference function. */
export function createNerRunner(infer: NerInferFn, options: NerRunnerOptions = {}): NerRunnerFn {
  const maxTokens = options.maxTokens ?? 256;
  const minScore = options.minScore ?? 0.5;
  return async (text: string) => {
    const tokens = tokenize(text);
    const out: Entity[] = [];
    for (const chunk of chunkTokens(tokens, maxTokens)) {
      if (chunk.length === 0) continue;
      const logits = await infer(toInputs(chunk));
      if (logits.length !== chunk.length * NUM_LABELS) {
        throw new Error(`model returned ${logits.length} logits for ${chunk.length} tokens`);
      }
      out.push(...decode(text, chunk, logits, minScore));
    }
    return propagate(text, tokens, out);
  };
}

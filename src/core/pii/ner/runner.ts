/**
 * The model stage as pure TypeScript: tokenization, featurisation, chunking and BIO decoding.
 * The actual inference is injected (onnxruntime-web in the worker, onnxruntime-node in the CLI),
 * so src/core never imports a runtime.
 */
import type { Entity, EntityType, NerRunnerFn } from '../types';
import { CUTOFFS, type Cutoffs } from './cutoffs';
import { LABELS, featurizeInt64, tokenize, type NerLabel, type Token } from './features';
import { postprocess, type RawSpan, type TypeProbs } from './postprocess';

export { propagate } from './postprocess';

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
  /** One cut-off for every type (overrides the calibrated per-type cut-offs in ner/cutoffs.ts). */
  minScore?: number;
  /** Cut-offs and post-processing knobs (default: the calibrated CUTOFFS). */
  cutoffs?: Cutoffs;
}

const TYPE_OF: Record<string, EntityType> = { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' };
const NUM_LABELS = LABELS.length;
const SENT_BREAK = new Set(['.', '!', '?', '\n', '…']);

export function toInputs(tokens: readonly Token[]): NerInputs {
  return { length: tokens.length, ...featurizeInt64(tokens) };
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
 * BIO decoding: constrained Viterbi path, then spans over token indices (offset by `base`). A
 * span's score is the mean over its tokens of the probability of its entity type (B- plus I-).
 * Nothing is filtered here: cut-offs and rules are post-processing (ner/postprocess.ts).
 */
export function decodeRaw(probs: Float32Array, T: number, base = 0): RawSpan[] {
  const path = viterbi(probs, T);
  const out: RawSpan[] = [];
  let cur: { type: string; first: number; last: number; probSum: number; n: number } | null = null;
  const flush = () => {
    const type = cur ? TYPE_OF[cur.type] : undefined;
    if (cur && type)
      out.push({
        type,
        first: base + cur.first,
        last: base + cur.last,
        score: cur.probSum / cur.n,
      });
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

/** Per-token probability of each type (B- plus I-), written into `into` from token `base` on. */
function typeProbs(probs: Float32Array, T: number, into: TypeProbs, base: number) {
  const col = (l: NerLabel) => LABELS.indexOf(l);
  for (let i = 0; i < T; i++) {
    const row = i * NUM_LABELS;
    into.PERSON[base + i] = (probs[row + col('B-PER')] ?? 0) + (probs[row + col('I-PER')] ?? 0);
    into.LOCATION[base + i] = (probs[row + col('B-LOC')] ?? 0) + (probs[row + col('I-LOC')] ?? 0);
    into.ORGANIZATION[base + i] =
      (probs[row + col('B-ORG')] ?? 0) + (probs[row + col('I-ORG')] ?? 0);
  }
}

function cutoffsFor(options: NerRunnerOptions): Cutoffs {
  const c = options.cutoffs ?? CUTOFFS;
  const m = options.minScore;
  return m === undefined ? c : { ...c, PERSON: m, LOCATION: m, ORGANIZATION: m };
}

/**
 * Decodes one chunk of logits into entities with the full post-processing (used by tests and
 * tools that hold logits for a single chunk).
 */
export function decode(
  text: string,
  tokens: readonly Token[],
  logits: Float32Array,
  minScore: number,
): Entity[] {
  const T = tokens.length;
  const probs = softmaxRows(logits, T);
  const tp: TypeProbs = {
    PERSON: new Float32Array(T),
    LOCATION: new Float32Array(T),
    ORGANIZATION: new Float32Array(T),
  };
  typeProbs(probs, T, tp, 0);
  return postprocess(text, tokens, decodeRaw(probs, T), tp, cutoffsFor({ minScore }));
}

/** Builds a NerRunner from an injected inference function. */
export function createNerRunner(infer: NerInferFn, options: NerRunnerOptions = {}): NerRunnerFn {
  const maxTokens = options.maxTokens ?? 256;
  const cut = cutoffsFor(options);
  return async (text: string) => {
    const tokens = tokenize(text);
    const tp: TypeProbs = {
      PERSON: new Float32Array(tokens.length),
      LOCATION: new Float32Array(tokens.length),
      ORGANIZATION: new Float32Array(tokens.length),
    };
    const raw: RawSpan[] = [];
    let base = 0;
    for (const chunk of chunkTokens(tokens, maxTokens)) {
      if (chunk.length === 0) continue;
      const logits = await infer(toInputs(chunk));
      if (logits.length !== chunk.length * NUM_LABELS) {
        throw new Error(`model returned ${logits.length} logits for ${chunk.length} tokens`);
      }
      const probs = softmaxRows(logits, chunk.length);
      typeProbs(probs, chunk.length, tp, base);
      for (const r of decodeRaw(probs, chunk.length, base)) raw.push(r);
      base += chunk.length;
    }
    return postprocess(text, tokens, raw, tp, cut);
  };
}

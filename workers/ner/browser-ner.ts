/**
 * The embedded NER model in the browser: onnxruntime-web (WASM backend, single thread) inside the
 * app's Web Worker. Tokenization/decoding are the pure-TS ones from src/core/pii/ner, so results
 * match the Node runner (scripts/lib/ner-node.ts) exactly.
 *
 * Wiring (see docs/pii.md): serve public/models/ner/ner.onnx (at /models/ner/ner.onnx) and
 * node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm from the app origin, then
 *   const ner = await createBrowserNer('/models/ner/ner.onnx', '/ort/');
 *   const result = await detect(text, { ner: ner.run });
 */
import * as ort from 'onnxruntime-web/wasm';
import { CHAR_SLOTS, LABELS } from '../../src/core/pii/ner/features';
import {
  createNerRunner,
  type NerInferFn,
  type NerRunnerOptions,
} from '../../src/core/pii/ner/runner';
import type { NerRunnerFn } from '../../src/core/pii/types';

/** Default URL of the model under public/. */
export const NER_MODEL_URL = '/models/ner/ner.onnx';

export interface BrowserNer {
  /** The NerRunner to pass as `detect(text, { ner })`. */
  run: NerRunnerFn;
  release(): Promise<void>;
}

export interface BrowserNerOptions extends NerRunnerOptions {
  /** WASM threads; >1 needs cross-origin isolation. Default 1. */
  numThreads?: number;
}

/**
 * Loads the model once. `model` is a URL (fetched) or the model bytes; `wasmPaths` is the URL
 * prefix (or per-file map) where onnxruntime-web finds ort-wasm-simd-threaded.wasm/.mjs.
 * Rejects with an Error when the model or the runtime cannot be loaded: callers must then treat
 * the model stage as failed (fail closed).
 */
export async function createBrowserNer(
  model: string | Uint8Array = NER_MODEL_URL,
  wasmPaths?: ort.Env.WasmPrefixOrFilePaths,
  options: BrowserNerOptions = {},
): Promise<BrowserNer> {
  if (wasmPaths !== undefined) ort.env.wasm.wasmPaths = wasmPaths;
  ort.env.wasm.numThreads = options.numThreads ?? 1;
  let bytes: Uint8Array;
  if (typeof model === 'string') {
    const res = await fetch(model);
    if (!res.ok) throw new Error(`NER model fetch failed: ${res.status} ${model}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } else bytes = model;
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const infer: NerInferFn = async (x) => {
    const res = await session.run({
      words: new ort.Tensor('int64', x.words, [1, x.length]),
      chars: new ort.Tensor('int64', x.chars, [1, x.length, CHAR_SLOTS]),
      shapes: new ort.Tensor('int64', x.shapes, [1, x.length]),
    });
    const logits = res.logits;
    if (!logits || logits.dims[2] !== LABELS.length) throw new Error('unexpected NER model output');
    return logits.data as Float32Array;
  };
  return { run: createNerRunner(infer, options), release: () => session.release() };
}

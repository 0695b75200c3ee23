/**
 * The embedded NER model in the browser: onnxruntime-web (WASM backend, single thread) inside the
 * app's Web Worker. The session is the one Node uses too (./ort-session.ts, from
 * scripts/lib/ner-node.ts) and tokenization/decoding are the pure-TS ones from src/core/pii/ner,
 * so the browser and the command line find the same entities.
 *
 * Wiring (see docs/pii.md): serve public/models/ner/ner.onnx (at /models/ner/ner.onnx) and
 * node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm from the app origin, then
 *   const ner = await createBrowserNer('/models/ner/ner.onnx', '/ort/');
 *   const result = await detect(text, { ner: ner.run });
 */
import type * as ort from 'onnxruntime-web/wasm';
import { createNerRunner, type NerRunnerOptions } from '../../src/core/pii/ner/runner';
import type { NerRunnerFn } from '../../src/core/pii/types';
import { createNerSession } from './ort-session';

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
  let bytes: Uint8Array;
  if (typeof model === 'string') {
    const res = await fetch(model);
    if (!res.ok) throw new Error(`NER model fetch failed: ${res.status} ${model}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } else bytes = model;
  const session = await createNerSession(bytes, {
    wasmPaths,
    numThreads: options.numThreads ?? 1,
  });
  return { run: createNerRunner(session.infer, options), release: session.release };
}

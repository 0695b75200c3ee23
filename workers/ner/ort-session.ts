/**
 * The embedded NER model as one onnxruntime-web session (WASM backend), shared by the browser's
 * analysis worker (workers/ner/browser-ner.ts) and Node (scripts/lib/ner-node.ts: the CLIs, the
 * tests, the benchmarks). One runtime and one `.wasm` build everywhere, so the command line and the
 * browser compute the same logits for the same text.
 *
 * Generic on purpose: the model's inputs are fed by their names from the featuriser's output
 * (`NerInputs`: a model input `words` gets the `words` feature), and the logits are read by output
 * name. A retrained model that adds an input only needs the featuriser to produce a field of that
 * name; nothing here changes. No DOM and no Node APIs: it runs in a worker and under Node.
 */
import * as ort from 'onnxruntime-web/wasm';
import type { NerInferFn, NerInputs } from '../../src/core/pii/ner/runner';
import { LABELS } from '../../src/core/pii/ner/features';

export interface NerSessionOptions {
  /** Where onnxruntime-web finds ort-wasm-simd-threaded.{wasm,mjs}: a URL prefix or a folder. */
  wasmPaths?: ort.Env.WasmPrefixOrFilePaths;
  /** WASM threads; >1 needs cross-origin isolation in the browser. Default 1. */
  numThreads?: number;
  /** The output holding [1, T, labels] logits. Default `logits`. */
  outputName?: string;
}

export interface NerSession {
  infer: NerInferFn;
  /** The model's input names, in the model's order (for error messages and tests). */
  inputNames: readonly string[];
  release(): Promise<void>;
}

type Feature = BigInt64Array | Float32Array | Int32Array;

function tensorType(data: Feature): 'int64' | 'float32' | 'int32' {
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Float32Array) return 'float32';
  return 'int32';
}

function isFeature(v: unknown): v is Feature {
  return v instanceof BigInt64Array || v instanceof Float32Array || v instanceof Int32Array;
}

/**
 * Builds the feeds for one call: every input the model declares, taken by name from `x`. A rank-2
 * input is [1, T]; a rank-3 input is [1, T, k] with k = values per token. Throws a plain Error
 * naming the input when the featuriser has no such feature or its length does not fit T.
 */
export function feedsByName(
  inputs: readonly ort.InferenceSession.ValueMetadata[],
  x: NerInputs,
): Record<string, ort.Tensor> {
  const fields = x as unknown as Record<string, unknown>;
  const feeds: Record<string, ort.Tensor> = {};
  for (const meta of inputs) {
    const data = fields[meta.name];
    if (!isFeature(data)) {
      throw new Error(
        `the NER model needs an input "${meta.name}" that the featuriser does not produce`,
      );
    }
    const perToken = x.length === 0 ? 0 : data.length / x.length;
    const rank =
      meta.isTensor && meta.shape.length > 0 ? meta.shape.length : perToken === 1 ? 2 : 3;
    if (!Number.isInteger(perToken) || (rank === 2 && perToken !== 1) || rank < 2 || rank > 3) {
      throw new Error(
        `NER input "${meta.name}": ${data.length} values do not fit ${x.length} tokens at rank ${rank}`,
      );
    }
    const dims = rank === 2 ? [1, x.length] : [1, x.length, perToken];
    feeds[meta.name] = new ort.Tensor(tensorType(data), data, dims);
  }
  return feeds;
}

/**
 * Creates the session from the model bytes. Rejects with an Error when the runtime or the model
 * cannot be loaded: callers treat the model stage as failed (fail closed).
 */
export async function createNerSession(
  model: Uint8Array,
  options: NerSessionOptions = {},
): Promise<NerSession> {
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.numThreads ?? 1;
  const outputName = options.outputName ?? 'logits';
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  if (!session.outputNames.includes(outputName)) {
    await session.release();
    throw new Error(
      `the NER model has no output "${outputName}" (it has ${session.outputNames.join(', ')})`,
    );
  }
  const infer: NerInferFn = async (x) => {
    const res = await session.run(feedsByName(session.inputMetadata, x));
    const out = res[outputName];
    if (!out || out.type !== 'float32' || out.dims.at(-1) !== LABELS.length) {
      throw new Error(`unexpected NER model output "${outputName}"`);
    }
    return out.data as Float32Array;
  };
  return { infer, inputNames: session.inputNames, release: () => session.release() };
}

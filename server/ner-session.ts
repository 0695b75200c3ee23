/**
 * The embedded NER model in the proxy (RESCAN_MODEL=1): src/core's model stage with inference by
 * onnxruntime-node, loaded in each re-scan worker. onnxruntime-node is imported only then, so a
 * proxy that does not use the model does not need it installed.
 */
import type * as Ort from 'onnxruntime-node';
import { createNerRunner, type NerInferFn } from '../src/core/pii/ner/runner';
import { CHAR_SLOTS, LABELS } from '../src/core/pii/ner/features';
import type { NerRunnerFn } from '../src/core/pii';

/** Loads the model from `modelPath`; throws a clear error when onnxruntime-node is missing. */
export async function loadNerRunner(modelPath: string): Promise<NerRunnerFn> {
  let ort: typeof Ort;
  try {
    ort = await import('onnxruntime-node');
  } catch {
    throw new Error(
      'RESCAN_MODEL=1 needs the onnxruntime-node package (npm install onnxruntime-node)',
    );
  }
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    // One thread per worker: the pool already runs one worker per core.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const infer: NerInferFn = async (x) => {
    const res = await session.run({
      words: new ort.Tensor('int64', x.words, [1, x.length]),
      chars: new ort.Tensor('int64', x.chars, [1, x.length, CHAR_SLOTS]),
      shapes: new ort.Tensor('int64', x.shapes, [1, x.length]),
    });
    const logits = res.logits;
    if (!logits || logits.dims[2] !== LABELS.length) throw new Error('unexpected model output');
    return logits.data as Float32Array;
  };
  return createNerRunner(infer);
}

/**
 * The embedded NER model as a lazily loaded worker service: the model and onnxruntime-web load on
 * the first `detectNer` call (never with the worker's first message), once; a failed load is
 * forgotten so the next call tries again. Failures surface as `{code: 'ner_unavailable'}` and the
 * caller must fail closed (nothing leaves the device).
 */
import type { Entity, NerRunnerFn } from '../src/core/pii/types';
import type { BoundaryError } from '../src/core/local-model/worker-api';

export function createNerService(
  load: () => Promise<{ run: NerRunnerFn }>,
): (text: string) => Promise<Entity[]> {
  let runner: Promise<{ run: NerRunnerFn }> | undefined;
  return async (text) => {
    runner ??= load().catch((err: unknown) => {
      runner = undefined;
      throw err;
    });
    try {
      const ner = await runner;
      return await ner.run(text);
    } catch (err) {
      const error: BoundaryError = {
        code: 'ner_unavailable',
        message: `The on-device name detector could not run: ${err instanceof Error ? err.message : String(err)}`,
        hint: 'Nothing is sent off the device while the detector is unavailable; reload the page to retry.',
      };
      throw error;
    }
  };
}

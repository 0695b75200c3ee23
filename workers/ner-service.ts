/**
 * The embedded NER model as a lazily loaded worker service: the model and onnxruntime-web load on
 * the first call or on `warm()` (the page asks for that when it is idle after its first paint,
 * never with the worker's first message), once; a failed load is forgotten so the next call tries
 * again. Failures surface as `{code: 'ner_unavailable'}` and the caller must fail closed (nothing
 * leaves the device).
 */
import type { Entity, NerRunnerFn } from '../src/core/pii/types';
import type { BoundaryError } from '../src/core/local-model/worker-api';

export interface NerService {
  /** The model's entities for `text`, waiting for the model to load first if it must. */
  (text: string): Promise<Entity[]>;
  /** Starts loading the model (if it is not loaded or loading) and resolves once it can run. */
  warm(): Promise<void>;
  /**
   * 'idle' (not asked yet), 'loading', 'ready' (a call runs now), or 'failed' (the last load
   * failed; the next call or warm() tries again).
   */
  state(): 'idle' | 'loading' | 'ready' | 'failed';
}

function unavailable(err: unknown): BoundaryError {
  return {
    code: 'ner_unavailable',
    message: `The on-device name detector could not run: ${err instanceof Error ? err.message : String(err)}`,
    hint: 'Nothing is sent off the device while the detector is unavailable; reload the page to retry.',
  };
}

export function createNerService(load: () => Promise<{ run: NerRunnerFn }>): NerService {
  let runner: Promise<{ run: NerRunnerFn }> | undefined;
  let state: ReturnType<NerService['state']> = 'idle';
  const start = () => {
    if (!runner) state = 'loading';
    return (runner ??= load().then(
      (r) => {
        state = 'ready';
        return r;
      },
      (err: unknown) => {
        runner = undefined;
        state = 'failed';
        throw err;
      },
    ));
  };
  const service = async (text: string) => {
    try {
      const ner = await start();
      return await ner.run(text);
    } catch (err) {
      throw unavailable(err);
    }
  };
  return Object.assign(service, {
    async warm() {
      try {
        await start();
      } catch (err) {
        throw unavailable(err);
      }
    },
    state: () => state,
  });
}

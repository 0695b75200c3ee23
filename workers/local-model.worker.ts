/**
 * The local-model worker: owns everything model-related so the page never loads it. Kept small;
 * the logic lives in modules that are unit-tested without a worker.
 */
import { expose } from 'comlink';
import type { LocalModelWorkerApi } from '../src/core/local-model/worker-api';
import { probeGpu } from './probe-gpu';
import { loadWebLlm } from './web-llm-loader';
import { WebLlmModel } from './web-llm-model';

const model = new WebLlmModel({
  loadWebLlm,
  probe: () => probeGpu(self.navigator.gpu),
  fetch: (url) => self.fetch(url, { method: 'HEAD', cache: 'no-store' }),
});
const api: LocalModelWorkerApi = model;
expose(api);

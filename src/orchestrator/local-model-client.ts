/**
 * The page's handle on the local model: `getLocalModel()` returns one `LocalModelManager` facade.
 * In production it proxies to the local-model worker through comlink (created lazily on first
 * use, never during the first paint; restarted after a crash). In the e2e build only, a test can
 * select the deterministic TestEngine instead (see `selectTestEngine` below and
 * docs/local-model.md); the production bundle does not contain it.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type {
  GenerateRequest,
  GenerateResult,
  JudgeKind,
  Judgement,
  LoadProgress,
  LocalModelManager,
  ModelInfo,
  ModelStatus,
  SelfHostedConfig,
  StorageInfo,
} from '../core/local-model/api';
import type { GpuCapabilities } from '../core/local-model/capabilities';
import type { PiiOpinion } from '../core/local-model/pii-opinion';
import { makeError } from '../core/local-model/errors';
import type { BoundaryError, LocalModelWorkerApi } from '../core/local-model/worker-api';
import { ChromeBuiltinModel } from './builtin-model/chrome-builtin-model';
import type { LanguageModelStatic } from './builtin-model/language-model-api';
import { LocalEngines, type GpuEngine, type LocalModels } from './local-engines';
import { LocalModelFailure } from './local-model-failure';

export class WorkerUnavailableError extends Error implements BoundaryError {
  override name = 'WorkerUnavailableError';
  readonly code = 'worker_unavailable';
}

export { LocalModelFailure };

interface Handle {
  worker: Worker;
  remote: Remote<LocalModelWorkerApi>;
  /** Rejects when the worker fails to load or crashes; never resolves. */
  failed: Promise<never>;
  /** Set once the worker answered a call: later errors are crashes, not start failures. */
  answered: boolean;
}

let handle: Handle | undefined;

function start(): Handle {
  const worker = new Worker(new URL('../../workers/local-model.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-local-model',
  });
  const h: Handle = {
    worker,
    remote: wrap<LocalModelWorkerApi>(worker),
    failed: undefined as unknown as Promise<never>,
    answered: false,
  };
  h.failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event.message ? `: ${event.message}` : '';
      reject(
        h.answered
          ? new LocalModelFailure(
              'worker_crashed',
              `The local-model worker stopped unexpectedly${detail}`,
              makeError('worker_crashed', '').hint,
            )
          : new WorkerUnavailableError(`The local-model worker could not start${detail}`),
      );
      // A crashed worker is dropped so the next call starts a fresh one.
      if (handle === h) handle = undefined;
      worker.terminate();
    });
  });
  h.failed.catch(() => undefined); // observed by callers through call(); avoid unhandled rejections
  const stored = readSelfHostedConfig();
  if (stored) void h.remote.setSelfHosted(stored).catch(() => undefined);
  return h;
}

/** Calls the worker, turning a worker that never starts (or crashes) into a structured error. */
export async function callLocalModel<T>(
  fn: (remote: Remote<LocalModelWorkerApi>) => Promise<T>,
): Promise<T> {
  const h = (handle ??= start());
  const result = await Promise.race([fn(h.remote), h.failed]);
  h.answered = true;
  return result;
}

/** Plain-object form of any error for the UI and logs. */
export function toBoundaryError(err: unknown): BoundaryError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message, hint } = err as { code: unknown; message: unknown; hint?: unknown };
    if (typeof code === 'string' && typeof message === 'string') {
      return typeof hint === 'string' ? { code, message, hint } : { code, message };
    }
  }
  return { code: 'unknown', message: err instanceof Error ? err.message : String(err) };
}

const SELF_HOSTED_KEY = 'hearth:self-hosted-models';

/** The administrator's self-hosted model configuration, kept in this browser's localStorage. */
export function readSelfHostedConfig(): SelfHostedConfig | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(SELF_HOSTED_KEY);
    return raw ? (JSON.parse(raw) as SelfHostedConfig) : undefined;
  } catch {
    return undefined;
  }
}

/** navigator.storage on the page (persist() exists only in windows, not in workers). */
async function storageInfo(): Promise<StorageInfo> {
  const storage = globalThis.navigator?.storage;
  if (!storage) return { usageBytes: undefined, quotaBytes: undefined, persisted: undefined };
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => undefined),
    storage.persisted?.().catch(() => undefined),
  ]);
  return { usageBytes: estimate?.usage, quotaBytes: estimate?.quota, persisted };
}

async function persistStorage(): Promise<boolean> {
  return (await globalThis.navigator?.storage?.persist?.().catch(() => false)) ?? false;
}

function opIdFor(signal: AbortSignal | undefined): string | undefined {
  return signal ? crypto.randomUUID() : undefined;
}

/** Forward an AbortSignal to the worker as `cancel(opId)`. Returns a detach function. */
function forwardAbort(signal: AbortSignal | undefined, opId: string | undefined): () => void {
  if (!signal || !opId) return () => undefined;
  const onAbort = () => void callLocalModel((m) => m.cancel(opId)).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/** The worker-backed facade: comlink proxies for callbacks, op ids for abort, structured errors. */
class WorkerLocalModel implements LocalModelManager {
  readonly engine = 'web-llm' as const;

  private async call<T>(fn: (m: Remote<LocalModelWorkerApi>) => Promise<T>, modelId?: string) {
    try {
      return await callLocalModel(fn);
    } catch (err) {
      if (err instanceof WorkerUnavailableError) throw err;
      throw LocalModelFailure.from(err, modelId);
    }
  }

  capabilities(): Promise<GpuCapabilities> {
    return this.call<GpuCapabilities>((m) => m.capabilities());
  }
  listModels(): Promise<ModelInfo[]> {
    return this.call<ModelInfo[]>((m) => m.listModels());
  }
  async load(
    modelId: string,
    onProgress: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    if (signal?.aborted) throw LocalModelFailure.from(makeError('aborted', 'Cancelled.'));
    const opId = opIdFor(signal);
    const detach = forwardAbort(signal, opId);
    try {
      await this.call((m) => m.load(modelId, proxy(onProgress), opId), modelId);
    } finally {
      detach();
    }
  }
  unload(): Promise<void> {
    return this.call((m) => m.unload());
  }
  async generate(
    request: GenerateRequest,
    onToken: (delta: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult> {
    if (signal?.aborted) throw LocalModelFailure.from(makeError('aborted', 'Cancelled.'));
    const opId = opIdFor(signal);
    const detach = forwardAbort(signal, opId);
    try {
      return await this.call<GenerateResult>((m) => m.generate(request, proxy(onToken), opId));
    } finally {
      detach();
    }
  }
  async judge(kind: JudgeKind, text: string, signal?: AbortSignal): Promise<Judgement> {
    if (signal?.aborted) return { kind, unknown: true, reason: 'cancelled' };
    const opId = opIdFor(signal);
    const detach = forwardAbort(signal, opId);
    try {
      return await this.call<Judgement>((m) => m.judge(kind, text, opId));
    } catch (err) {
      // Judgements never throw: the router treats "unknown" conservatively.
      return { kind, unknown: true, reason: LocalModelFailure.from(err).message };
    } finally {
      detach();
    }
  }
  async findPersonalValues(text: string, signal?: AbortSignal): Promise<PiiOpinion> {
    if (signal?.aborted) return { ok: false, reason: 'cancelled', message: 'cancelled' };
    const opId = opIdFor(signal);
    const detach = forwardAbort(signal, opId);
    try {
      return await this.call<PiiOpinion>((m) => m.findPersonalValues(text, opId));
    } catch (err) {
      // Like judgements, an opinion never throws: a missing one changes nothing.
      return { ok: false, reason: 'failed', message: LocalModelFailure.from(err).message };
    } finally {
      detach();
    }
  }
  status(): Promise<ModelStatus> {
    return this.call<ModelStatus>((m) => m.status());
  }
  deleteCached(modelId: string): Promise<void> {
    return this.call((m) => m.deleteCached(modelId), modelId);
  }
  storage(): Promise<StorageInfo> {
    return storageInfo();
  }
  persistStorage(): Promise<boolean> {
    return persistStorage();
  }
  async setSelfHosted(config: SelfHostedConfig): Promise<void> {
    globalThis.localStorage?.setItem(SELF_HOSTED_KEY, JSON.stringify(config));
    await this.call((m) => m.setSelfHosted(config));
  }
}

let facade: LocalEngines | undefined;

/**
 * The local model for the orchestrator and the Models view: web-llm (in the worker) and Chrome's
 * built-in model behind one facade (see local-engines.ts). One instance per page; nothing starts
 * until the first call.
 */
export function getLocalModel(): LocalModels {
  if (!facade) {
    const gpu = chooseBackend();
    facade = new LocalEngines({
      gpu,
      // after the e2e hook had its chance to install the fake LanguageModel (e2e builds only)
      builtin: gpu.then(
        () =>
          new ChromeBuiltinModel({
            api: () => (globalThis as { LanguageModel?: LanguageModelStatic }).LanguageModel,
            preferredLanguages: () => globalThis.navigator?.languages ?? [],
            policyAllows: permissionsPolicyAllows,
          }),
      ),
      storage: globalThis.localStorage,
    });
  }
  return facade;
}

/** `document.featurePolicy.allowsFeature('language-model')` where Chrome has it. */
function permissionsPolicyAllows(): boolean | undefined {
  const policy = (
    globalThis.document as
      | {
          featurePolicy?: {
            features?: () => string[];
            allowsFeature?: (feature: string) => boolean;
          };
        }
      | undefined
  )?.featurePolicy;
  try {
    // a browser that does not know the feature has no opinion on it (and no built-in model)
    if (!policy?.features?.().includes('language-model')) return undefined;
    return policy.allowsFeature?.('language-model');
  } catch {
    return undefined;
  }
}

async function chooseBackend(): Promise<GpuEngine> {
  // Statically false outside the e2e build, so the test engine's chunk is never emitted there.
  if (import.meta.env.MODE === 'e2e') {
    const { installFakeLanguageModel, installTestEngineHook } = await import('./test-engine/hook');
    installFakeLanguageModel();
    const engine = installTestEngineHook(getLocalModel());
    if (engine) return engine;
  }
  return new WorkerLocalModel();
}

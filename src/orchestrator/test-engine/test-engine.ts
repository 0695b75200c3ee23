/**
 * TestEngine: a deterministic LocalModel for end-to-end tests. Canned tokens with a configurable
 * delay, configurable judgements and failures. Compiled into the e2e build only (see
 * ../local-model-client.ts) and never selectable in the production UI.
 */
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
} from '../../core/local-model/api';
import type { GpuCapabilities } from '../../core/local-model/capabilities';
import { makeError, type LocalModelErrorCode } from '../../core/local-model/errors';
import {
  parsePiiOpinion,
  type PiiOpinion,
  type PiiValue,
} from '../../core/local-model/pii-opinion';
import { LocalModelFailure } from '../local-model-failure';

export interface TestEngineFailure {
  code: LocalModelErrorCode;
  message?: string;
}

export interface TestEngineConfig {
  /** Tokens every generation streams, in order. */
  tokens?: string[];
  /** Delay before each token, ms. */
  tokenDelayMs?: number;
  /** Number of progress steps while loading, and the delay between them, ms. */
  loadSteps?: number;
  loadStepDelayMs?: number;
  /** Bytes the fake download reports. */
  downloadBytes?: number;
  /** A model id that starts out loaded. */
  loadedModel?: string;
  /** Ids already "in the cache". */
  cachedModels?: string[];
  /** The answer for each judgement kind; "unknown" when absent. */
  judgements?: Partial<Record<JudgeKind, Judgement>>;
  judgeDelayMs?: number;
  /** Failures: at load (optionally after some progress), at generation (after some tokens). */
  failLoad?: TestEngineFailure & { afterSteps?: number };
  failGenerate?: TestEngineFailure & { afterTokens?: number };
  /**
   * The PII second opinion: `raw` is the model's answer as text (junk is allowed, it goes through
   * the real parser); else `values` as JSON; none configured answers `{"values":[]}`. `delayMs`
   * makes it slow (the page's budget then gives up).
   */
  piiOpinion?: { raw?: string; values?: PiiValue[]; delayMs?: number };
  /** What capabilities() reports. */
  capabilities?: GpuCapabilities;
  /** Decode speed reported for each generation. */
  decodeTokensPerSecond?: number;
  /**
   * After this many tokens the answer pauses until `configure({ holdAfterTokens: undefined })`
   * (or Stop), so a test can act while an answer is certainly still being written, however slow
   * the machine.
   */
  holdAfterTokens?: number;
}

export const TEST_ENGINE_MODELS: ModelInfo[] = [
  {
    id: 'test-engine-small-q4f32',
    downloadBytes: 300_000_000,
    vramMB: 900,
    contextLength: 4096,
    licence: 'test fixture',
    precision: 'f32',
    fits: true,
    recommended: true,
    cached: false,
  },
  {
    id: 'test-engine-large-q4f32',
    downloadBytes: 5_000_000_000,
    vramMB: 9000,
    contextLength: 4096,
    licence: 'test fixture',
    precision: 'f32',
    fits: false,
    fitReason:
      'needs about 8.8 GB of GPU memory; this device is likely to have 2 GB or less for it',
    recommended: false,
    cached: false,
  },
];

const DEFAULT_CAPS: GpuCapabilities = {
  webgpu: 'available',
  adapter: { vendor: 'test', architecture: 'test-engine', device: '', description: '' },
  shaderF16: false,
  maxBufferSize: 1024 ** 3,
  maxStorageBufferBindingSize: 1024 ** 3,
  softwareRenderer: false,
};

function fail(f: TestEngineFailure): LocalModelFailure {
  const e = makeError(f.code, f.message ?? `Test engine failure: ${f.code}`);
  return new LocalModelFailure(e.code, e.message, e.hint);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(fail({ code: 'aborted', message: 'Cancelled.' }));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(fail({ code: 'aborted', message: 'Cancelled.' }));
      },
      { once: true },
    );
  });
}

export class TestEngine implements LocalModelManager {
  readonly engine = 'test-engine' as const;
  private config: TestEngineConfig;
  private state: ModelStatus;
  private cached: Set<string>;
  private lastTps: number | undefined;
  /** Resolvers of generations paused by `holdAfterTokens`, woken by `configure`. */
  private readonly held = new Set<() => void>();

  constructor(config: TestEngineConfig = {}) {
    this.config = config;
    this.cached = new Set(config.cachedModels ?? []);
    this.state = config.loadedModel
      ? { state: 'ready', modelId: config.loadedModel, lastDecodeTokensPerSecond: undefined }
      : { state: 'idle' };
    if (config.loadedModel) this.cached.add(config.loadedModel);
  }

  /** Change the behaviour mid-test (keeps the loaded model unless `loadedModel` is given). */
  configure(config: TestEngineConfig): void {
    this.config = { ...this.config, ...config };
    for (const wake of this.held) wake();
    for (const id of config.cachedModels ?? []) this.cached.add(id);
    if (config.loadedModel) {
      this.state = {
        state: 'ready',
        modelId: config.loadedModel,
        lastDecodeTokensPerSecond: this.lastTps,
      };
    }
  }

  async capabilities(): Promise<GpuCapabilities> {
    return this.config.capabilities ?? DEFAULT_CAPS;
  }

  async listModels(): Promise<ModelInfo[]> {
    return TEST_ENGINE_MODELS.map((m) => ({ ...m, cached: this.cached.has(m.id) }));
  }

  async load(
    modelId: string,
    onProgress: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    if (!TEST_ENGINE_MODELS.some((m) => m.id === modelId)) {
      throw fail({ code: 'model_not_found', message: `There is no model called "${modelId}".` });
    }
    const steps = this.config.loadSteps ?? 5;
    const total = this.config.downloadBytes ?? 300_000_000;
    const delay = this.config.loadStepDelayMs ?? 100;
    try {
      for (let i = 0; i <= steps; i++) {
        if (this.config.failLoad && i >= (this.config.failLoad.afterSteps ?? 0)) {
          throw fail(this.config.failLoad);
        }
        const fraction = steps === 0 ? 1 : i / steps;
        const progress: LoadProgress = {
          fraction,
          loadedBytes: Math.round(total * fraction),
          totalBytes: total,
          etaSeconds: Math.round(((steps - i) * delay) / 1000),
          text: fraction < 1 ? 'Downloading the model' : 'Ready',
        };
        this.state = { state: 'loading', modelId, progress };
        onProgress(progress);
        if (i < steps) await sleep(delay, signal);
      }
    } catch (err) {
      const code = err instanceof LocalModelFailure ? err.code : 'unknown';
      this.state =
        code === 'aborted'
          ? { state: 'idle' }
          : { state: 'error', modelId, error: { code, message: (err as Error).message } };
      throw err;
    }
    this.cached.add(modelId);
    this.state = { state: 'ready', modelId, lastDecodeTokensPerSecond: this.lastTps };
  }

  async unload(): Promise<void> {
    this.state = { state: 'idle' };
  }

  async generate(
    request: GenerateRequest,
    onToken: (delta: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult> {
    if (this.state.state !== 'ready') {
      throw fail({ code: 'model_not_loaded', message: 'No local model is loaded.' });
    }
    const tokens = this.config.tokens ?? ['Hello', ' from', ' the', ' test', ' engine', '.'];
    const delay = this.config.tokenDelayMs ?? 20;
    const started = performance.now();
    let first: number | undefined;
    let text = '';
    let count = 0;
    const max = request.maxTokens ?? Infinity;
    for (const token of tokens) {
      const failure = this.config.failGenerate;
      if (failure && count >= (failure.afterTokens ?? 0)) throw fail(failure);
      if (count >= max) break;
      try {
        while (this.config.holdAfterTokens !== undefined && count >= this.config.holdAfterTokens)
          await this.hold(signal);
        await sleep(delay, signal);
      } catch {
        return this.result(text, 'abort', count, request, started, first);
      }
      first ??= performance.now();
      text += token;
      count += 1;
      onToken(token);
    }
    return this.result(
      text,
      count >= max && count < tokens.length ? 'length' : 'stop',
      count,
      request,
      started,
      first,
    );
  }

  /** Waits for the next `configure` call (or rejects on abort). */
  private hold(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(fail({ code: 'aborted', message: 'Cancelled.' }));
      const wake = () => {
        this.held.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.held.delete(wake);
        reject(fail({ code: 'aborted', message: 'Cancelled.' }));
      };
      this.held.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private result(
    text: string,
    finishReason: GenerateResult['finishReason'],
    completionTokens: number,
    request: GenerateRequest,
    started: number,
    first: number | undefined,
  ): GenerateResult {
    const tps =
      this.config.decodeTokensPerSecond ?? 1000 / Math.max(1, this.config.tokenDelayMs ?? 20);
    this.lastTps = tps;
    if (this.state.state === 'ready')
      this.state = { ...this.state, lastDecodeTokensPerSecond: tps };
    const promptTokens = request.messages.reduce((n, m) => n + m.content.split(/\s+/).length, 0);
    return {
      text,
      finishReason,
      usage: { promptTokens, completionTokens },
      decodeTokensPerSecond: tps,
      firstTokenMs: (first ?? performance.now()) - started,
    };
  }

  async judge(kind: JudgeKind, _text: string, signal?: AbortSignal): Promise<Judgement> {
    if (this.state.state !== 'ready')
      return { kind, unknown: true, reason: 'no local model is loaded' };
    try {
      await sleep(this.config.judgeDelayMs ?? 0, signal);
    } catch {
      return { kind, unknown: true, reason: 'cancelled' };
    }
    return (
      this.config.judgements?.[kind] ?? {
        kind,
        unknown: true,
        reason: 'the test engine has no judgement configured',
      }
    );
  }

  async findPersonalValues(_text: string, signal?: AbortSignal): Promise<PiiOpinion> {
    if (this.state.state !== 'ready')
      return { ok: false, reason: 'no_model', message: 'no local model is loaded' };
    const cfg = this.config.piiOpinion ?? {};
    try {
      await sleep(cfg.delayMs ?? 0, signal);
    } catch {
      return { ok: false, reason: 'cancelled', message: 'cancelled' };
    }
    return parsePiiOpinion(cfg.raw ?? JSON.stringify({ values: cfg.values ?? [] }));
  }

  async status(): Promise<ModelStatus> {
    return this.state;
  }

  async deleteCached(modelId: string): Promise<void> {
    if (this.state.state === 'ready' && this.state.modelId === modelId)
      this.state = { state: 'idle' };
    this.cached.delete(modelId);
  }

  async storage(): Promise<StorageInfo> {
    const usage = [...this.cached].reduce(
      (n, id) => n + (TEST_ENGINE_MODELS.find((m) => m.id === id)?.downloadBytes ?? 0),
      0,
    );
    return { usageBytes: usage, quotaBytes: 10_000_000_000, persisted: false };
  }

  /** The page's real request, as the worker's facade makes it (it is not web-llm's to fake). */
  async persistStorage(): Promise<boolean> {
    return (await globalThis.navigator?.storage?.persist?.().catch(() => false)) ?? false;
  }

  async setSelfHosted(_config: SelfHostedConfig): Promise<void> {}
}

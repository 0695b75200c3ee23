/**
 * The web-llm-backed local model. Runs in the worker (no DOM) and owns the MLCEngine. web-llm
 * itself comes in through `deps.loadWebLlm()` (a dynamic import in production, a fake in unit
 * tests), so its ~6 MB chunk loads only when a model is listed or loaded.
 */
import type {
  ChatMessage,
  GenerateRequest,
  GenerateResult,
  JudgeKind,
  Judgement,
  LoadProgress,
  ModelInfo,
  ModelStatus,
  SelfHostedConfig,
} from '../src/core/local-model/api';
import type { GpuCapabilities } from '../src/core/local-model/capabilities';
import {
  buildCatalog,
  fitFor,
  requiresF16,
  selfHostedRecords,
  type CatalogRecord,
} from '../src/core/local-model/catalog';
import { makeError, toLocalModelError, type LocalModelError } from '../src/core/local-model/errors';
import {
  JUDGE_SCHEMAS,
  JUDGE_TIMEOUT_MS,
  judgeMessages,
  parseJudgement,
  unknownJudgement,
  withTimeout,
} from '../src/core/local-model/judge';
import {
  PII_OPINION_MAX_TOKENS,
  PII_OPINION_SCHEMA,
  PII_OPINION_TIMEOUT_MS,
  parsePiiOpinion,
  piiOpinionMessages,
  type PiiOpinion,
} from '../src/core/local-model/pii-opinion';
import { createProgressMapper, type InitProgressLike } from '../src/core/local-model/progress';
import type { LocalModelWorkerApi } from '../src/core/local-model/worker-api';

/** The parts of web-llm's chat completion chunks we read. */
export interface ChunkLike {
  choices: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    extra?: { decode_tokens_per_s?: number; prefill_tokens_per_s?: number };
  } | null;
}

/** The parts of web-llm's MLCEngine we use. */
export interface EngineLike {
  reload(modelId: string): Promise<void>;
  unload(): Promise<void>;
  interruptGenerate(): void | Promise<void>;
  setInitProgressCallback(cb: (report: InitProgressLike) => void): void;
  setAppConfig(config: AppConfigLike): void;
  chat: {
    completions: {
      create(request: Record<string, unknown>): Promise<unknown>;
    };
  };
}

export interface AppConfigLike {
  model_list: CatalogRecord[];
}

/** The parts of the web-llm module we use. */
export interface WebLlmLike {
  createEngine(appConfig: AppConfigLike): EngineLike;
  prebuiltModels: readonly CatalogRecord[];
  hasModelInCache(modelId: string, appConfig: AppConfigLike): Promise<boolean>;
  deleteModelAllInfoInCache(modelId: string, appConfig: AppConfigLike): Promise<void>;
}

export interface WebLlmModelDeps {
  loadWebLlm(): Promise<WebLlmLike>;
  probe(): Promise<GpuCapabilities>;
  now?: () => number;
  judgeTimeoutMs?: number;
  opinionTimeoutMs?: number;
  /** Used to tell "server unreachable" from "files missing" after a failed download. */
  fetch?: (url: string) => Promise<{ ok: boolean; status: number }>;
}

type Cancel = () => void;

export class WebLlmModel implements LocalModelWorkerApi {
  private web: Promise<WebLlmLike> | undefined;
  private caps: Promise<GpuCapabilities> | undefined;
  private engine: EngineLike | undefined;
  private loadedId: string | undefined;
  private state: ModelStatus = { state: 'idle' };
  private lastTps: number | undefined;
  private selfHosted: SelfHostedConfig | undefined;
  private readonly ops = new Map<string, Cancel>();
  /** web-llm runs one request at a time: generations and judgements queue here. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: WebLlmModelDeps) {
    this.now = deps.now ?? (() => performance.now());
  }

  capabilities(): Promise<GpuCapabilities> {
    this.caps ??= this.deps.probe();
    return this.caps;
  }

  private webLlm(): Promise<WebLlmLike> {
    this.web ??= this.deps.loadWebLlm().catch((err: unknown) => {
      this.web = undefined;
      throw err;
    });
    return this.web;
  }

  private async appConfig(): Promise<AppConfigLike> {
    const web = await this.webLlm();
    const own = selfHostedRecords(this.selfHosted);
    const ownIds = new Set(own.map((r) => r.model_id));
    const prebuilt = this.selfHosted?.onlySelfHosted
      ? []
      : web.prebuiltModels.filter((r) => !ownIds.has(r.model_id));
    return { model_list: [...own, ...prebuilt] };
  }

  async setSelfHosted(config: SelfHostedConfig): Promise<void> {
    this.selfHosted = config;
    if (this.engine) this.engine.setAppConfig(await this.appConfig());
  }

  async listModels(): Promise<ModelInfo[]> {
    const [caps, web, config] = await Promise.all([
      this.capabilities(),
      this.webLlm(),
      this.appConfig(),
    ]);
    const cachedIds = new Set<string>();
    await Promise.all(
      config.model_list.map(async (r) => {
        if (await web.hasModelInCache(r.model_id, config).catch(() => false)) {
          cachedIds.add(r.model_id);
        }
      }),
    );
    return buildCatalog({
      caps,
      records: config.model_list,
      cachedIds,
      selfHostedIds: new Set(selfHostedRecords(this.selfHosted).map((r) => r.model_id)),
    });
  }

  async status(): Promise<ModelStatus> {
    const caps = await this.capabilities();
    if (caps.webgpu === 'unavailable' && this.state.state === 'idle') {
      return { state: 'unavailable', reason: caps.reason };
    }
    return this.state;
  }

  async cancel(opId: string): Promise<void> {
    this.ops.get(opId)?.();
  }

  async load(modelId: string, onProgress: (p: LoadProgress) => void, opId?: string): Promise<void> {
    try {
      await this.loadOnce(modelId, onProgress, opId);
    } catch (err) {
      const error = toLocalModelError(err, { modelId });
      if (error.code === 'device_lost') {
        // The GPU was reset: a fresh engine on a fresh device, once.
        this.engine = undefined;
        try {
          await this.loadOnce(modelId, onProgress, opId);
          return;
        } catch (again) {
          throw this.fail(toLocalModelError(again, { modelId }), modelId);
        }
      }
      throw this.fail(await this.diagnose(error, modelId), modelId);
    }
  }

  /**
   * web-llm downloads through `Cache.add()`, whose error ("Request failed") is the same for a
   * refused connection and a 404. Ask the server once to tell the user which one it is.
   */
  private async diagnose(error: LocalModelError, modelId: string): Promise<LocalModelError> {
    const fetchFn = this.deps.fetch;
    if (!fetchFn || (error.code !== 'network_lost' && error.code !== 'unknown')) return error;
    const record = (await this.appConfig().catch(() => undefined))?.model_list.find(
      (r) => r.model_id === modelId,
    );
    if (!record) return error;
    const base = record.model.endsWith('/') ? record.model : `${record.model}/`;
    for (const url of [`${base}resolve/main/mlc-chat-config.json`, record.model_lib]) {
      let res: { ok: boolean; status: number };
      try {
        res = await fetchFn(url);
      } catch {
        return makeError(
          'network_lost',
          `The model "${modelId}" could not be downloaded: the model server could not be reached.`,
        );
      }
      if (!res.ok) {
        return makeError(
          'model_not_found',
          `The files for the model "${modelId}" were not found on the model server (${url} answered ${res.status}).`,
        );
      }
    }
    return error;
  }

  private fail(error: LocalModelError, modelId: string | undefined): LocalModelError {
    this.state =
      error.code === 'aborted'
        ? { state: 'idle' }
        : { state: 'error', modelId, error: { code: error.code, message: error.message } };
    return error;
  }

  private async loadOnce(
    modelId: string,
    onProgress: (p: LoadProgress) => void,
    opId: string | undefined,
  ): Promise<void> {
    const caps = await this.capabilities();
    if (caps.webgpu === 'unavailable') {
      throw makeError('webgpu_unavailable', `Local models cannot run here: ${caps.reason}.`);
    }
    const web = await this.webLlm();
    const config = await this.appConfig();
    const record = config.model_list.find((r) => r.model_id === modelId);
    if (!record) {
      throw makeError('model_not_found', `There is no model called "${modelId}" in the catalog.`);
    }
    const fit = fitFor(record, caps);
    if (!fit.fits && requiresF16(record) && !caps.shaderF16) {
      throw makeError('model_too_large', `"${modelId}" cannot run on this device: ${fit.reason}.`);
    }
    const map = createProgressMapper();
    const initial: LoadProgress = {
      fraction: 0,
      loadedBytes: undefined,
      totalBytes: undefined,
      etaSeconds: undefined,
      text: 'Starting',
    };
    this.state = { state: 'loading', modelId, progress: initial };
    this.loadedId = undefined;
    const engine = (this.engine ??= web.createEngine(config));
    engine.setAppConfig(config);
    engine.setInitProgressCallback((report) => {
      const progress = map(report);
      if (this.state.state === 'loading') this.state = { state: 'loading', modelId, progress };
      try {
        onProgress(progress);
      } catch {
        // The page went away; the load itself continues.
      }
    });
    let aborted = false;
    if (opId) {
      this.ops.set(opId, () => {
        aborted = true;
        // unload() aborts web-llm's in-flight fetches (its reloadController).
        void engine.unload().catch(() => undefined);
      });
    }
    try {
      await engine.reload(modelId);
      if (aborted) throw makeError('aborted', 'Cancelled.');
    } catch (err) {
      if (aborted) throw makeError('aborted', 'Cancelled.');
      throw err;
    } finally {
      if (opId) this.ops.delete(opId);
    }
    this.loadedId = modelId;
    this.state = { state: 'ready', modelId, lastDecodeTokensPerSecond: this.lastTps };
  }

  async unload(): Promise<void> {
    const engine = this.engine;
    this.loadedId = undefined;
    this.state = { state: 'idle' };
    if (engine) await engine.unload();
  }

  async deleteCached(modelId: string): Promise<void> {
    if (this.loadedId === modelId) await this.unload();
    const web = await this.webLlm();
    try {
      await web.deleteModelAllInfoInCache(modelId, await this.appConfig());
    } catch (err) {
      throw toLocalModelError(err, { modelId });
    }
  }

  /** Run `task` when the engine is free; requests never interleave inside web-llm. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async generate(
    request: GenerateRequest,
    onToken: (delta: string) => void,
    opId?: string,
  ): Promise<GenerateResult> {
    const modelId = this.loadedId;
    const engine = this.engine;
    if (!modelId || !engine) throw makeError('model_not_loaded', 'No local model is loaded.');
    let aborted = false;
    let started = false;
    if (opId) {
      this.ops.set(opId, () => {
        aborted = true;
        if (started) void engine.interruptGenerate();
      });
    }
    try {
      return await this.exclusive(async () => {
        if (aborted) return abortedResult();
        started = true;
        return await this.stream(engine, request, onToken, () => aborted);
      });
    } catch (err) {
      throw await this.afterFailure(err, modelId);
    } finally {
      if (opId) this.ops.delete(opId);
    }
  }

  private async stream(
    engine: EngineLike,
    request: GenerateRequest,
    onToken: (delta: string) => void,
    isAborted: () => boolean,
  ): Promise<GenerateResult> {
    const t0 = this.now();
    let firstAt: number | undefined;
    let text = '';
    let finish: GenerateResult['finishReason'] = 'stop';
    let usage: ChunkLike['usage'];
    let pieces = 0;
    const chunks = (await engine.chat.completions.create({
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    })) as AsyncIterable<ChunkLike>;
    for await (const chunk of chunks) {
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content;
      if (delta) {
        firstAt ??= this.now();
        text += delta;
        pieces += 1;
        onToken(delta);
      }
      if (choice?.finish_reason === 'length') finish = 'length';
      if (choice?.finish_reason === 'abort') finish = 'abort';
      if (chunk.usage) usage = chunk.usage;
    }
    if (isAborted()) finish = 'abort';
    const end = this.now();
    const completionTokens = usage?.completion_tokens ?? pieces;
    const decodeSeconds = firstAt !== undefined ? (end - firstAt) / 1000 : 0;
    const tps =
      usage?.extra?.decode_tokens_per_s ??
      (decodeSeconds > 0 ? Math.max(0, completionTokens - 1) / decodeSeconds : 0);
    this.lastTps = tps;
    if (this.state.state === 'ready')
      this.state = { ...this.state, lastDecodeTokensPerSecond: tps };
    return {
      text,
      finishReason: finish,
      usage: { promptTokens: usage?.prompt_tokens ?? 0, completionTokens },
      decodeTokensPerSecond: tps,
      firstTokenMs: firstAt !== undefined ? firstAt - t0 : end - t0,
      ...(usage?.extra?.prefill_tokens_per_s !== undefined
        ? { prefillTokensPerSecond: usage.extra.prefill_tokens_per_s }
        : {}),
    };
  }

  /**
   * Map a failed request's error. web-llm unloads itself when the GPU device is lost, so "not
   * loaded" while we hold a model means the device went away: recreate the engine and reload the
   * model once, then report (the caller may retry).
   */
  private async afterFailure(err: unknown, modelId: string): Promise<LocalModelError> {
    const error = toLocalModelError(err, { modelId });
    if (error.code !== 'device_lost' && error.code !== 'model_not_loaded') return error;
    this.engine = undefined;
    try {
      await this.loadOnce(modelId, () => undefined, undefined);
      return makeError(
        'device_lost',
        'The GPU was reset during the answer; the model was reloaded, so you can ask again.',
      );
    } catch (again) {
      return this.fail(
        makeError(
          'device_lost',
          `The GPU was reset and reloading the model failed: ${toLocalModelError(again).message}`,
        ),
        modelId,
      );
    }
  }

  /**
   * One JSON-schema-constrained answer (temperature 0), queued behind other requests, with a
   * timeout that interrupts the engine. Resolves with the raw text or why there is none.
   */
  private async structured(
    messages: ChatMessage[],
    schema: object,
    maxTokens: number,
    timeoutMs: number,
    opId: string | undefined,
  ): Promise<
    { raw: string } | { failed: 'no_model' | 'timeout' | 'failed' | 'cancelled'; why: string }
  > {
    const engine = this.engine;
    if (!this.loadedId || !engine) return { failed: 'no_model', why: 'no local model is loaded' };
    type Out = { raw: string } | { failed: 'timeout' | 'failed' | 'cancelled'; why: string };
    let cancelled = false;
    let active = false;
    let settleCancelled: (o: Out) => void = () => undefined;
    // A cancelled call answers at once; the engine's slot frees when the interruption lands.
    const cancelledNow = new Promise<Out>((resolve) => (settleCancelled = resolve));
    const interrupt = () => {
      cancelled = true;
      if (active) void engine.interruptGenerate();
    };
    if (opId)
      this.ops.set(opId, () => {
        interrupt();
        settleCancelled({ failed: 'cancelled', why: 'cancelled' });
      });
    const work = this.exclusive(async (): Promise<Out> => {
      if (cancelled)
        return { failed: 'cancelled', why: 'cancelled or timed out before it started' };
      active = true;
      try {
        const reply = (await engine.chat.completions.create({
          messages,
          stream: false,
          temperature: 0,
          max_tokens: maxTokens,
          response_format: { type: 'json_object', schema: JSON.stringify(schema) },
        })) as { choices: Array<{ message?: { content?: string | null } }> };
        if (cancelled) return { failed: 'cancelled', why: 'cancelled' };
        return { raw: reply.choices[0]?.message?.content ?? '' };
      } catch (err) {
        return {
          failed: 'failed',
          why: `the local model failed: ${toLocalModelError(err).message}`,
        };
      } finally {
        active = false;
      }
    });
    try {
      return await withTimeout<Out>(
        Promise.race([work, cancelledNow]),
        timeoutMs,
        () => ({ failed: 'timeout', why: 'the local model took too long' }),
        interrupt,
      );
    } finally {
      if (opId) this.ops.delete(opId);
    }
  }

  async judge(kind: JudgeKind, text: string, opId?: string): Promise<Judgement> {
    const r = await this.structured(
      judgeMessages(kind, text),
      JUDGE_SCHEMAS[kind],
      160,
      this.deps.judgeTimeoutMs ?? JUDGE_TIMEOUT_MS,
      opId,
    );
    return 'raw' in r ? parseJudgement(kind, r.raw) : unknownJudgement(kind, r.why);
  }

  async findPersonalValues(text: string, opId?: string): Promise<PiiOpinion> {
    const r = await this.structured(
      piiOpinionMessages(text),
      PII_OPINION_SCHEMA,
      PII_OPINION_MAX_TOKENS,
      // the page's budget (the policy's) aborts sooner; this only bounds a forgotten call
      this.deps.opinionTimeoutMs ?? PII_OPINION_TIMEOUT_MS,
      opId,
    );
    return 'raw' in r ? parsePiiOpinion(r.raw) : { ok: false, reason: r.failed, message: r.why };
  }
}

function abortedResult(): GenerateResult {
  return {
    text: '',
    finishReason: 'abort',
    usage: { promptTokens: 0, completionTokens: 0 },
    decodeTokensPerSecond: 0,
    firstTokenMs: 0,
  };
}

/**
 * The LocalModel interface: one contract implemented by the web-llm engine in the worker and by
 * the clearly named test engine, so the orchestrator does not care which one runs (the way
 * web-llm's MLCEngineInterface is implemented by both its engine and its worker proxy).
 * Types only: shared by page and worker.
 */
import type { GpuCapabilities } from './capabilities';
import type { PiiOpinion } from './pii-opinion';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
}

export interface GenerateResult {
  text: string;
  finishReason: 'stop' | 'length' | 'abort';
  usage: { promptTokens: number; completionTokens: number };
  /** Decode speed of this generation, for the Models view. */
  decodeTokensPerSecond: number;
  /** Time from the call to the first token, in ms. */
  firstTokenMs: number;
  /** Prompt processing speed as the engine measured it, when it reports one. */
  prefillTokensPerSecond?: number;
}

/** Judgements the router asks of the local model. */
export type JudgeKind = 'sensitivity' | 'difficulty' | 'answer-confidence';

export type SensitivityLevel = 'public' | 'internal' | 'personal' | 'regulated';

export type Judgement =
  | { kind: 'sensitivity'; level: SensitivityLevel; categories: string[]; confidence: number }
  | { kind: 'difficulty'; difficulty: 'simple' | 'complex'; confidence: number }
  | { kind: 'answer-confidence'; confidence: number }
  /** No model loaded, timed out, or unparsable output: the router treats it conservatively. */
  | { kind: JudgeKind; unknown: true; reason: string };

export interface ModelInfo {
  id: string;
  /** Download size in bytes (weights + library), when known. */
  downloadBytes: number | undefined;
  vramMB: number | undefined;
  contextLength: number | undefined;
  licence: string | undefined;
  precision: 'f16' | 'f32' | 'unknown';
  fits: boolean;
  /** Why it does not fit, in plain words. */
  fitReason?: string;
  recommended: boolean;
  cached: boolean;
  /** True when `downloadBytes` is estimated from the parameter count and quantization. */
  downloadBytesEstimated?: boolean;
  /** Needs the `shader-f16` WebGPU feature. */
  requiresF16?: boolean;
  /** An administrator's self-hosted entry rather than web-llm's prebuilt catalog. */
  selfHosted?: boolean;
}

export interface LoadProgress {
  /** 0..1 */
  fraction: number;
  loadedBytes: number | undefined;
  totalBytes: number | undefined;
  etaSeconds: number | undefined;
  text: string;
}

/** Which implementation of LocalModel runs: web-llm on WebGPU, Chrome's built-in model, or (e2e builds only) the test engine. */
export type EngineKind = 'web-llm' | 'chrome-built-in' | 'test-engine';

export type ModelStatus =
  | { state: 'unavailable'; reason: string }
  | { state: 'idle' }
  | { state: 'loading'; modelId: string; progress: LoadProgress; engine?: EngineKind }
  | {
      state: 'ready';
      modelId: string;
      lastDecodeTokensPerSecond: number | undefined;
      /** Filled in by the page's facade (the engines do not know their own name). */
      engine?: EngineKind;
    }
  | { state: 'error'; modelId: string | undefined; error: { code: string; message: string } };

/**
 * The local model. Callbacks and AbortSignals cross the worker boundary through comlink proxies
 * on the client side; implementations must stop work promptly when the signal aborts.
 */
export interface LocalModel {
  capabilities(): Promise<GpuCapabilities>;
  listModels(): Promise<ModelInfo[]>;
  load(modelId: string, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
  unload(): Promise<void>;
  generate(
    request: GenerateRequest,
    onToken: (delta: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult>;
  judge(kind: JudgeKind, text: string, signal?: AbortSignal): Promise<Judgement>;
  /**
   * The personal values the model sees in `text` (at most MAX_PII_OPINION_CHARS of it), through
   * a JSON-schema-constrained prompt (see pii-opinion.ts). Never throws: no model, a failure, a
   * cancellation or an unparsable answer come back as `{ok: false, reason}`.
   */
  findPersonalValues(text: string, signal?: AbortSignal): Promise<PiiOpinion>;
  status(): Promise<ModelStatus>;
}

/** Browser storage as reported by `navigator.storage` in the worker. */
export interface StorageInfo {
  usageBytes: number | undefined;
  quotaBytes: number | undefined;
  /** Whether the browser promised not to evict our data under storage pressure. */
  persisted: boolean | undefined;
}

/**
 * A self-hosted model entry. `modelUrl` is the folder web-llm fetches from after appending
 * `resolve/main/`; `modelLibUrl` is the compiled model library (.wasm). See docs/local-model.md.
 */
export interface SelfHostedModel {
  id: string;
  modelUrl: string;
  modelLibUrl: string;
  vramMB?: number;
  contextLength?: number;
  licence?: string;
  requiresF16?: boolean;
}

/** What an administrator configures for air-gapped or private model hosting. */
export interface SelfHostedConfig {
  /** Base URL prepended to relative `modelUrl`/`modelLibUrl` of the entries below. */
  baseUrl?: string;
  models: SelfHostedModel[];
  /** Hide web-llm's prebuilt catalog (Hugging Face) entirely, e.g. in an air-gapped office. */
  onlySelfHosted?: boolean;
}

/**
 * The local model plus model management for the Models view (cache, storage, self-hosting).
 * The orchestrator only needs `LocalModel`; the facade from `getLocalModel()` implements both.
 */
export interface LocalModelManager extends LocalModel {
  /** Remove a model's weights, library and config from the browser cache. */
  deleteCached(modelId: string): Promise<void>;
  storage(): Promise<StorageInfo>;
  /** Ask the browser to keep downloaded models under storage pressure. */
  persistStorage(): Promise<boolean>;
  /** Replace the self-hosted catalog entries (the page stores them; the worker uses them). */
  setSelfHosted(config: SelfHostedConfig): Promise<void>;
}

/** Chrome's built-in model (Prompt API) on this device; 'unsupported': no `LanguageModel` at all. */
export type BuiltinAvailability =
  'unsupported' | 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** What the Models view shows about Chrome's built-in model. */
export interface BuiltinInfo {
  availability: BuiltinAvailability;
  /** Why it cannot be used, in plain words (when it cannot). */
  reason?: string;
  /** Languages it accepts for input and output (base tags, e.g. "en"). */
  languages: string[];
  /** The session's context size in tokens, once a session was created. */
  contextWindow?: number;
}

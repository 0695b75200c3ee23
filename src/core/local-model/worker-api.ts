/**
 * The API the local-model worker exposes through comlink. Both sides import this module for its
 * types only; nothing here runs.
 *
 * AbortSignals cannot cross postMessage, so each cancellable call takes an operation id chosen by
 * the page, and the page calls `cancel(opId)` when its signal aborts. Callbacks cross as comlink
 * `proxy()`s. Errors are thrown as plain `{code, message, hint}` objects (comlink passes non-Error
 * values through unchanged).
 */
import type { GpuCapabilities } from './capabilities';
import type {
  GenerateRequest,
  GenerateResult,
  JudgeKind,
  Judgement,
  LoadProgress,
  ModelInfo,
  ModelStatus,
  SelfHostedConfig,
} from './api';
import type { PiiOpinion } from './pii-opinion';

export interface LocalModelWorkerApi {
  /** Probe WebGPU from inside the worker (where the model will run). Never throws. */
  capabilities(): Promise<GpuCapabilities>;
  listModels(): Promise<ModelInfo[]>;
  load(modelId: string, onProgress: (p: LoadProgress) => void, opId?: string): Promise<void>;
  unload(): Promise<void>;
  generate(
    request: GenerateRequest,
    onToken: (delta: string) => void,
    opId?: string,
  ): Promise<GenerateResult>;
  judge(kind: JudgeKind, text: string, opId?: string): Promise<Judgement>;
  findPersonalValues(text: string, opId?: string): Promise<PiiOpinion>;
  status(): Promise<ModelStatus>;
  /** Stop the load, generation or judgement started with this id (no-op when finished). */
  cancel(opId: string): Promise<void>;
  deleteCached(modelId: string): Promise<void>;
  setSelfHosted(config: SelfHostedConfig): Promise<void>;
}

/** Structured error shape used across the worker boundary. */
export interface BoundaryError {
  code: string;
  message: string;
  /** What the user can do about it, in plain words. */
  hint?: string;
}

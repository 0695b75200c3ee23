/**
 * The API the local-model worker exposes through comlink. Both sides import this module for its
 * types only; nothing here runs.
 */
import type { GpuCapabilities } from './capabilities';

export interface LocalModelWorkerApi {
  /** Probe WebGPU from inside the worker (where the model will run). Never throws. */
  capabilities(): Promise<GpuCapabilities>;
}

/** Structured error shape used across the worker boundary. */
export interface BoundaryError {
  code: string;
  message: string;
}

/**
 * Maps whatever the model runtime throws to the structured errors the UI shows, each with a
 * plain-words message and a recovery hint. Pure: matches error names and messages, because
 * web-llm's error classes do not survive the worker boundary.
 */
import type { BoundaryError } from './worker-api';

export type LocalModelErrorCode =
  | 'webgpu_unavailable'
  | 'model_too_large'
  | 'quota_exceeded'
  | 'network_lost'
  | 'device_lost'
  | 'worker_crashed'
  | 'model_not_found'
  | 'model_not_loaded'
  | 'aborted'
  | 'not_allowed'
  | 'context_overflow'
  | 'language_unsupported'
  | 'builtin_unavailable'
  | 'unknown';

export interface LocalModelError extends BoundaryError {
  code: LocalModelErrorCode;
  /** What the user can do about it. */
  hint: string;
}

const HINTS: Record<LocalModelErrorCode, string> = {
  webgpu_unavailable:
    'Use a recent Chrome or Edge with hardware acceleration turned on. Detection and routing keep working without a local model.',
  model_too_large: 'Choose a smaller model from the list of models that fit this device.',
  quota_exceeded:
    'Free up space: delete models you no longer use, or allow this site more storage, then try again.',
  network_lost:
    'Check the connection (or the self-hosted model address) and try again; parts already downloaded are kept.',
  device_lost:
    'The GPU was reset (a driver update, sleep, or another app). Try loading the model again; restarting the browser helps if it keeps happening.',
  worker_crashed: 'The model worker was restarted. Load the model again.',
  model_not_found:
    'The model files are not where the catalog says. Check the self-hosted folder layout (see the documentation) or pick another model.',
  model_not_loaded: 'Load a model on the Models page first.',
  aborted: 'Nothing to do: you cancelled it.',
  not_allowed:
    "Chrome's built-in model starts its download only from a click on this page, and only when the server's Permissions-Policy allows language-model for this site. Click the button again; if it keeps failing, ask the administrator.",
  context_overflow:
    "Start a new conversation or shorten the message: Chrome's built-in model has a small context window.",
  language_unsupported:
    "Chrome's built-in model does not support this language yet: write in one it supports (listed on the Models page) or use a web-llm model.",
  builtin_unavailable:
    'Use a web-llm model instead, or Chrome 148 or later on a desktop that meets its requirements (the Models page says what this device has).',
  unknown: 'Try again; if it keeps failing, reload the page.',
};

export function hintFor(code: LocalModelErrorCode): string {
  return HINTS[code];
}

export function makeError(code: LocalModelErrorCode, message: string): LocalModelError {
  return { code, message, hint: HINTS[code] };
}

const KNOWN_CODES = new Set<string>(Object.keys(HINTS));

function nameAndMessage(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  if (err && typeof err === 'object') {
    const o = err as { name?: unknown; message?: unknown };
    return {
      name: typeof o.name === 'string' ? o.name : '',
      message: typeof o.message === 'string' ? o.message : JSON.stringify(err),
    };
  }
  return { name: '', message: String(err) };
}

/** Classify any thrown value. Already-structured errors with a known code pass through. */
export function toLocalModelError(
  err: unknown,
  context: { modelId?: string } = {},
): LocalModelError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && KNOWN_CODES.has(code) && typeof message === 'string') {
      return makeError(code as LocalModelErrorCode, message);
    }
  }
  const { name, message } = nameAndMessage(err);
  const text = `${name} ${message}`;
  const model = context.modelId ? ` "${context.modelId}"` : '';

  if (name === 'AbortError' || /\babort(ed)?\b|interrupted|cancel/i.test(message)) {
    return makeError('aborted', 'Cancelled.');
  }
  if (/QuotaExceeded|quota|storage.*(full|exceeded)|no space/i.test(text)) {
    return makeError('quota_exceeded', 'There is not enough storage space left for the model.');
  }
  if (/DeviceLost|device (was )?lost|GPUDevice.*lost|device is lost/i.test(text)) {
    return makeError('device_lost', 'The GPU stopped responding while running the model.');
  }
  if (
    /WebGPUNotAvailable|WebGPUNotFound|WebGPU is not (available|supported)|navigator\.gpu|no (GPU )?adapter|requestAdapter/i.test(
      text,
    )
  ) {
    return makeError(
      'webgpu_unavailable',
      'This browser or device cannot run models on the GPU (no WebGPU).',
    );
  }
  if (/ShaderF16Support|shader-f16|FeatureSupport/i.test(text)) {
    return makeError(
      'model_too_large',
      `The model${model} needs GPU features this device lacks (16-bit float shaders).`,
    );
  }
  if (
    /out of memory|OutOfMemory|allocation failed|Buffer size .* exceeds|maxBufferSize|maxStorageBufferBindingSize|too large/i.test(
      text,
    )
  ) {
    return makeError(
      'model_too_large',
      `The model${model} is too large for this device's GPU memory.`,
    );
  }
  if (
    /ModelNotFound|SpecifiedModelNotFound|UnsupportedModelId|Cannot find model record|404|Not Found|MissingModelWasm/i.test(
      text,
    )
  ) {
    return makeError(
      'model_not_found',
      `The files for the model${model} were not found on the model server.`,
    );
  }
  if (/Unexpected token|is not valid JSON|JSON\.parse|SyntaxError/i.test(text)) {
    return makeError(
      'model_not_found',
      `The model server answered, but not with the model${model}'s files (check the folder layout).`,
    );
  }
  if (/ModelNotLoaded|EngineNotLoaded|not loaded/i.test(text)) {
    return makeError('model_not_loaded', 'No local model is loaded.');
  }
  if (
    /Failed to fetch|NetworkError|network|Cannot fetch|ERR_|fetch failed|Load failed|net::/i.test(
      text,
    )
  ) {
    return makeError(
      'network_lost',
      `The model${model} could not be downloaded: the model server could not be reached.`,
    );
  }
  return makeError('unknown', message || 'Something went wrong in the local model.');
}

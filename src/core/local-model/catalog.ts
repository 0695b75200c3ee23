/**
 * The model catalog for this device: web-llm's prebuilt records (passed in by the worker, so this
 * module never imports web-llm) filtered and ranked for the GPU the worker probed. Pure functions.
 */
import type { GpuCapabilities } from './capabilities';
import type { ModelInfo, SelfHostedConfig } from './api';

/** The fields of web-llm's `ModelRecord` the catalog reads (a structural subset). */
export interface CatalogRecord {
  model: string;
  model_id: string;
  model_lib: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  buffer_size_required_bytes?: number;
  required_features?: string[];
  overrides?: { context_window_size?: number };
  /** web-llm's ModelType: 0 or absent = LLM, 1 = embedding, 2 = vision. */
  model_type?: number;
}

/** Rough device classes; the budget is the VRAM (MB) we let a model claim. */
export type DeviceClass = 'software' | 'low' | 'mid' | 'high';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * WebGPU does not expose the amount of video memory, so the adapter's buffer limits stand in for
 * it: browsers cap `maxBufferSize` well below the memory they can use, and give larger caps to
 * larger GPUs. Conservative on purpose: a model that does not fit fails late and slowly.
 */
export function deviceClass(caps: GpuCapabilities): DeviceClass | undefined {
  if (caps.webgpu !== 'available') return undefined;
  if (caps.softwareRenderer) return 'software';
  if (caps.maxBufferSize >= 4 * GIB) return 'high';
  if (caps.maxBufferSize >= 2 * GIB) return 'mid';
  return 'low';
}

/** VRAM budget in MB for each device class. */
export const VRAM_BUDGET_MB: Record<DeviceClass, number> = {
  software: 2048,
  low: 2048,
  mid: 4096,
  high: 8192,
};

/** Preferred defaults per device class, first available wins. */
const DEFAULTS: Record<DeviceClass, { f16: string[]; f32: string[] }> = {
  software: {
    f16: ['Qwen2.5-0.5B-Instruct-q4f16_1-MLC'],
    f32: ['Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 'Llama-3.2-1B-Instruct-q4f32_1-MLC'],
  },
  low: {
    f16: ['Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 'Llama-3.2-1B-Instruct-q4f16_1-MLC'],
    f32: ['Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 'Llama-3.2-1B-Instruct-q4f32_1-MLC'],
  },
  mid: {
    f16: ['Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 'Llama-3.2-1B-Instruct-q4f16_1-MLC'],
    f32: ['Qwen2.5-1.5B-Instruct-q4f32_1-MLC', 'Llama-3.2-1B-Instruct-q4f32_1-MLC'],
  },
  high: {
    f16: ['Llama-3.2-3B-Instruct-q4f16_1-MLC', 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC'],
    f32: ['Llama-3.2-3B-Instruct-q4f32_1-MLC', 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC'],
  },
};

/** Licences of the model families we know, by id prefix (case-insensitive). */
const LICENCES: Array<[RegExp, string]> = [
  [/^Llama-3\.2/i, 'Llama 3.2 Community Licence'],
  [/^Llama-3\.1/i, 'Llama 3.1 Community Licence'],
  [/^Llama-3-/i, 'Llama 3 Community Licence'],
  [/^Llama-2/i, 'Llama 2 Community Licence'],
  [/^Hermes-(2|3)-.*Llama-3\.2/i, 'Llama 3.2 Community Licence'],
  [/^(Hermes|DeepSeek-R1-Distill-Llama).*Llama-3/i, 'Llama 3 Community Licence'],
  [/^Qwen2\.5-(Coder-)?3B/i, 'Qwen Research Licence'],
  [/^Qwen/i, 'Apache 2.0'],
  [/^DeepSeek-R1-Distill-Qwen/i, 'MIT'],
  [/^gemma/i, 'Gemma Terms of Use'],
  [/^Phi-/i, 'MIT'],
  [/^phi-2/i, 'MIT'],
  [/^SmolLM2/i, 'Apache 2.0'],
  [/^(Mistral|Ministral|OpenHermes|NeuralHermes|Hermes-2-Pro-Mistral)/i, 'Apache 2.0'],
  [/^OLMo/i, 'Apache 2.0'],
  [/^TinyLlama/i, 'Apache 2.0'],
  [/^stablelm-2-zephyr/i, 'Stability AI Non-Commercial Research Community Licence'],
  [/^RedPajama/i, 'Apache 2.0'],
  [/^WizardMath/i, 'Llama 2 Community Licence'],
];

export function licenceFor(modelId: string): string {
  return LICENCES.find(([re]) => re.test(modelId))?.[1] ?? 'unknown';
}

/** q4f16_1 -> f16, q4f32_1 / q0f32 -> f32. */
export function precisionOf(modelId: string): ModelInfo['precision'] {
  const m = /q\d+(f16|f32|bf16)/i.exec(modelId);
  if (!m) return 'unknown';
  return m[1]?.toLowerCase() === 'f32' ? 'f32' : 'f16';
}

export function requiresF16(record: CatalogRecord): boolean {
  return (
    precisionOf(record.model_id) === 'f16' ||
    (record.required_features ?? []).includes('shader-f16')
  );
}

/** Parameter count from names like "Qwen2.5-1.5B", "SmolLM2-360M", "gemma-2-2b", "E2B". */
export function parameterCount(modelId: string): number | undefined {
  const m = /(?:^|[-_])E?(\d+(?:\.\d+)?)([BM])(?=[-_]|$)/i.exec(modelId);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2]?.toUpperCase() === 'B' ? n * 1e9 : n * 1e6;
}

/**
 * web-llm's records carry no download size: estimate it from the parameter count and the
 * quantization (q4 group quantization stores ~4.5 bits a weight, q3 ~3.5, q0 keeps 16/32 bits).
 */
export function estimateDownloadBytes(modelId: string): number | undefined {
  const params = parameterCount(modelId);
  const q = /q(\d)(f16|f32|bf16)/i.exec(modelId);
  if (params === undefined || !q) return undefined;
  const bits = q[1] === '0' ? (q[2]?.toLowerCase() === 'f32' ? 32 : 16) : Number(q[1]) + 0.5;
  return Math.round((params * bits) / 8);
}

/** Whether a record fits the device, and why not in plain words. */
export function fitFor(
  record: CatalogRecord,
  caps: GpuCapabilities,
): { fits: boolean; reason?: string } {
  if (caps.webgpu !== 'available') {
    return { fits: false, reason: 'this device has no usable WebGPU' };
  }
  if (requiresF16(record) && !caps.shaderF16) {
    return { fits: false, reason: 'needs 16-bit float shaders, which this GPU lacks' };
  }
  if (
    record.buffer_size_required_bytes !== undefined &&
    record.buffer_size_required_bytes > caps.maxStorageBufferBindingSize
  ) {
    return { fits: false, reason: 'needs larger GPU buffers than this device allows' };
  }
  const budget = VRAM_BUDGET_MB[deviceClass(caps) ?? 'low'];
  if (record.vram_required_MB !== undefined && record.vram_required_MB > budget) {
    return {
      fits: false,
      reason: `needs about ${(record.vram_required_MB / 1024).toFixed(1)} GB of GPU memory; this device is likely to have ${(budget / 1024).toFixed(0)} GB or less for it`,
    };
  }
  return { fits: true };
}

/** Chat models only: embedding and vision records are not answers the router can use. */
function isChatModel(record: CatalogRecord): boolean {
  return record.model_type === undefined || record.model_type === 0;
}

export interface CatalogOptions {
  caps: GpuCapabilities;
  records: readonly CatalogRecord[];
  /** Ids found in the browser cache. */
  cachedIds?: ReadonlySet<string>;
  /** Ids of self-hosted entries (marked as such and ranked first). */
  selfHostedIds?: ReadonlySet<string>;
}

/**
 * The catalog for this device. f16 variants are dropped when the GPU lacks shader-f16 (they can
 * never run); models over the VRAM budget stay in the list with `fits: false` and a reason, so
 * the view can hide them by default and still explain. Ranked: recommended first, then
 * self-hosted, cached, fitting, smaller.
 */
export function buildCatalog(options: CatalogOptions): ModelInfo[] {
  const { caps, records } = options;
  const cached = options.cachedIds ?? new Set<string>();
  const selfHosted = options.selfHostedIds ?? new Set<string>();
  const f16 = caps.webgpu === 'available' && caps.shaderF16;
  const usable = records.filter(
    (r) => isChatModel(r) && (f16 || !requiresF16(r) || selfHosted.has(r.model_id)),
  );
  const recommendedId = recommend(usable, caps);
  const infos = usable.map((r): ModelInfo => {
    const fit = fitFor(r, caps);
    const estimate = estimateDownloadBytes(r.model_id);
    return {
      id: r.model_id,
      downloadBytes: estimate,
      downloadBytesEstimated: estimate !== undefined,
      vramMB: r.vram_required_MB,
      contextLength: r.overrides?.context_window_size,
      licence: licenceFor(r.model_id),
      precision: precisionOf(r.model_id),
      fits: fit.fits,
      ...(fit.reason ? { fitReason: fit.reason } : {}),
      recommended: r.model_id === recommendedId,
      cached: cached.has(r.model_id),
      requiresF16: requiresF16(r),
      ...(selfHosted.has(r.model_id) ? { selfHosted: true } : {}),
    };
  });
  const score = (m: ModelInfo) =>
    (m.recommended ? 0 : 8) + (m.selfHosted ? 0 : 4) + (m.cached ? 0 : 2) + (m.fits ? 0 : 16);
  return infos.sort(
    (a, b) =>
      score(a) - score(b) ||
      (a.vramMB ?? Infinity) - (b.vramMB ?? Infinity) ||
      a.id.localeCompare(b.id),
  );
}

/** The one default model for this device class, or undefined without WebGPU. */
export function recommend(
  records: readonly CatalogRecord[],
  caps: GpuCapabilities,
): string | undefined {
  const cls = deviceClass(caps);
  if (!cls || caps.webgpu !== 'available') return undefined;
  const prefs = DEFAULTS[cls];
  const candidates = caps.shaderF16 ? [...prefs.f16, ...prefs.f32] : prefs.f32;
  const ids = new Set(records.filter((r) => fitFor(r, caps).fits).map((r) => r.model_id));
  const preferred = candidates.find((id) => ids.has(id));
  if (preferred) return preferred;
  // Unknown catalog (a future web-llm): the smallest low-resource model that fits.
  return [...records]
    .filter((r) => ids.has(r.model_id) && r.low_resource_required)
    .sort((a, b) => (a.vram_required_MB ?? Infinity) - (b.vram_required_MB ?? Infinity))[0]
    ?.model_id;
}

/** Resolve `url` against the admin's base URL (absolute URLs are kept). */
function resolveUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(url, base).href;
}

/**
 * web-llm records for the admin's self-hosted entries. web-llm appends `resolve/main/` to
 * `model`, so the folder must be laid out as `<modelUrl>/resolve/main/mlc-chat-config.json` etc.
 */
export function selfHostedRecords(config: SelfHostedConfig | undefined): CatalogRecord[] {
  if (!config) return [];
  return config.models.map((m) => ({
    model: withSlash(resolveUrl(m.modelUrl, config.baseUrl)),
    model_id: m.id,
    model_lib: resolveUrl(m.modelLibUrl, config.baseUrl),
    ...(m.vramMB !== undefined ? { vram_required_MB: m.vramMB } : {}),
    ...(m.contextLength !== undefined
      ? { overrides: { context_window_size: m.contextLength } }
      : {}),
    ...(m.requiresF16 ? { required_features: ['shader-f16'] } : {}),
    low_resource_required: true,
  }));
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Validate an admin's config; returns plain-words problems (empty when fine). */
export function validateSelfHosted(config: SelfHostedConfig): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (config.baseUrl) {
    try {
      new URL(config.baseUrl);
    } catch {
      problems.push(`The base address "${config.baseUrl}" is not a full URL (https://…).`);
    }
  }
  for (const m of config.models) {
    if (!m.id.trim()) problems.push('Every model needs a name.');
    if (ids.has(m.id)) problems.push(`The model name "${m.id}" is used twice.`);
    ids.add(m.id);
    for (const [label, url] of [
      ['model folder', m.modelUrl],
      ['model library', m.modelLibUrl],
    ] as const) {
      try {
        resolveUrl(url, config.baseUrl);
        if (!config.baseUrl) new URL(url);
      } catch {
        problems.push(`The ${label} address of "${m.id}" is not a valid URL.`);
      }
    }
  }
  return problems;
}

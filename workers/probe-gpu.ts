/**
 * WebGPU capability probe. Runs in the worker (no DOM); takes the `GPU` object as a parameter so it
 * can be unit-tested with a fake.
 */
import {
  looksLikeSoftwareRenderer,
  type GpuCapabilities,
} from '../src/core/local-model/capabilities';

/** The parts of navigator.gpu the probe reads. */
export interface GpuLike {
  requestAdapter(options?: GPURequestAdapterOptions): Promise<AdapterLike | null>;
}

export interface AdapterLike {
  readonly features: ReadonlySetLike<string>;
  readonly limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  readonly info?: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}

interface ReadonlySetLike<T> {
  has(value: T): boolean;
}

export async function probeGpu(gpu: GpuLike | undefined): Promise<GpuCapabilities> {
  if (!gpu) {
    return { webgpu: 'unavailable', reason: 'this browser does not expose WebGPU to workers' };
  }
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { webgpu: 'unavailable', reason: `requesting a GPU adapter failed (${message})` };
  }
  if (!adapter) {
    return {
      webgpu: 'unavailable',
      reason: 'no GPU adapter is available (WebGPU is disabled or the GPU is blocklisted)',
    };
  }
  const info = {
    vendor: adapter.info?.vendor ?? '',
    architecture: adapter.info?.architecture ?? '',
    device: adapter.info?.device ?? '',
    description: adapter.info?.description ?? '',
  };
  const fallback = Boolean(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter);
  return {
    webgpu: 'available',
    adapter: info,
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    softwareRenderer: looksLikeSoftwareRenderer(info, fallback),
  };
}

import { describe, expect, it } from 'vitest';
import { probeGpu, type AdapterLike, type GpuLike } from '../probe-gpu';

function fakeGpu(adapter: AdapterLike | null | Error): GpuLike {
  return {
    requestAdapter: () =>
      adapter instanceof Error ? Promise.reject(adapter) : Promise.resolve(adapter),
  };
}

const limits = { maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 30 };

describe('probeGpu', () => {
  it('reports no WebGPU when the API is missing', async () => {
    expect(await probeGpu(undefined)).toEqual({
      webgpu: 'unavailable',
      reason: 'this browser does not expose WebGPU to workers',
    });
  });

  it('reports no adapter and adapter errors as unavailable, never throwing', async () => {
    expect((await probeGpu(fakeGpu(null))).webgpu).toBe('unavailable');
    const failed = await probeGpu(fakeGpu(new Error('GPU process crashed')));
    expect(failed).toMatchObject({ webgpu: 'unavailable' });
    expect(failed.webgpu === 'unavailable' && failed.reason).toContain('GPU process crashed');
  });

  it('reads features, limits and adapter info (SwiftShader as seen in headless Chromium)', async () => {
    const caps = await probeGpu(
      fakeGpu({
        features: new Set<string>(),
        limits,
        info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
      }),
    );
    expect(caps).toEqual({
      webgpu: 'available',
      adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
      shaderF16: false,
      maxBufferSize: 1 << 30,
      maxStorageBufferBindingSize: 1 << 30,
      softwareRenderer: true,
    });
  });

  it('detects shader-f16 on a hardware adapter', async () => {
    const caps = await probeGpu(
      fakeGpu({
        features: new Set(['shader-f16']),
        limits,
        info: { vendor: 'apple', architecture: 'metal-3', device: '', description: '' },
      }),
    );
    expect(caps).toMatchObject({ webgpu: 'available', shaderF16: true, softwareRenderer: false });
  });
});

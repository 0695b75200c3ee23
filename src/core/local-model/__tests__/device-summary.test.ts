import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../api';
import type { GpuCapabilities } from '../capabilities';
import { summarizeDevice } from '../device-summary';

const SWIFTSHADER: GpuCapabilities = {
  webgpu: 'available',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  shaderF16: false,
  maxBufferSize: 1024 ** 3,
  maxStorageBufferBindingSize: 1024 ** 3,
  softwareRenderer: true,
};
const GPU: GpuCapabilities = {
  ...SWIFTSHADER,
  adapter: { vendor: 'nvidia', architecture: 'ampere', device: '', description: '' },
  shaderF16: true,
  softwareRenderer: false,
};
const QWEN: ModelInfo = {
  id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
  downloadBytes: 400_000_000,
  downloadBytesEstimated: true,
  vramMB: 1060,
  contextLength: 4096,
  licence: 'Apache 2.0',
  precision: 'f32',
  fits: true,
  recommended: true,
  cached: false,
};

describe('what each local engine can do on this device', () => {
  it('a software renderer and no built-in model: says both plainly, with the measured slowness', () => {
    const [chrome, webllm] = summarizeDevice({
      caps: SWIFTSHADER,
      builtin: {
        availability: 'unsupported',
        reason: 'this browser has no built-in model',
        languages: [],
      },
      recommended: QWEN,
      status: { state: 'idle' },
    });
    expect(chrome).toMatchObject({ engine: 'chrome-built-in', usable: false });
    expect(chrome?.lines).toEqual(['Not in this browser: this browser has no built-in model.']);
    expect(webllm?.usable).toBe(true);
    expect(webllm?.lines).toEqual([
      'Only a software renderer here (google swiftshader): models run on the CPU.',
      'Recommended: Qwen2.5-0.5B-Instruct-q4f32_1-MLC, a download of about 400 MB, about 1.0 GB of GPU memory.',
      'Far too slow to use: on a 2-core test machine with this kind of renderer a 0.5B model decoded about 0.1 tokens per second.',
    ]);
  });

  it('a GPU and Chrome’s model: languages, and speed only once measured, for the engine that measured it', () => {
    const facts = {
      caps: GPU,
      builtin: { availability: 'available' as const, languages: ['en', 'ja'] },
      recommended: { ...QWEN, cached: true },
    };
    const before = summarizeDevice({ ...facts, status: { state: 'idle' } });
    expect(before[0]?.lines).toEqual([
      'Ready, no download needed.',
      'Languages: English, Japanese.',
      'Chrome runs it on the GPU when the GPU has more than 4 GB of memory, otherwise on the CPU; Hearth shows its speed after the first answer.',
    ]);
    expect(before[1]?.lines[0]).toBe('GPU: nvidia ampere.');
    expect(before[1]?.lines[1]).toContain('(already downloaded)');
    expect(before[1]?.lines[2]).toBe(
      'Speed: not measured on this device yet; Hearth shows it after the first answer.',
    );
    const after = summarizeDevice({
      ...facts,
      status: { state: 'ready', modelId: 'x', lastDecodeTokensPerSecond: 40, engine: 'web-llm' },
    });
    expect(after[1]?.lines[2]).toBe(
      'Measured here: 40.0 tokens per second on the last answer (a 150-word answer in about 5 s).',
    );
    expect(after[0]?.lines.at(-1)).toContain('Hearth shows its speed after the first answer');
  });

  it('no WebGPU: the web-llm engine cannot run, with the reason', () => {
    const [, webllm] = summarizeDevice({
      caps: { webgpu: 'unavailable', reason: 'This browser does not expose WebGPU' },
      builtin: { availability: 'downloadable', languages: ['en'] },
      recommended: undefined,
      status: undefined,
    });
    expect(webllm).toMatchObject({
      usable: false,
      lines: ['Cannot run here: This browser does not expose WebGPU.'],
    });
  });
});

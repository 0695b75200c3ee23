import { describe, expect, it } from 'vitest';
import { describeCapabilities, looksLikeSoftwareRenderer } from '../capabilities';

const swiftshader = { vendor: 'google', architecture: 'swiftshader', device: '', description: '' };
const nvidia = { vendor: 'nvidia', architecture: 'ampere', device: '', description: 'RTX 3060' };

describe('looksLikeSoftwareRenderer', () => {
  it('recognises CPU implementations by name', () => {
    expect(looksLikeSoftwareRenderer(swiftshader)).toBe(true);
    expect(looksLikeSoftwareRenderer({ ...nvidia, description: 'llvmpipe (LLVM 15.0.6)' })).toBe(
      true,
    );
  });
  it('trusts the fallback flag and does not flag real GPUs', () => {
    expect(looksLikeSoftwareRenderer(nvidia)).toBe(false);
    expect(looksLikeSoftwareRenderer(nvidia, true)).toBe(true);
  });
});

describe('describeCapabilities', () => {
  it('says plainly when only f32 models will run on a software renderer', () => {
    const text = describeCapabilities({
      webgpu: 'available',
      adapter: swiftshader,
      shaderF16: false,
      maxBufferSize: 1024 ** 3,
      maxStorageBufferBindingSize: 1024 ** 3,
      softwareRenderer: true,
    });
    expect(text.headline).toBe(
      'WebGPU available (software renderer, no 16-bit float shaders): only f32 models will run.',
    );
    expect(text.details.join(' ')).toContain('1 GiB');
  });
  it('says when f16 models will run on a real GPU', () => {
    const text = describeCapabilities({
      webgpu: 'available',
      adapter: nvidia,
      shaderF16: true,
      maxBufferSize: 2 * 1024 ** 3,
      maxStorageBufferBindingSize: 1536 * 1024 ** 2,
      softwareRenderer: false,
    });
    expect(text.headline).toBe(
      'WebGPU available (16-bit float shaders supported): f16 and f32 models will run.',
    );
    expect(text.details.join(' ')).toContain('1.5 GiB');
  });
  it('explains why local inference is unavailable', () => {
    const text = describeCapabilities({
      webgpu: 'unavailable',
      reason: 'no GPU adapter is available',
    });
    expect(text.headline).toBe('Local inference is unavailable: no GPU adapter is available.');
  });
});

import { describe, expect, it } from 'vitest';
import type { GpuCapabilities } from '../capabilities';
import {
  buildCatalog,
  deviceClass,
  estimateDownloadBytes,
  licenceFor,
  parameterCount,
  precisionOf,
  recommend,
  selfHostedRecords,
  validateSelfHosted,
  type CatalogRecord,
} from '../catalog';

const GIB = 1024 ** 3;
const gpu = (
  over: Partial<Extract<GpuCapabilities, { webgpu: 'available' }>> = {},
): GpuCapabilities => ({
  webgpu: 'available',
  adapter: { vendor: 'v', architecture: 'a', device: '', description: '' },
  shaderF16: false,
  maxBufferSize: GIB,
  maxStorageBufferBindingSize: GIB,
  softwareRenderer: false,
  ...over,
});
const swiftshader = gpu({ softwareRenderer: true });

const rec = (
  model_id: string,
  vram: number,
  extra: Partial<CatalogRecord> = {},
): CatalogRecord => ({
  model: `https://huggingface.co/mlc-ai/${model_id}`,
  model_id,
  model_lib: `https://example/${model_id}.wasm`,
  vram_required_MB: vram,
  low_resource_required: true,
  overrides: { context_window_size: 4096 },
  ...extra,
});

const RECORDS: CatalogRecord[] = [
  rec('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 944),
  rec('Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 1060),
  rec('Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 1629),
  rec('Qwen2.5-1.5B-Instruct-q4f32_1-MLC', 1888),
  rec('Llama-3.2-1B-Instruct-q4f32_1-MLC', 1128),
  rec('Llama-3.2-3B-Instruct-q4f16_1-MLC', 2263),
  rec('Llama-3.2-3B-Instruct-q4f32_1-MLC', 2951),
  rec('Llama-3.1-8B-Instruct-q4f32_1-MLC', 6101, { low_resource_required: false }),
  rec('Mistral-7B-Instruct-v0.3-q4f32_1-MLC', 5619, { required_features: [] }),
  rec('gemma-2b-it-q4f32_1-MLC', 1750, { buffer_size_required_bytes: 262144000 }),
  rec('snowflake-arctic-embed-m-q0f32-MLC-b4', 500, { model_type: 1 }),
];

describe('catalog', () => {
  it('hides f16 variants without shader-f16 (SwiftShader) and keeps them with it', () => {
    const ids = buildCatalog({ caps: swiftshader, records: RECORDS }).map((m) => m.id);
    expect(ids.some((id) => /f16/.test(id))).toBe(false);
    expect(ids).toContain('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    const withF16 = buildCatalog({ caps: gpu({ shaderF16: true }), records: RECORDS });
    expect(withF16.map((m) => m.id)).toContain('Qwen2.5-1.5B-Instruct-q4f16_1-MLC');
  });

  it('drops embedding and vision records', () => {
    const ids = buildCatalog({ caps: gpu(), records: RECORDS }).map((m) => m.id);
    expect(ids).not.toContain('snowflake-arctic-embed-m-q0f32-MLC-b4');
  });

  it('marks models over the VRAM budget as not fitting, with a plain reason, and ranks them last', () => {
    const list = buildCatalog({ caps: swiftshader, records: RECORDS });
    const big = list.find((m) => m.id === 'Llama-3.1-8B-Instruct-q4f32_1-MLC');
    expect(big?.fits).toBe(false);
    expect(big?.fitReason).toMatch(/GPU memory/);
    const firstUnfit = list.findIndex((m) => !m.fits);
    expect(list.slice(firstUnfit).every((m) => !m.fits)).toBe(true);
  });

  it('checks the storage binding size a record requires', () => {
    const small = gpu({ maxStorageBufferBindingSize: 128 * 1024 * 1024 });
    const gemma = buildCatalog({ caps: small, records: RECORDS }).find((m) =>
      m.id.startsWith('gemma'),
    );
    expect(gemma?.fits).toBe(false);
    expect(gemma?.fitReason).toMatch(/buffers/);
  });

  it('recommends one default per device class', () => {
    expect(recommend(RECORDS, swiftshader)).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(recommend(RECORDS, gpu({ maxBufferSize: 2 * GIB }))).toBe(
      'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
    );
    expect(recommend(RECORDS, gpu({ maxBufferSize: 2 * GIB, shaderF16: true }))).toBe(
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    );
    expect(recommend(RECORDS, gpu({ maxBufferSize: 4 * GIB, shaderF16: true }))).toBe(
      'Llama-3.2-3B-Instruct-q4f16_1-MLC',
    );
    expect(recommend(RECORDS, { webgpu: 'unavailable', reason: 'x' })).toBeUndefined();
    const list = buildCatalog({ caps: swiftshader, records: RECORDS });
    expect(list[0]).toMatchObject({ id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC', recommended: true });
    expect(list.filter((m) => m.recommended)).toHaveLength(1);
  });

  it('falls back to the smallest fitting low-resource model for an unknown catalog', () => {
    const other = [rec('Foo-2B-q4f32_1-MLC', 1500), rec('Bar-1B-q4f32_1-MLC', 900)];
    expect(recommend(other, swiftshader)).toBe('Bar-1B-q4f32_1-MLC');
  });

  it('classifies devices from adapter limits', () => {
    expect(deviceClass(swiftshader)).toBe('software');
    expect(deviceClass(gpu())).toBe('low');
    expect(deviceClass(gpu({ maxBufferSize: 2 * GIB }))).toBe('mid');
    expect(deviceClass(gpu({ maxBufferSize: 4 * GIB }))).toBe('high');
    expect(deviceClass({ webgpu: 'unavailable', reason: 'x' })).toBeUndefined();
  });

  it('shows size, VRAM, context, licence, precision and cache state', () => {
    const list = buildCatalog({
      caps: swiftshader,
      records: RECORDS,
      cachedIds: new Set(['Llama-3.2-1B-Instruct-q4f32_1-MLC']),
    });
    const llama = list.find((m) => m.id === 'Llama-3.2-1B-Instruct-q4f32_1-MLC');
    expect(llama).toMatchObject({
      vramMB: 1128,
      contextLength: 4096,
      licence: 'Llama 3.2 Community Licence',
      precision: 'f32',
      cached: true,
      downloadBytesEstimated: true,
    });
    expect(llama?.downloadBytes).toBeGreaterThan(500e6);
    expect(llama?.downloadBytes).toBeLessThan(700e6);
  });

  it('knows licences of common families and says "unknown" otherwise', () => {
    expect(licenceFor('Qwen2.5-0.5B-Instruct-q4f32_1-MLC')).toBe('Apache 2.0');
    expect(licenceFor('Qwen2.5-3B-Instruct-q4f32_1-MLC')).toBe('Qwen Research Licence');
    expect(licenceFor('gemma-2-2b-it-q4f32_1-MLC')).toBe('Gemma Terms of Use');
    expect(licenceFor('Phi-3.5-mini-instruct-q4f32_1-MLC')).toBe('MIT');
    expect(licenceFor('MyOwnModel-q4f32_1')).toBe('unknown');
  });

  it('parses parameters and precision from ids', () => {
    expect(parameterCount('SmolLM2-360M-Instruct-q4f32_1-MLC')).toBe(360e6);
    expect(parameterCount('Qwen2.5-1.5B-Instruct-q4f32_1-MLC')).toBe(1.5e9);
    expect(parameterCount('gemma-2-2b-it-q4f32_1-MLC')).toBe(2e9);
    expect(parameterCount('no-size-here')).toBeUndefined();
    expect(precisionOf('x-q0f32-MLC')).toBe('f32');
    expect(precisionOf('x-q4f16_1-MLC')).toBe('f16');
    expect(precisionOf('x')).toBe('unknown');
    expect(estimateDownloadBytes('SmolLM2-135M-Instruct-q0f32-MLC')).toBe(540e6);
  });

  it('builds self-hosted records under a base URL and ranks them before the prebuilt ones', () => {
    const own = selfHostedRecords({
      baseUrl: 'https://models.example.org/llm',
      models: [
        {
          id: 'Office-1B-q4f32_1',
          modelUrl: 'office-1b',
          modelLibUrl: 'libs/office-1b.wasm',
          vramMB: 900,
        },
      ],
    });
    expect(own[0]).toMatchObject({
      model: 'https://models.example.org/llm/office-1b/',
      model_lib: 'https://models.example.org/llm/libs/office-1b.wasm',
      vram_required_MB: 900,
    });
    const list = buildCatalog({
      caps: swiftshader,
      records: [...own, ...RECORDS],
      selfHostedIds: new Set(['Office-1B-q4f32_1']),
    });
    expect(list[1]).toMatchObject({
      id: 'Office-1B-q4f32_1',
      selfHosted: true,
      licence: 'unknown',
    });
  });

  it('validates an administrator config in plain words', () => {
    expect(
      validateSelfHosted({
        models: [{ id: 'a', modelUrl: 'https://h/a', modelLibUrl: 'https://h/a.wasm' }],
      }),
    ).toEqual([]);
    const problems = validateSelfHosted({
      baseUrl: 'not a url',
      models: [
        { id: 'a', modelUrl: 'x', modelLibUrl: 'y' },
        { id: 'a', modelUrl: 'x', modelLibUrl: 'y' },
      ],
    });
    expect(problems.join(' ')).toMatch(/not a full URL/);
    expect(problems.join(' ')).toMatch(/used twice/);
  });
});

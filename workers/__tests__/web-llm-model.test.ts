import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import type { GpuCapabilities } from '../../src/core/local-model/capabilities';
import type { CatalogRecord } from '../../src/core/local-model/catalog';
import type { InitProgressLike } from '../../src/core/local-model/progress';
import {
  WebLlmModel,
  type AppConfigLike,
  type ChunkLike,
  type EngineLike,
  type WebLlmLike,
  type WebLlmModelDeps,
} from '../web-llm-model';

const SWIFTSHADER: GpuCapabilities = {
  webgpu: 'available',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  shaderF16: false,
  maxBufferSize: 1024 ** 3,
  maxStorageBufferBindingSize: 1024 ** 3,
  softwareRenderer: true,
};

const MODEL = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';

function at<T>(list: readonly T[], i: number): T {
  const v = list.at(i);
  if (v === undefined) throw new Error(`nothing at ${i}`);
  return v;
}

/** A fake MLCEngine at web-llm's boundary: scripted reload, streaming and JSON replies. */
class FakeEngine implements EngineLike {
  progress: ((r: InitProgressLike) => void) | undefined;
  config: AppConfigLike | undefined;
  reloadImpl: (id: string) => Promise<void> = async () => {
    this.progress?.({
      progress: 0.5,
      timeElapsed: 1,
      text: 'Fetching param cache[1/2]: 10MB fetched. 50% completed, 1 secs elapsed.',
    });
    this.progress?.({ progress: 1, timeElapsed: 2, text: 'Finish loading on WebGPU - google' });
  };
  tokens = ['Hel', 'lo', '!'];
  json = '{"difficulty":"simple","confidence":0.8}';
  failCreate: unknown;
  interrupted = false;
  unloads = 0;
  created: Record<string, unknown>[] = [];
  hangJudge = false;

  reload = vi.fn((id: string) => this.reloadImpl(id));
  async unload() {
    this.unloads += 1;
  }
  interruptGenerate() {
    this.interrupted = true;
  }
  setInitProgressCallback(cb: (r: InitProgressLike) => void) {
    this.progress = cb;
  }
  setAppConfig(c: AppConfigLike) {
    this.config = c;
  }
  chat = {
    completions: {
      create: async (req: Record<string, unknown>): Promise<unknown> => {
        this.created.push(req);
        if (this.failCreate) throw this.failCreate;
        if (!req.stream) {
          if (this.hangJudge) return new Promise(() => undefined);
          return { choices: [{ message: { content: this.json } }] };
        }
        const tokens = this.tokens;
        const interrupted = () => this.interrupted;
        return (async function* (): AsyncGenerator<ChunkLike> {
          for (const t of tokens) {
            if (interrupted()) {
              yield { choices: [{ delta: {}, finish_reason: 'abort' }] };
              return;
            }
            await new Promise((r) => setTimeout(r, 1));
            yield { choices: [{ delta: { content: t } }] };
          }
          yield { choices: [{ delta: {}, finish_reason: 'stop' }] };
          yield {
            choices: [],
            usage: { prompt_tokens: 5, completion_tokens: 3, extra: { decode_tokens_per_s: 42 } },
          };
        })();
      },
    },
  };
}

function setup(
  caps: GpuCapabilities = SWIFTSHADER,
  onEngine: (e: FakeEngine) => void = () => undefined,
  records?: CatalogRecord[],
  extra: Partial<WebLlmModelDeps> = {},
) {
  const engines: FakeEngine[] = [];
  const cache = new Set<string>(['Llama-3.2-1B-Instruct-q4f32_1-MLC']);
  const deleted: string[] = [];
  const web: WebLlmLike = {
    createEngine: () => {
      const e = new FakeEngine();
      onEngine(e);
      engines.push(e);
      return e;
    },
    prebuiltModels: records ?? (prebuiltAppConfig.model_list as unknown as CatalogRecord[]),
    hasModelInCache: async (id) => cache.has(id),
    deleteModelAllInfoInCache: async (id) => {
      deleted.push(id);
      cache.delete(id);
    },
  };
  const loadWebLlm = vi.fn(async () => web);
  const model = new WebLlmModel({
    loadWebLlm,
    probe: async () => caps,
    judgeTimeoutMs: 50,
    ...extra,
  });
  return { model, engines, cache, deleted, loadWebLlm };
}

describe('WebLlmModel (web-llm faked at its boundary)', () => {
  it('does not load web-llm for capabilities or status', async () => {
    const { model, loadWebLlm } = setup();
    await model.capabilities();
    await model.status();
    expect(loadWebLlm).not.toHaveBeenCalled();
  });

  it("lists web-llm's real prebuilt catalog for SwiftShader: no f16, Qwen2.5-0.5B q4f32 recommended, cache state", async () => {
    const { model } = setup();
    const list = await model.listModels();
    expect(list.length).toBeGreaterThan(20);
    expect(list.filter((m) => m.precision === 'f16')).toEqual([]);
    expect(list[0]).toMatchObject({ id: MODEL, recommended: true, fits: true });
    expect(list.find((m) => m.id === 'Llama-3.2-1B-Instruct-q4f32_1-MLC')?.cached).toBe(true);
  });

  it('loads with mapped progress and reports ready', async () => {
    const { model } = setup();
    const progress: number[] = [];
    await model.load(MODEL, (p) => progress.push(p.fraction));
    expect(progress).toEqual([0.5, 1]);
    expect(await model.status()).toMatchObject({ state: 'ready', modelId: MODEL });
  });

  it('refuses unknown models and f16 models without shader-f16', async () => {
    const { model } = setup();
    await expect(model.load('nope', () => undefined)).rejects.toMatchObject({
      code: 'model_not_found',
    });
    await expect(
      model.load('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', () => undefined),
    ).rejects.toMatchObject({ code: 'model_too_large', message: /16-bit/ });
  });

  it('says webgpu_unavailable without WebGPU', async () => {
    const { model } = setup({ webgpu: 'unavailable', reason: 'no GPU adapter is available' });
    await expect(model.load(MODEL, () => undefined)).rejects.toMatchObject({
      code: 'webgpu_unavailable',
    });
    expect(await model.status()).toMatchObject({ state: 'error' });
  });

  it('maps a network failure during download and records the error status', async () => {
    const { model } = setup(SWIFTSHADER, (e) => {
      e.reloadImpl = async () => {
        throw new TypeError('Failed to fetch');
      };
    });
    await expect(model.load(MODEL, () => undefined)).rejects.toMatchObject({
      code: 'network_lost',
      hint: expect.any(String),
    });
    expect(await model.status()).toMatchObject({ state: 'error', error: { code: 'network_lost' } });
  });

  it("tells a refused connection from missing files after web-llm's Cache.add() fails", async () => {
    const cacheAddFails = (e: FakeEngine) => {
      e.reloadImpl = async () => {
        throw new TypeError("Failed to execute 'add' on 'Cache': Request failed");
      };
    };
    const missing = setup(SWIFTSHADER, cacheAddFails, undefined, {
      fetch: async () => ({ ok: false, status: 404 }),
    });
    await expect(missing.model.load(MODEL, () => undefined)).rejects.toMatchObject({
      code: 'model_not_found',
      message: /mlc-chat-config\.json answered 404/,
    });
    const refused = setup(SWIFTSHADER, cacheAddFails, undefined, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(refused.model.load(MODEL, () => undefined)).rejects.toMatchObject({
      code: 'network_lost',
      message: /could not be reached/,
    });
  });

  it('cancels a load through engine.unload() and returns to idle', async () => {
    const { model, engines } = setup(SWIFTSHADER, (e) => {
      e.reloadImpl = () =>
        new Promise((_, reject) => {
          e.unload = async () => {
            e.unloads += 1;
            reject(Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' }));
          };
        });
    });
    const p = model.load(MODEL, () => undefined, 'op1');
    await vi.waitFor(async () => expect((await model.status()).state).toBe('loading'), {
      timeout: 20_000,
    });
    await model.cancel('op1');
    await expect(p).rejects.toMatchObject({ code: 'aborted' });
    expect(at(engines, 0).unloads).toBe(1);
    expect(await model.status()).toEqual({ state: 'idle' });
  });

  it('streams tokens and reports decode speed', async () => {
    const { model } = setup();
    await model.load(MODEL, () => undefined);
    const tokens: string[] = [];
    const result = await model.generate({ messages: [{ role: 'user', content: 'hi' }] }, (t) =>
      tokens.push(t),
    );
    expect(tokens.join('')).toBe('Hello!');
    expect(result).toMatchObject({
      text: 'Hello!',
      finishReason: 'stop',
      decodeTokensPerSecond: 42,
    });
    expect(result.usage).toEqual({ promptTokens: 5, completionTokens: 3 });
    expect(await model.status()).toMatchObject({ lastDecodeTokensPerSecond: 42 });
  });

  it('aborts a generation with interruptGenerate', async () => {
    const { model, engines } = setup();
    await model.load(MODEL, () => undefined);
    at(engines, 0).tokens = Array.from({ length: 50 }, () => 'x');
    const tokens: string[] = [];
    const p = model.generate(
      { messages: [{ role: 'user', content: 'hi' }] },
      (t) => {
        tokens.push(t);
        if (tokens.length === 3) void model.cancel('g1');
      },
      'g1',
    );
    const result = await p;
    expect(at(engines, 0).interrupted).toBe(true);
    expect(result.finishReason).toBe('abort');
    expect(tokens.length).toBeLessThan(50);
  });

  it('says model_not_loaded before a load', async () => {
    const { model } = setup();
    await expect(model.generate({ messages: [] }, () => undefined)).rejects.toMatchObject({
      code: 'model_not_loaded',
    });
  });

  it('recreates the engine and reloads once when the GPU device is lost mid-answer', async () => {
    const { model, engines } = setup();
    await model.load(MODEL, () => undefined);
    at(engines, 0).failCreate = Object.assign(new Error('Device was lost'), {
      name: 'DeviceLostError',
    });
    await expect(model.generate({ messages: [] }, () => undefined)).rejects.toMatchObject({
      code: 'device_lost',
      message: expect.stringMatching(/reloaded/),
    });
    expect(engines).toHaveLength(2);
    expect(at(engines, 1).reload).toHaveBeenCalledWith(MODEL);
    expect(await model.status()).toMatchObject({ state: 'ready' });
    // The next request uses the new engine.
    const r = await model.generate({ messages: [] }, () => undefined);
    expect(r.text).toBe('Hello!');
  });

  it('judges through structured output with a JSON schema', async () => {
    const { model, engines } = setup();
    await model.load(MODEL, () => undefined);
    const j = await model.judge('difficulty', 'What is 2+2?');
    expect(j).toEqual({ kind: 'difficulty', difficulty: 'simple', confidence: 0.8 });
    const req = at(at(engines, 0).created, -1);
    expect(req.response_format).toMatchObject({ type: 'json_object' });
    expect(JSON.parse((req.response_format as { schema: string }).schema)).toHaveProperty(
      'properties.difficulty',
    );
  });

  it('returns unknown judgements without a model, on bad JSON and on timeout (interrupting)', async () => {
    const { model, engines } = setup();
    expect(await model.judge('sensitivity', 'x')).toMatchObject({
      unknown: true,
      reason: 'no local model is loaded',
    });
    await model.load(MODEL, () => undefined);
    at(engines, 0).json = 'oops';
    expect(await model.judge('sensitivity', 'x')).toMatchObject({
      kind: 'sensitivity',
      unknown: true,
    });
    at(engines, 0).hangJudge = true;
    expect(await model.judge('answer-confidence', 'x')).toMatchObject({
      unknown: true,
      reason: /too long/,
    });
    expect(at(engines, 0).interrupted).toBe(true);
  });

  it('asks for personal values with the PII schema and parses the answer', async () => {
    const { model, engines } = setup(SWIFTSHADER, () => undefined, undefined, {
      opinionTimeoutMs: 50,
    });
    expect(await model.findPersonalValues('Kai was here today.')).toMatchObject({
      ok: false,
      reason: 'no_model',
    });
    await model.load(MODEL, () => undefined);
    const engine = at(engines, 0);
    engine.json = '{"values":[{"text":"Kai","kind":"name"}]}';
    expect(await model.findPersonalValues('Kai was here today.')).toEqual({
      ok: true,
      values: [{ text: 'Kai', kind: 'name' }],
      dropped: 0,
    });
    const req = at(engine.created, -1);
    expect(req.temperature).toBe(0);
    expect(JSON.parse((req.response_format as { schema: string }).schema)).toHaveProperty(
      'properties.values.items.properties.kind.enum',
    );
    const messages = req.messages as Array<{ role: string; content: string }>;
    expect(at(messages, -1).content).toContain('Kai was here today.');

    engine.json = 'Kai is a name.';
    expect(await model.findPersonalValues('x')).toMatchObject({ ok: false, reason: 'malformed' });
    engine.failCreate = new Error('GPUDevice lost');
    expect(await model.findPersonalValues('x')).toMatchObject({ ok: false, reason: 'failed' });
    engine.failCreate = undefined;
    engine.hangJudge = true;
    expect(await model.findPersonalValues('x')).toMatchObject({ ok: false, reason: 'timeout' });
    expect(engine.interrupted).toBe(true);
  });

  it('a cancelled opinion interrupts the engine and changes nothing', async () => {
    const { model, engines } = setup();
    await model.load(MODEL, () => undefined);
    const engine = at(engines, 0);
    engine.hangJudge = true;
    const pending = model.findPersonalValues('Kai was here today.', 'op-1');
    await new Promise((r) => setTimeout(r, 5));
    await model.cancel('op-1');
    // the hung request is abandoned by the timeout; the cancellation reached the engine first
    expect(engine.interrupted).toBe(true);
    expect((await pending).ok).toBe(false);
  });

  it('deletes a model from the cache (unloading it first when loaded)', async () => {
    const { model, deleted } = setup();
    await model.load(MODEL, () => undefined);
    await model.deleteCached(MODEL);
    expect(deleted).toEqual([MODEL]);
    expect(await model.status()).toEqual({ state: 'idle' });
  });

  it('adds self-hosted entries and can hide the prebuilt catalog', async () => {
    const { model, engines } = setup();
    await model.setSelfHosted({
      baseUrl: 'https://models.example.org/',
      onlySelfHosted: true,
      models: [
        { id: 'Office-0.5B-q4f32_1', modelUrl: 'office', modelLibUrl: 'office.wasm', vramMB: 800 },
      ],
    });
    const list = await model.listModels();
    expect(list.map((m) => m.id)).toEqual(['Office-0.5B-q4f32_1']);
    await model.load('Office-0.5B-q4f32_1', () => undefined);
    expect(at(engines, 0).config?.model_list[0]).toMatchObject({
      model: 'https://models.example.org/office/',
    });
  });
});

/**
 * The page's facade over two engines: the test engine on the web-llm side and the Chrome
 * built-in adapter over the typed fake of the Prompt API. Which one answers, what is remembered,
 * and what is restored on the next visit without a download.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_MODEL_ID, ChromeBuiltinModel } from '../builtin-model/chrome-builtin-model';
import { CHOICE_KEY, LocalEngines } from '../local-engines';
import {
  FakeLanguageModel,
  type FakeLanguageModelConfig,
} from '../test-engine/fake-language-model';
import { TestEngine, type TestEngineConfig } from '../test-engine/test-engine';

const SMALL = 'test-engine-small-q4f32';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

function setup(
  opts: { gpu?: TestEngineConfig; chrome?: FakeLanguageModelConfig; storage?: MemoryStorage } = {},
) {
  const storage = opts.storage ?? new MemoryStorage();
  const gpu = new TestEngine({ loadSteps: 1, loadStepDelayMs: 1, tokenDelayMs: 1, ...opts.gpu });
  const fake = new FakeLanguageModel({
    pieceDelayMs: 1,
    reply: ['From', ' Chrome'],
    ...opts.chrome,
  });
  const builtin = new ChromeBuiltinModel({ api: () => fake, preferredLanguages: () => ['en'] });
  const engines = new LocalEngines({
    gpu: Promise.resolve(gpu),
    builtin: Promise.resolve(builtin),
    storage: storage as unknown as Storage,
  });
  return { engines, gpu, fake, storage };
}

const ask = async (engines: LocalEngines) => {
  let text = '';
  await engines.generate({ messages: [{ role: 'user', content: 'Hi' }] }, (t) => (text += t));
  return text;
};

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
}

describe('local engines', () => {
  it('answers with the engine chosen last, names it, and remembers the choice', async () => {
    const { engines, gpu, storage } = setup({ gpu: { tokens: ['From', ' web-llm'] } });
    await engines.load(SMALL, () => undefined);
    expect(await engines.status()).toMatchObject({ state: 'ready', engine: 'test-engine' });
    expect(await ask(engines)).toBe('From web-llm');

    await engines.load(BUILTIN_MODEL_ID, () => undefined);
    expect(await engines.status()).toMatchObject({
      state: 'ready',
      modelId: BUILTIN_MODEL_ID,
      engine: 'chrome-built-in',
    });
    expect(await ask(engines)).toBe('From Chrome');
    // the web-llm model was stopped to free the GPU
    expect(await gpu.status()).toEqual({ state: 'idle' });
    expect(JSON.parse(storage.getItem(CHOICE_KEY) ?? '')).toEqual({
      engine: 'chrome-built-in',
      modelId: BUILTIN_MODEL_ID,
    });

    await engines.load(SMALL, () => undefined);
    expect(await ask(engines)).toBe('From web-llm');
    expect(engines.choice()).toEqual({ engine: 'web-llm', modelId: SMALL });

    await engines.unload();
    expect(engines.choice()).toBeUndefined();
    expect((await engines.status()).state).toBe('idle');
  });

  it("restores Chrome's model on the next visit when it is available", async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      CHOICE_KEY,
      JSON.stringify({ engine: 'chrome-built-in', modelId: BUILTIN_MODEL_ID }),
    );
    const { engines } = setup({ storage });
    await engines.status();
    await until(async () => (await engines.status()).state === 'ready');
    expect(await ask(engines)).toBe('From Chrome');
  });

  it('never starts a download to restore a choice', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      CHOICE_KEY,
      JSON.stringify({ engine: 'chrome-built-in', modelId: BUILTIN_MODEL_ID }),
    );
    const chrome = setup({
      storage,
      chrome: { availability: 'downloadable', userActivation: () => true },
    });
    expect((await chrome.engines.status()).state).toBe('idle');
    await new Promise((r) => setTimeout(r, 30));
    expect((await chrome.engines.status()).state).toBe('idle');
    expect(chrome.fake.calls.some((c) => c.method === 'create')).toBe(false);

    storage.setItem(CHOICE_KEY, JSON.stringify({ engine: 'web-llm', modelId: SMALL }));
    const notCached = setup({ storage });
    await notCached.engines.status();
    await new Promise((r) => setTimeout(r, 30));
    expect((await notCached.engines.status()).state).toBe('idle');

    const cached = setup({ storage, gpu: { cachedModels: [SMALL] } });
    await cached.engines.status();
    await until(async () => (await cached.engines.status()).state === 'ready');
    expect(await cached.engines.status()).toMatchObject({ modelId: SMALL, engine: 'test-engine' });
  });

  it("a failed download of Chrome's model keeps the web-llm model answering", async () => {
    const { engines } = setup({
      gpu: { tokens: ['Still', ' here'] },
      chrome: { availability: 'downloadable' },
    });
    await engines.load(SMALL, () => undefined);
    await expect(engines.load(BUILTIN_MODEL_ID, () => undefined)).rejects.toMatchObject({
      code: 'not_allowed',
    });
    expect(await ask(engines)).toBe('Still here');
    expect(engines.choice()).toEqual({ engine: 'web-llm', modelId: SMALL });
  });
});

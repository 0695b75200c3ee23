/**
 * The Chrome built-in model adapter against a typed fake of the documented Prompt API
 * (../../test-engine/fake-language-model.ts): Debian's Chromium has no built-in model.
 */
import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../core/local-model/api';
import {
  FakeLanguageModel,
  type FakeLanguageModelConfig,
} from '../../test-engine/fake-language-model';
import { BUILTIN_MODEL_ID, ChromeBuiltinModel } from '../chrome-builtin-model';

function setup(config: FakeLanguageModelConfig = {}, languages = ['en-US']) {
  const fake = new FakeLanguageModel({ downloadStepDelayMs: 1, pieceDelayMs: 1, ...config });
  const model = new ChromeBuiltinModel({
    api: () => fake,
    preferredLanguages: () => languages,
    judgeTimeoutMs: 200,
    opinionTimeoutMs: 200,
  });
  return { fake, model };
}

async function loaded(config: FakeLanguageModelConfig = {}, languages?: string[]) {
  const s = setup(config, languages);
  await s.model.load(() => undefined);
  s.fake.calls.length = 0;
  return s;
}

describe('Chrome built-in model: availability', () => {
  it('is unsupported without LanguageModel, and says why', async () => {
    const model = new ChromeBuiltinModel({ api: () => undefined });
    expect(await model.info()).toMatchObject({
      availability: 'unsupported',
      reason: expect.stringContaining('no Prompt API'),
    });
    await expect(model.load(() => undefined)).rejects.toMatchObject({
      code: 'builtin_unavailable',
    });
  });

  it('names a Permissions-Policy that forbids language-model', async () => {
    const model = new ChromeBuiltinModel({
      api: () => new FakeLanguageModel(),
      policyAllows: () => false,
    });
    expect(await model.info()).toMatchObject({
      availability: 'unavailable',
      reason: expect.stringContaining('Permissions-Policy'),
    });
  });

  it('reports the state and probes languages among the user’s and the documented ones', async () => {
    const { model } = setup({ availability: 'downloadable' }, ['de-DE', 'en-US']);
    expect(await model.info()).toEqual({
      availability: 'downloadable',
      languages: ['en', 'es', 'ja'],
    });
    const blocked = setup({ availability: 'unavailable' });
    expect(await blocked.model.info()).toMatchObject({
      availability: 'unavailable',
      reason: expect.stringContaining("Chromium builds such as Debian's ship without it"),
    });
  });

  it('refuses to load where the browser says the model cannot run, with the reason, before create()', async () => {
    const { model, fake } = setup({ availability: 'unavailable' });
    await expect(model.load(() => undefined)).rejects.toMatchObject({
      code: 'builtin_unavailable',
      message: expect.stringContaining("Chromium builds such as Debian's ship without it"),
      hint: expect.stringContaining('web-llm'),
    });
    expect(fake.calls.some((c) => c.method === 'create')).toBe(false);
    const forbidden = new ChromeBuiltinModel({
      api: () => new FakeLanguageModel(),
      policyAllows: () => false,
    });
    await expect(forbidden.load(() => undefined)).rejects.toMatchObject({
      code: 'builtin_unavailable',
      message: expect.stringContaining('Permissions-Policy'),
    });
  });
});

describe('Chrome built-in model: download', () => {
  it('needs a click while downloadable: without user activation it fails plainly', async () => {
    const { model } = setup({ availability: 'downloadable' });
    await expect(model.load(() => undefined)).rejects.toMatchObject({
      code: 'not_allowed',
      hint: expect.stringContaining('click'),
    });
    expect(await model.status()).toMatchObject({ state: 'error' });
  });

  it('downloads with monitor progress, then is ready and named as the engine', async () => {
    const { model, fake } = setup({
      availability: 'downloadable',
      downloadSteps: 4,
      userActivation: () => true,
    });
    const seen: LoadProgress[] = [];
    await model.load((p) => seen.push(p));
    expect(seen.map((p) => p.fraction)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(seen.at(-1)?.text).toBe('Ready');
    expect(await model.status()).toEqual({
      state: 'ready',
      modelId: BUILTIN_MODEL_ID,
      lastDecodeTokensPerSecond: undefined,
      engine: 'chrome-built-in',
    });
    expect(await fake.availability()).toBe('available');
    expect((await model.info()).contextWindow).toBe(4096);
    // the probe session is not kept
    expect(fake.calls.filter((c) => c.method === 'destroy')).toHaveLength(1);
  });

  it('a cancelled download returns to idle', async () => {
    const { model } = setup({
      availability: 'downloadable',
      downloadSteps: 50,
      downloadStepDelayMs: 20,
      userActivation: () => true,
    });
    const ctl = new AbortController();
    const pending = model.load(() => ctl.abort(), ctl.signal);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(await model.status()).toEqual({ state: 'idle' });
  });
});

describe('Chrome built-in model: answers', () => {
  it('streams an answer in a fresh session with the system prompt and earlier turns', async () => {
    const { model, fake } = await loaded({ reply: ['Hola', ' Ana', '.'] }, ['es-ES', 'en']);
    const tokens: string[] = [];
    const r = await model.generate(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: 'Saluda a Ana' },
        ],
      },
      (t) => tokens.push(t),
    );
    expect(tokens).toEqual(['Hola', ' Ana', '.']);
    expect(r).toMatchObject({ text: 'Hola Ana.', finishReason: 'stop' });
    const create = fake.calls.find((c) => c.method === 'create')?.options as {
      initialPrompts: unknown[];
      expectedInputs: unknown;
      expectedOutputs: unknown;
    };
    expect(create.initialPrompts).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
    ]);
    expect(create.expectedInputs).toEqual([{ type: 'text', languages: ['es', 'en'] }]);
    expect(create.expectedOutputs).toEqual([{ type: 'text', languages: ['es'] }]);
    expect(fake.calls.find((c) => c.method === 'promptStreaming')?.input).toBe('Saluda a Ana');
    expect(fake.calls.at(-1)?.method).toBe('destroy');
    expect((await model.status()).state).toBe('ready');
  });

  it('says model_not_loaded before a load', async () => {
    const { model } = setup();
    await expect(
      model.generate({ messages: [{ role: 'user', content: 'Hi' }] }, () => undefined),
    ).rejects.toMatchObject({ code: 'model_not_loaded' });
  });

  it('stops on abort with what it had', async () => {
    const { model } = await loaded({ reply: ['a', 'b', 'c', 'd'], pieceDelayMs: 20 });
    const ctl = new AbortController();
    const r = await model.generate(
      { messages: [{ role: 'user', content: 'Hi' }] },
      () => ctl.abort(),
      ctl.signal,
    );
    expect(r).toMatchObject({ text: 'a', finishReason: 'abort' });
  });

  for (const names of ['context', 'input'] as const) {
    it(`drops the oldest turns to fit the context window (${names} names)`, async () => {
      const { model, fake } = await loaded({ contextWindow: 200, names });
      const turn = 'x'.repeat(200); // about 50 tokens each
      const messages = [
        { role: 'user' as const, content: `1 ${turn}` },
        { role: 'assistant' as const, content: `2 ${turn}` },
        { role: 'user' as const, content: `3 ${turn}` },
        { role: 'assistant' as const, content: `4 ${turn}` },
        { role: 'user' as const, content: 'What now?' },
      ];
      const r = await model.generate({ messages }, () => undefined);
      expect(r.finishReason).toBe('stop');
      const creates = fake.calls.filter((c) => c.method === 'create');
      const used = creates.at(-1)?.options as { initialPrompts: Array<{ content: string }> };
      expect(used.initialPrompts.length).toBeLessThan(4);
      expect(used.initialPrompts.at(-1)?.content).toBe(`4 ${turn}`);
      expect(fake.calls.some((c) => c.method === 'measure')).toBe(true);
    });
  }

  it('refuses a single message that does not fit, plainly', async () => {
    const { model } = await loaded({ contextWindow: 100 });
    await expect(
      model.generate({ messages: [{ role: 'user', content: 'y'.repeat(2000) }] }, () => undefined),
    ).rejects.toMatchObject({
      code: 'context_overflow',
      message: expect.stringMatching(/about 500 tokens, it takes at most 100/),
    });
  });

  it('refuses a language it does not support with a plain error', async () => {
    const { model, fake } = await loaded();
    fake.config.languages = ['ja'];
    await expect(
      model.generate({ messages: [{ role: 'user', content: 'Hi' }] }, () => undefined),
    ).rejects.toMatchObject({ code: 'language_unsupported' });
  });
});

describe('Chrome built-in model: judgements and the PII second opinion', () => {
  it('constrains the answer with the JSON schema', async () => {
    const { model, fake } = await loaded({
      constrained: {
        difficulty: '{"difficulty":"complex","confidence":0.7}',
        pii: '{"values":[{"text":"Kiki","kind":"name"}]}',
      },
    });
    expect(await model.judge('difficulty', 'Prove it.')).toEqual({
      kind: 'difficulty',
      difficulty: 'complex',
      confidence: 0.7,
    });
    expect(await model.findPersonalValues('Thank Kiki for the notes.')).toEqual({
      ok: true,
      values: [{ text: 'Kiki', kind: 'name' }],
      dropped: 0,
    });
    const prompts = fake.calls.filter((c) => c.method === 'prompt');
    expect(prompts).toHaveLength(2);
    const opts = prompts[1]?.options as { responseConstraint: { properties: object } };
    expect(opts.responseConstraint.properties).toHaveProperty('values');
    expect(String(prompts[1]?.input)).toContain('Thank Kiki for the notes.');
    // the system prompt went into initialPrompts, never into prompt()
    const create = fake.calls.filter((c) => c.method === 'create')[1]?.options as {
      initialPrompts: Array<{ role: string }>;
    };
    expect(create.initialPrompts.map((m) => m.role)).toEqual(['system']);
  });

  it('junk, no model and a late answer come back as failures, never as throws', async () => {
    const none = setup();
    expect(await none.model.findPersonalValues('x y z')).toMatchObject({
      ok: false,
      reason: 'no_model',
    });
    expect(await none.model.judge('sensitivity', 'x')).toMatchObject({ unknown: true });
    const { model, fake } = await loaded({ constrained: { pii: 'I found Kiki!' } });
    expect(await model.findPersonalValues('Thank Kiki.')).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    fake.config.promptDelayMs = 5_000;
    const t0 = Date.now();
    expect(await model.findPersonalValues('Thank Kiki.')).toMatchObject({
      ok: false,
      reason: 'timeout',
    });
    expect(Date.now() - t0).toBeLessThan(2_000);
    const ctl = new AbortController();
    const pending = model.findPersonalValues('Thank Kiki.', ctl.signal);
    ctl.abort();
    expect(await pending).toMatchObject({ ok: false, reason: 'cancelled' });
  });
});

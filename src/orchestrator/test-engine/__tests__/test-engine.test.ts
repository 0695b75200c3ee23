import { describe, expect, it } from 'vitest';
import { TestEngine } from '../test-engine';

const MODEL = 'test-engine-small-q4f32';
const ask = { messages: [{ role: 'user' as const, content: 'hello there' }] };

describe('TestEngine', () => {
  it('lists its fixture models and loads with progress', async () => {
    const e = new TestEngine({ loadSteps: 2, loadStepDelayMs: 1, downloadBytes: 1000 });
    expect((await e.listModels()).map((m) => m.id)).toContain(MODEL);
    const seen: Array<number | undefined> = [];
    await e.load(MODEL, (p) => seen.push(p.loadedBytes));
    expect(seen).toEqual([0, 500, 1000]);
    expect(await e.status()).toMatchObject({ state: 'ready', modelId: MODEL });
    expect((await e.listModels()).find((m) => m.id === MODEL)?.cached).toBe(true);
  });

  it('streams canned tokens deterministically', async () => {
    const e = new TestEngine({ loadedModel: MODEL, tokens: ['a', 'b', 'c'], tokenDelayMs: 1 });
    const out: string[] = [];
    const r = await e.generate(ask, (t) => out.push(t));
    expect(out).toEqual(['a', 'b', 'c']);
    expect(r).toMatchObject({ text: 'abc', finishReason: 'stop', usage: { completionTokens: 3 } });
    expect(await e.status()).toMatchObject({ lastDecodeTokensPerSecond: 1000 });
  });

  it('honours maxTokens and abort', async () => {
    const e = new TestEngine({ loadedModel: MODEL, tokens: ['a', 'b', 'c'], tokenDelayMs: 5 });
    expect((await e.generate({ ...ask, maxTokens: 2 }, () => undefined)).finishReason).toBe(
      'length',
    );
    const ctrl = new AbortController();
    const r = await e.generate(ask, () => ctrl.abort(), ctrl.signal);
    expect(r).toMatchObject({ text: 'a', finishReason: 'abort' });
  });

  it('holds an answer after some tokens until configured again, or stopped', async () => {
    const e = new TestEngine({
      loadedModel: MODEL,
      tokens: ['a', 'b', 'c', 'd'],
      tokenDelayMs: 1,
      holdAfterTokens: 2,
    });
    const out: string[] = [];
    let done = false;
    let twoArrived!: () => void;
    const two = new Promise<void>((r) => (twoArrived = r));
    const answer = e
      .generate(ask, (t) => {
        out.push(t);
        if (out.length === 2) twoArrived();
      })
      .finally(() => (done = true));
    await two;
    await new Promise((r) => setTimeout(r, 30)); // a held answer does not move on
    expect(out).toEqual(['a', 'b']);
    expect(done).toBe(false);
    e.configure({ holdAfterTokens: undefined });
    expect(await answer).toMatchObject({ text: 'abcd', finishReason: 'stop' });

    e.configure({ holdAfterTokens: 1 });
    const ctrl = new AbortController();
    let oneArrived!: () => void;
    const one = new Promise<void>((r) => (oneArrived = r));
    const stopped = e.generate(ask, () => oneArrived(), ctrl.signal);
    await one;
    ctrl.abort();
    expect(await stopped).toMatchObject({ text: 'a', finishReason: 'abort' });
  });

  it('fails loads and generations as configured, with structured errors', async () => {
    const e = new TestEngine({
      failLoad: { code: 'quota_exceeded', afterSteps: 1 },
      loadStepDelayMs: 1,
    });
    await expect(e.load(MODEL, () => undefined)).rejects.toMatchObject({
      code: 'quota_exceeded',
      hint: /space/,
    });
    expect(await e.status()).toMatchObject({ state: 'error', error: { code: 'quota_exceeded' } });
    e.configure({
      failLoad: undefined,
      loadedModel: MODEL,
      failGenerate: { code: 'device_lost', afterTokens: 1 },
      tokenDelayMs: 1,
    });
    const out: string[] = [];
    await expect(e.generate(ask, (t) => out.push(t))).rejects.toMatchObject({
      code: 'device_lost',
    });
    expect(out).toHaveLength(1);
  });

  it('cancels a load', async () => {
    const e = new TestEngine({ loadSteps: 10, loadStepDelayMs: 20 });
    const ctrl = new AbortController();
    const p = e.load(MODEL, (pr) => pr.fraction > 0.1 && ctrl.abort(), ctrl.signal);
    await expect(p).rejects.toMatchObject({ code: 'aborted' });
    expect(await e.status()).toEqual({ state: 'idle' });
  });

  it('returns configured judgements, unknown otherwise and without a model', async () => {
    const e = new TestEngine();
    expect(await e.judge('difficulty', 'x')).toMatchObject({
      unknown: true,
      reason: /no local model/,
    });
    e.configure({
      loadedModel: MODEL,
      judgements: { difficulty: { kind: 'difficulty', difficulty: 'complex', confidence: 0.7 } },
    });
    expect(await e.judge('difficulty', 'x')).toEqual({
      kind: 'difficulty',
      difficulty: 'complex',
      confidence: 0.7,
    });
    expect(await e.judge('sensitivity', 'x')).toMatchObject({ unknown: true });
  });

  it('refuses unknown models and generation before a load', async () => {
    const e = new TestEngine();
    await expect(e.load('x', () => undefined)).rejects.toMatchObject({ code: 'model_not_found' });
    await expect(e.generate(ask, () => undefined)).rejects.toMatchObject({
      code: 'model_not_loaded',
    });
  });

  it('deletes from its cache', async () => {
    const e = new TestEngine({ loadedModel: MODEL });
    await e.deleteCached(MODEL);
    expect(await e.status()).toEqual({ state: 'idle' });
    expect((await e.storage()).usageBytes).toBe(0);
  });
});

/**
 * The worker-backed facade over a real comlink channel: the "worker" is an in-process
 * MessageChannel exposing a fake LocalModelWorkerApi, so proxies, op-id aborts, structured errors
 * and crash restarts are exercised without a browser.
 */
import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalModelWorkerApi } from '../../core/local-model/worker-api';

const cancelled: string[] = [];
const workers: FakeWorker[] = [];

function fakeApi(): LocalModelWorkerApi {
  return {
    capabilities: async () => {
      await new Promise((r) => setTimeout(r, 30));
      return { webgpu: 'unavailable', reason: 'test' };
    },
    listModels: async () => [],
    load: async (modelId, onProgress) => {
      await onProgress({
        fraction: 0.5,
        loadedBytes: 5,
        totalBytes: 10,
        etaSeconds: 1,
        text: 'Downloading the model',
      });
      if (modelId === 'missing') throw { code: 'model_not_found', message: 'not there', hint: 'h' };
      if (modelId === 'boom') throw new TypeError('Failed to fetch');
    },
    unload: async () => undefined,
    generate: async (_req, onToken, opId) => {
      for (const t of ['a', 'b']) await onToken(t);
      await new Promise((r) => setTimeout(r, 30));
      const aborted = opId !== undefined && cancelled.includes(opId);
      return {
        text: 'ab',
        finishReason: aborted ? 'abort' : 'stop',
        usage: { promptTokens: 1, completionTokens: 2 },
        decodeTokensPerSecond: 10,
        firstTokenMs: 1,
      };
    },
    judge: async (kind) => {
      if (kind === 'answer-confidence') throw new Error('engine exploded');
      return { kind: 'difficulty', difficulty: 'simple', confidence: 0.9 };
    },
    findPersonalValues: async (text, opId) => {
      if (text === 'explode') throw new Error('engine exploded');
      await new Promise((r) => setTimeout(r, 30));
      if (opId !== undefined && cancelled.includes(opId))
        return { ok: false, reason: 'cancelled', message: 'cancelled' };
      return { ok: true, values: [{ text: 'Kai', kind: 'name' }], dropped: 0 };
    },
    status: async () => ({ state: 'idle' }),
    cancel: async (opId) => void cancelled.push(opId),
    deleteCached: async () => undefined,
    setSelfHosted: async () => undefined,
  };
}

class FakeWorker extends EventTarget {
  private readonly port: MessagePort;
  terminated = false;
  constructor() {
    super();
    const { port1, port2 } = new MessageChannel();
    expose(fakeApi(), port2);
    this.port = port1;
    port1.addEventListener('message', (e) =>
      this.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data })),
    );
    port1.start();
    workers.push(this);
  }
  postMessage(data: unknown, transfer?: Transferable[]) {
    this.port.postMessage(data, transfer ?? []);
  }
  terminate() {
    this.terminated = true;
    this.port.close();
  }
  crash(message: string) {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}

describe('local-model client facade', () => {
  beforeEach(() => {
    vi.resetModules();
    workers.length = 0;
    cancelled.length = 0;
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    for (const w of workers) w.terminate();
    vi.unstubAllGlobals();
  });

  it('starts no worker until the first call, then proxies callbacks', async () => {
    const { getLocalModel } = await import('../local-model-client');
    const local = getLocalModel();
    expect(workers).toHaveLength(0);
    const progress: number[] = [];
    await local.load('ok', (p) => progress.push(p.fraction));
    expect(progress).toEqual([0.5]);
    expect(workers).toHaveLength(1);
    const tokens: string[] = [];
    const r = await local.generate({ messages: [] }, (t) => tokens.push(t));
    expect(tokens).toEqual(['a', 'b']);
    expect(r.text).toBe('ab');
  });

  it('forwards an abort as cancel(opId)', async () => {
    const { getLocalModel } = await import('../local-model-client');
    const ctrl = new AbortController();
    const r = await getLocalModel().generate({ messages: [] }, () => ctrl.abort(), ctrl.signal);
    expect(cancelled).toHaveLength(1);
    expect(r.finishReason).toBe('abort');
  });

  it('converts worker errors to structured failures with hints', async () => {
    const { getLocalModel, toBoundaryError } = await import('../local-model-client');
    const local = getLocalModel();
    await expect(local.load('missing', () => undefined)).rejects.toMatchObject({
      code: 'model_not_found',
      message: 'not there',
    });
    const err = await local.load('boom', () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(toBoundaryError(err)).toMatchObject({
      code: 'network_lost',
      hint: expect.stringMatching(/connection/),
    });
  });

  it('never throws from judge: failures become unknown', async () => {
    const { getLocalModel } = await import('../local-model-client');
    expect(await getLocalModel().judge('difficulty', 'x')).toMatchObject({ difficulty: 'simple' });
    expect(await getLocalModel().judge('answer-confidence', 'x')).toMatchObject({
      unknown: true,
      reason: /exploded/,
    });
  });

  it('never throws from findPersonalValues, and forwards its abort', async () => {
    const { getLocalModel } = await import('../local-model-client');
    const local = getLocalModel();
    expect(await local.findPersonalValues('Kai')).toMatchObject({ ok: true });
    expect(await local.findPersonalValues('explode')).toMatchObject({
      ok: false,
      reason: 'failed',
      message: /exploded/,
    });
    const ctrl = new AbortController();
    const pending = local.findPersonalValues('Kai', ctrl.signal);
    await new Promise((r) => setTimeout(r, 5));
    ctrl.abort();
    expect(await pending).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(cancelled).toHaveLength(1);
  });

  it('reports a crashed worker and starts a fresh one on the next call', async () => {
    const { getLocalModel } = await import('../local-model-client');
    const local = getLocalModel();
    await local.status();
    const pending = local.generate({ messages: [] }, () => undefined);
    await new Promise((r) => setTimeout(r, 10)); // in flight: the fake answers after 30 ms
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toMatchObject({ code: 'worker_crashed', hint: /restarted/ });
    expect(workers[0]?.terminated).toBe(true);
    await expect(local.status()).resolves.toEqual({ state: 'idle' });
    expect(workers).toHaveLength(2);
  });

  it('says the worker could not start when it fails before answering', async () => {
    const { getLocalModel } = await import('../local-model-client');
    const local = getLocalModel();
    const pending = local.capabilities();
    await vi.waitFor(() => expect(workers).toHaveLength(1), { interval: 1, timeout: 20_000 });
    workers[0]?.crash('404');
    await expect(pending).rejects.toMatchObject({
      code: 'worker_unavailable',
      message: /could not start: 404/,
    });
  });
});

/**
 * The re-scan off the event loop (issue 15, finding 1): the real worker threads running src/core's
 * detector behind the real Node server. A hostile body costs at most the time budget on one
 * worker, /api/health keeps answering meanwhile, and a saturated pool says 503 at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../config';
import { describe, expect, it } from 'vitest';
import { RescanPool } from '../rescan-pool';
import { startNodeServer } from '../node';
import { rescanWorkerScript } from '../../testing/rescan-worker-bundle';
import { chatBody, post, proxy, stub, waitFor } from './harness';

/** `unit` repeated to `chars` characters: the bodies of the security review. */
function hostile(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

/** A request of two user messages holding `text` each. */
function twoMessages(text: string): string {
  return JSON.stringify({
    messages: [
      { role: 'user', content: text },
      { role: 'user', content: text },
    ],
  });
}

/** A pool of one worker (unless told otherwise), once it has loaded the detector. */
async function pool(options: {
  size?: number;
  budgetMs: number;
  maxQueue?: number;
  maxQueuedBytes?: number;
}): Promise<RescanPool> {
  const p = new RescanPool({ script: rescanWorkerScript(), size: 1, ...options });
  await p.ready();
  return p;
}

const OPTIONS = { model: 'm', maxTokensCap: 16, threshold: undefined, override: false };
const encoder = new TextEncoder();

/** Checks a request of one user message per text; the verdict, or what stood in its way. */
async function verdictOf(checker: RescanPool, texts: string[], threshold?: number) {
  const body = JSON.stringify({ messages: texts.map((content) => ({ role: 'user', content })) });
  const outcome = await checker.check(encoder.encode(body), { ...OPTIONS, threshold });
  return outcome.kind === 'checked' ? outcome.verdict : { kind: outcome.kind };
}

async function errorCode(res: Response): Promise<string | undefined> {
  return ((await res.json()) as { error?: { code?: string } }).error?.code;
}

describe('the re-scan runs in worker threads', () => {
  it('keeps /api/health answering while a hostile body is scanned, and saturation is a fast 503', async () => {
    const upstream = await stub();
    const scanner = await pool({ budgetMs: 2_000, maxQueue: 0 });
    const p = await proxy(upstream, {}, { checker: scanner });
    // 1,000,000 characters of `a.com ` (73 s on the event loop before this issue), in two
    // messages: each is scanned alone and both joined twice, seconds even for the linear detector,
    // so the scan is still running, whatever the machine, while the checks below take milliseconds.
    const flood = post(p.url, twoMessages(hostile('a.com ', 500_000)));
    await waitFor(() => scanner.stats().running === 1, 10_000);

    const health = await fetch(`${p.url}/api/health`);
    expect(health.status).toBe(200);
    // Answered while the scan was still running: the event loop was free.
    expect(scanner.stats().running).toBe(1);

    // The only worker is busy and nothing may wait: refused at once, before the body is read.
    const refused = await post(p.url, chatBody('hello'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await errorCode(refused)).toBe('rescan_busy');
    expect(scanner.stats().running).toBe(1);

    const res = await flood;
    // Refused when the scan outlives the budget; with a faster detector it may finish in time.
    const code = res.status === 200 ? 'ok' : await errorCode(res);
    expect(['rescan_budget_exceeded', 'pii_detected', 'ok']).toContain(code);
    if (code !== 'ok') expect(upstream.chatRequests()).toHaveLength(0);
    expect(p.logs.map((l) => l.code)).toContain('rescan_busy');
  });

  it('refuses a scan that outlives its budget with 422, sends nothing and replaces the worker', async () => {
    const upstream = await stub();
    const scanner = await pool({ budgetMs: 100 });
    const p = await proxy(upstream, {}, { checker: scanner });
    // Two messages of 500 KB of `a.com `: 3 MB to scan (each alone, then joined twice), seconds
    // even for the linear detector, far beyond the 100 ms budget.
    const res = await post(p.url, twoMessages(hostile('a.com ', 500_000)));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rescan_budget_exceeded');
    expect(body.error.message).toContain('nothing was sent');
    expect(upstream.chatRequests()).toHaveLength(0);
    expect(p.logs.at(-1)).toMatchObject({ status: 422, rescan: 'timeout' });
    expect(scanner.stats().replaced).toBe(1);

    // The replacement worker takes the next request.
    await waitFor(() => scanner.stats().ready === 1, 10_000);
    const ok = await post(p.url, chatBody('hello there'));
    expect(ok.status).toBe(200);
    expect(upstream.chatRequests()).toHaveLength(1);
  });

  it('lets requests wait for a busy worker, up to the queue length and size', async () => {
    const scanner = await pool({ budgetMs: 10_000, maxQueue: 2, maxQueuedBytes: 200 });
    const slow = verdictOf(scanner, [hostile('Mr. Abc ', 1_000_000)]);
    await waitFor(() => scanner.stats().running === 1, 10_000);
    // A larger body than may wait in all: refused, although a place in the queue is free.
    expect(await verdictOf(scanner, ['x'.repeat(200)])).toEqual({ kind: 'busy' });
    const waiting = [
      verdictOf(scanner, ['mail jane@example.org']),
      verdictOf(scanner, ['hi'], 0.5),
    ];
    expect(scanner.stats().queued).toBe(2);
    expect(scanner.hasCapacity()).toBe(false);
    expect(await verdictOf(scanner, ['hi'])).toEqual({ kind: 'busy' });
    expect(await Promise.all(waiting)).toEqual([
      { verdict: 'blocked', types: ['EMAIL'] },
      { verdict: 'clean' },
    ]);
    // The slow one finishes with a verdict or over its budget, whatever the detector's speed.
    const done = await slow;
    expect('verdict' in done || done.kind === 'timeout').toBe(true);
    await scanner.close();
  });

  it('each reproduction of the review ends within the budget while health keeps answering', async () => {
    const upstream = await stub();
    const scanner = await pool({ budgetMs: 1_000 });
    const p = await proxy(upstream, {}, { checker: scanner });
    for (const payload of [
      hostile('a.com ', 500_000),
      hostile('Mr. Abc ', 1_000_000),
      hostile('1', 1_000_000),
    ]) {
      const pending = post(p.url, chatBody(payload));
      await waitFor(() => scanner.stats().running === 1, 10_000);
      expect((await fetch(`${p.url}/api/health`)).status).toBe(200);
      const res = await pending;
      expect([200, 422]).toContain(res.status);
      await waitFor(() => scanner.stats().ready === 1, 10_000);
    }
  });

  it('a server whose re-scan workers cannot start does not start', async () => {
    const broken = new RescanPool({ script: '/nonexistent/rescan-worker.mjs', budgetMs: 100 });
    await expect(broken.ready()).rejects.toThrow();
    await broken.close();
    const config = readConfig({ PORT: '0' }, { version: '1', staticRoot: 'dist' });
    await expect(
      startNodeServer({ config, hostname: '127.0.0.1', rescanWorker: '/nonexistent/w.mjs' }),
    ).rejects.toThrow();
  });

  it('RESCAN_MODEL: the embedded NER model joins the re-scan and blocks a name the patterns let pass', async () => {
    const text = 'I met Kofi Mensah at the station and gave him the contract.';
    const patternsOnly = await pool({ budgetMs: 30_000 });
    expect(await verdictOf(patternsOnly, [text])).toEqual({ verdict: 'clean' });
    await patternsOnly.close();
    const config = readConfig({ RESCAN_MODEL: '1' }, { version: '1', staticRoot: 'public' });
    expect(config.rescanModelPath).toBe('public/models/ner/ner.onnx');
    const withModel = new RescanPool({
      script: rescanWorkerScript(),
      size: 1,
      budgetMs: 30_000,
      modelPath: config.rescanModelPath ?? '',
    });
    await withModel.ready();
    const verdict = await verdictOf(withModel, [text]);
    expect(verdict).toMatchObject({ verdict: 'blocked' });
    expect('types' in verdict && verdict.types).toContain('PERSON');
    expect(await verdictOf(withModel, ['Summarise the meeting notes.'])).toEqual({
      verdict: 'clean',
    });
    await withModel.close();
  });

  it('RESCAN_MODEL with a model file that is missing or not a model: the pool never gets ready', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-ner-'));
    const garbage = path.join(dir, 'ner.onnx');
    writeFileSync(garbage, 'this is not an ONNX model');
    try {
      for (const modelPath of ['/nonexistent/ner.onnx', garbage]) {
        const broken = new RescanPool({
          script: rescanWorkerScript(),
          size: 1,
          budgetMs: 1_000,
          modelPath,
        });
        await expect(broken.ready()).rejects.toThrow();
        await broken.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The entry point as `npm start` runs it (server/main.ts, here from source through tsx, which
 * bundles the re-scan worker the way the build does): finding 1 of issue 15 against the wired-up
 * server, not a pool the test builds itself. While one hostile body is scanned, other clients'
 * health checks keep being answered; before the fix every one of them waited for the scan. And
 * RESCAN_MODEL=1 reaches the workers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, stub } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

/** Starts server/main.ts on a free port; resolves with its base URL once it says it listens. */
function startMain(env: Record<string, string>): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /Hearth on http:\/\/localhost:(\d+)/.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => reject(new Error(`server/main.ts exited with ${code}: ${err}`)));
  });
}

/** POSTs `body`; `sent` resolves when the whole body is handed to the OS, `done` with the status. */
function postTracked(url: string, body: string): { sent: Promise<void>; done: Promise<number> } {
  let markSent = (): void => {};
  const sent = new Promise<void>((r) => (markSent = r));
  const done = new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/chat/completions`,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('finish', markSent);
    req.on('error', reject);
    req.end(body);
  });
  return { sent, done };
}

describe('server/main.ts runs the re-scan off the event loop', () => {
  it('answers health checks while it scans a hostile body', async () => {
    const upstream = await stub();
    const url = await startMain({
      CLOUD_BASE_URL: upstream.baseUrl,
      CLOUD_API_KEY: API_KEY,
      CLOUD_MODEL: 'stub-model',
      RESCAN_WORKERS: '1',
    });
    // 1,000,000 characters of `a.com ` in two messages: each scanned alone and both joined twice,
    // seconds of work (or the 2 s budget) even for the linear detector.
    const half = 'a.com '.repeat(500_000 / 6);
    const hostile = postTracked(
      url,
      JSON.stringify({
        messages: [
          { role: 'user', content: half },
          { role: 'user', content: half },
        ],
      }),
    );
    await hostile.sent;
    let finished = false;
    void hostile.done.finally(() => (finished = true));
    // Health checks one after another until the hostile request is answered. With the scan on the
    // event loop none could be answered while it ran (only the few that slipped in while the body
    // was still being read); with the scan in a worker they keep coming, one every few ms.
    let answered = 0;
    while (!finished) {
      const res = await fetch(`${url}/api/health`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      if (!finished) answered++;
    }
    expect(answered).toBeGreaterThanOrEqual(20);
    const status = await hostile.done;
    expect([200, 422]).toContain(status);
    if (status === 422) expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('RESCAN_MODEL=1: the NER model (onnxruntime-web, WASM) refuses a name the patterns let pass', async () => {
    const upstream = await stub();
    const url = await startMain({
      CLOUD_BASE_URL: upstream.baseUrl,
      CLOUD_API_KEY: API_KEY,
      CLOUD_MODEL: 'stub-model',
      RESCAN_WORKERS: '1',
      RESCAN_MODEL: '1',
      RESCAN_MODEL_PATH: path.join(root, 'public', 'models', 'ner', 'ner.onnx'),
    });
    const ask = (content: string) =>
      fetch(`${url}/api/v1/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content }] }),
      });
    const refused = await ask('I met Kofi Mensah at the station and gave him the contract.');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: { code: 'pii_detected', types: ['PERSON'] },
    });
    expect(upstream.chatRequests()).toHaveLength(0);
    expect((await ask('Summarise the meeting notes.')).status).toBe(200);
    expect(upstream.chatRequests()).toHaveLength(1);
  });
});

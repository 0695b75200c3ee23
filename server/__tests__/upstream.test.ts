/**
 * The upstream transports against the stub over real HTTP: undici (what the Node entry uses) and
 * fetch (the default, what edge runtimes use) must keep the same contract (server/upstream.ts),
 * because the proxy's streaming, abort and timeout behaviour is built on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { AbortHandle, fetchTransport } from '../upstream';
import type { BodyReader, UpstreamTransport } from '../upstream';
import { undiciTransport } from '../upstream-undici';
import { stub, waitFor } from './harness';

const transports: [string, UpstreamTransport][] = [
  ['undici', undiciTransport()],
  ['fetch', fetchTransport()],
];
afterAll(async () => {
  await Promise.all(transports.map(([, t]) => t.close?.()));
});

const decoder = new TextDecoder();
const chat = (stream: boolean): string =>
  JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello' }], stream });

async function readAll(reader: BodyReader): Promise<string> {
  let text = '';
  for (;;) {
    const r = await reader.read();
    if (r.done) return text;
    text += decoder.decode(r.value, { stream: true });
  }
}

describe.each(transports)('the %s transport', (_name, transport) => {
  const post = (url: string, body: string, abort = new AbortHandle()) =>
    transport.request({
      url: `${url}/v1/chat/completions`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer k' },
      body,
      abort,
    });

  it('sends method, headers and body as given and returns status, headers and text', async () => {
    const upstream = await stub();
    const res = await post(upstream.url, chat(false));
    expect(res.status).toBe(200);
    expect(res.header('content-type')).toBe('application/json');
    expect(res.header('x-not-there')).toBeUndefined();
    expect(JSON.parse(await res.text())).toMatchObject({ object: 'chat.completion' });
    const rec = upstream.chatRequests()[0];
    expect(rec?.method).toBe('POST');
    expect(rec?.body).toBe(chat(false));
    expect(rec?.headers.authorization).toBe('Bearer k');
    expect(rec?.headers['content-length']).toBe(String(Buffer.byteLength(chat(false))));
  });

  it('passes error statuses and their headers through (Retry-After), and discards bodies', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'rate-limit', retryAfter: '9' });
    const res = await post(upstream.url, chat(false));
    expect(res.status).toBe(429);
    expect(res.header('retry-after')).toBe('9');
    await res.discard();
    // The connection is usable again afterwards.
    upstream.setBehaviour({ kind: 'normal' });
    expect((await post(upstream.url, chat(false))).status).toBe(200);
  });

  it('hands SSE chunks over as they arrive, before the upstream has finished', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'slow', chunkDelayMs: 40 });
    const res = await post(upstream.url, chat(true));
    const reader = res.reader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(decoder.decode(first.value)).toContain('data: ');
    expect(upstream.chatRequests()[0]?.finished).toBe(false);
    const rest = await readAll(reader);
    expect(rest.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('rejects when aborted before the headers, and the upstream sees it', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'hang' });
    const abort = new AbortHandle();
    const pending = post(upstream.url, chat(false), abort);
    await waitFor(() => upstream.chatRequests().length === 1);
    abort.abort(new Error('client closed'));
    await expect(pending).rejects.toBeTruthy();
    await waitFor(() => upstream.chatRequests()[0]?.aborted === true);
  });

  it('rejects after a timeout fires while the upstream hangs', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'hang' });
    const t0 = Date.now();
    await expect(post(upstream.url, chat(false), AbortHandle.timeout(150))).rejects.toBeTruthy();
    // it rejected because of the timeout, not the stub (which never answers); generous for load
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('rejects at once when already aborted, without sending anything', async () => {
    const upstream = await stub();
    const abort = new AbortHandle();
    abort.abort(new Error('client closed'));
    await expect(post(upstream.url, chat(false), abort)).rejects.toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('breaks a body being read when aborted mid-stream, and closes the upstream', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'slow', chunkDelayMs: 50 });
    const abort = new AbortHandle();
    const res = await post(upstream.url, chat(true), abort);
    const reader = res.reader();
    expect((await reader.read()).done).toBe(false);
    const next = reader.read();
    abort.abort(new Error('upstream timeout'));
    await expect(next).rejects.toBeTruthy();
    await waitFor(() => upstream.chatRequests()[0]?.aborted === true);
  });

  it('closes the upstream connection when the reader is cancelled', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'slow', chunkDelayMs: 50 });
    const res = await post(upstream.url, chat(true));
    const reader = res.reader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await waitFor(() => upstream.chatRequests()[0]?.aborted === true);
  });

  it('rejects a read when the upstream dies mid-stream; a clean early end reads as done', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'mid-stream-close', chunksBeforeClose: 2 });
    const broken = (await post(upstream.url, chat(true))).reader();
    await expect(readAll(broken)).rejects.toBeTruthy();

    upstream.setBehaviour({ kind: 'truncated-stream', chunksBeforeEnd: 2 });
    const truncated = await readAll((await post(upstream.url, chat(true))).reader());
    expect(truncated).toContain('data: ');
    expect(truncated).not.toContain('[DONE]');
  });

  it('rejects a whole-body read when the connection breaks mid-body', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'mid-stream-close', chunksBeforeClose: 1 });
    const res = await post(upstream.url, chat(true));
    await expect(res.text()).rejects.toBeTruthy();
  });

  it('rejects when nothing listens at the address', async () => {
    const upstream = await stub();
    const url = upstream.url;
    await upstream.close();
    await expect(post(url, chat(false))).rejects.toBeTruthy();
  });
});

describe('the undici transport', () => {
  it('reuses keep-alive connections for sequential requests and closes them on close()', async () => {
    let connections = 0;
    let open = 0;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    server.on('connection', (socket) => {
      connections++;
      open++;
      socket.on('close', () => open--);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const transport = undiciTransport();
    const get = async (): Promise<void> => {
      const res = await transport.request({
        url: `http://127.0.0.1:${port}/v1/models`,
        method: 'GET',
        headers: {},
        abort: new AbortHandle(),
      });
      await res.text();
    };
    for (let i = 0; i < 20; i++) await get();
    // undici may hand the next request to a second connection while the first one is still
    // finishing the previous answer; what matters is that it does not connect per request.
    expect(connections).toBeLessThanOrEqual(2);
    const before = connections;
    await transport.close?.();
    await waitFor(() => open === 0);
    // Usable again after close(), over a new connection.
    await get();
    expect(connections).toBe(before + 1);
    await transport.close?.();
    await new Promise((r) => server.close(r));
  });
});

describe('AbortHandle', () => {
  it('fires each listener once with the reason, late listeners at once, and unsubscribes', () => {
    const handle = new AbortHandle();
    const seen: string[] = [];
    handle.onAbort((r) => seen.push(`a:${r.message}`));
    const off = handle.onAbort((r) => seen.push(`b:${r.message}`));
    off();
    handle.abort(new Error('first'));
    handle.abort(new Error('second'));
    handle.onAbort((r) => seen.push(`late:${r.message}`));
    expect(seen).toEqual(['a:first', 'late:first']);
    expect(handle.aborted).toBe(true);
    expect(handle.reason?.message).toBe('first');
  });

  it('times out on its own, and a timeout that was aborted first does not fire again', async () => {
    const t = AbortHandle.timeout(20);
    expect(t.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(t.aborted).toBe(true);
    const early = AbortHandle.timeout(20);
    early.abort(new Error('done'));
    await new Promise((r) => setTimeout(r, 60));
    expect(early.reason?.message).toBe('done');
  });
});

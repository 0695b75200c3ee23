/** The benchmark's load generator: response framing, open-loop pacing, closed loop, failures. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ResponseReader, runLoad } from '../open-loop';

describe('ResponseReader', () => {
  const feed = (reader: ResponseReader, text: string, cuts: number[]): number[] => {
    const out: number[] = [];
    let at = 0;
    for (const cut of [...cuts, text.length]) {
      out.push(reader.push(Buffer.from(text.slice(at, cut), 'latin1')));
      at = cut;
    }
    return out;
  };

  it('completes a Content-Length response only at its last byte, however it is split', () => {
    const res =
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}';
    for (let cut = 1; cut < res.length; cut++) {
      const statuses = feed(new ResponseReader(), res, [cut]);
      expect(statuses).toEqual([0, 200]);
    }
  });

  it('follows chunked encoding to the terminating chunk, split anywhere, then reads the next', () => {
    const sse =
      'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '10\r\ndata: {"a":"0"}\n\r\n' +
      'e\r\ndata: [DONE]\n\n\r\n' +
      '0\r\n\r\n';
    for (let cut = 1; cut < sse.length; cut++) {
      const reader = new ResponseReader();
      expect(feed(reader, sse, [cut])).toEqual([0, 200]);
      // The same reader serves the next response on the connection.
      expect(feed(reader, 'HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n', [])).toEqual([
        404,
      ]);
    }
  });
});

describe('runLoad', () => {
  let served = 0;
  const server = http.createServer((req, res) => {
    served++;
    req.resume();
    req.on('end', () => {
      if (req.url === '/fail') {
        res.writeHead(500, { 'Content-Length': '0' });
        res.end();
      } else if (req.url === '/stream') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write('data: 1\n\n');
        setTimeout(() => res.end('data: [DONE]\n\n'), 2);
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '2' });
        res.end('{}');
      }
    });
  });
  const listening = new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  afterAll(() => new Promise((r) => server.close(r)));

  it('sends at the given rate, evenly, open loop, and measures every answer', async () => {
    const port = await listening;
    const before = served;
    const r = await runLoad({
      host: '127.0.0.1',
      port,
      path: '/json',
      body: '{"x":1}',
      headers: { 'Content-Type': 'application/json' },
      rate: 200,
      connections: 2,
      durationMs: 1_000,
    });
    expect(r.sent).toBe(200);
    expect(r.ok).toBe(200);
    expect(r.failures).toBe(0);
    expect(served - before).toBe(200);
    // Never faster than the rate, and the run lasts its whole schedule. (How much slower than the
    // rate the answers come back depends on how busy the machine is: the benchmark's business.)
    expect(r.rps).toBeLessThan(230);
    expect(r.durationS).toBeGreaterThanOrEqual(0.99);
    expect(r.latency.p50).toBeGreaterThan(0);
    expect(r.latency.p50).toBeGreaterThanOrEqual(r.service.p50);
  });

  it('reads chunked streams to the end and counts non-200 answers as failures', async () => {
    const port = await listening;
    const stream = await runLoad({
      host: '127.0.0.1',
      port,
      path: '/stream',
      method: 'GET',
      rate: 100,
      connections: 2,
      durationMs: 300,
    });
    expect(stream.ok).toBe(30);
    expect(stream.latency.p50).toBeGreaterThanOrEqual(2);
    const failing = await runLoad({
      host: '127.0.0.1',
      port,
      path: '/fail',
      rate: 100,
      connections: 1,
      durationMs: 200,
    });
    expect(failing.ok).toBe(0);
    expect(failing.failures).toBe(20);
  });

  it('closed loop keeps the given number of requests in flight', async () => {
    const port = await listening;
    const r = await runLoad({
      host: '127.0.0.1',
      port,
      path: '/json',
      method: 'GET',
      connections: 3,
      durationMs: 300,
    });
    expect(r.ok).toBeGreaterThan(10);
    expect(r.failures).toBe(0);
    expect(r.sockets).toBe(3);
  });
});

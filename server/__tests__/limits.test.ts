/**
 * Rate limiting over real HTTP: one instance with the in-memory bucket, and two instances sharing
 * one limit through a real redis-server started on a free loopback port. Also the startup
 * behaviour on configuration errors.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, post, proxy, stub } from './harness';
import { memoryRateLimiter } from '../rate-limit';
import { redisRateLimiter } from '../rate-limit-redis';

const REDIS = '/usr/bin/redis-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(200);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function statuses(
  url: string,
  n: number,
  headers: Record<string, string> = {},
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await post(url, chatBody(`hi ${i}`), headers)).status);
  return out;
}

describe('rate limit, one instance', () => {
  it('lets RATE_LIMIT_RPM requests through per client, then 429 with Retry-After', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { RATE_LIMIT_RPM: '3' });
    const started = Date.now();
    expect(await statuses(p.url, 3)).toEqual([200, 200, 200]);
    const refused = await post(p.url, chatBody('again'));
    const elapsedS = (Date.now() - started) / 1000;
    expect(refused.status).toBe(429);
    // 3 per minute: one token comes back 20 s after the first request, so 20 s less the time the
    // four requests took (rounded up): 20 on a quiet machine, 19 when they took over a second.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor(20 - elapsedS));
    expect(await refused.json()).toMatchObject({
      error: { code: 'rate_limited', retry_after_s: retryAfter },
    });
    expect(upstream.chatRequests()).toHaveLength(3);
    // Health and models are not rate limited.
    expect((await fetch(`${p.url}/api/health`)).status).toBe(200);
  });

  it('keys the bucket by token when PROXY_TOKEN is set', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { RATE_LIMIT_RPM: '2', PROXY_TOKEN: 'tok-a,tok-b' });
    const a = { Authorization: 'Bearer tok-a' };
    const b = { Authorization: 'Bearer tok-b' };
    expect(await statuses(p.url, 3, a)).toEqual([200, 200, 429]);
    expect(await statuses(p.url, 3, b)).toEqual([200, 200, 429]);
  });

  it('trusts X-Forwarded-For only with TRUST_PROXY=1 (the last hop)', async () => {
    const upstream = await stub();
    const untrusting = await proxy(upstream, { RATE_LIMIT_RPM: '2' });
    expect(await statuses(untrusting.url, 1, { 'X-Forwarded-For': '203.0.113.1' })).toEqual([200]);
    expect(await statuses(untrusting.url, 1, { 'X-Forwarded-For': '203.0.113.2' })).toEqual([200]);
    expect(await statuses(untrusting.url, 1, { 'X-Forwarded-For': '203.0.113.3' })).toEqual([429]);

    const trusting = await proxy(upstream, { RATE_LIMIT_RPM: '2', TRUST_PROXY: '1' });
    const from = (ip: string) => ({ 'X-Forwarded-For': `198.51.100.99, ${ip}` });
    expect(await statuses(trusting.url, 3, from('203.0.113.1'))).toEqual([200, 200, 429]);
    expect(await statuses(trusting.url, 2, from('203.0.113.2'))).toEqual([200, 200]);
  });

  it('refills the bucket over time (token bucket arithmetic)', async () => {
    let t = 0;
    const limiter = memoryRateLimiter(60, () => t);
    for (let i = 0; i < 60; i++) expect((await limiter.take('k')).allowed).toBe(true);
    expect(await limiter.take('k')).toEqual({ allowed: false, retryAfterMs: 1000 });
    t = 500;
    expect(await limiter.take('k')).toEqual({ allowed: false, retryAfterMs: 500 });
    t = 1000;
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('other')).allowed).toBe(true);
  });
});

describe('rate limit, two instances sharing Redis', () => {
  let redis: ChildProcess | undefined;
  let redisUrl = '';

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(
      REDIS,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 30_000;
    while (!(await ping(port))) {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    redisUrl = `redis://127.0.0.1:${port}`;
  });

  afterAll(() => {
    redis?.kill('SIGKILL');
  });

  it('shares one limit: requests spread over both instances count against the same bucket', async () => {
    const upstream = await stub();
    const env = { RATE_LIMIT_RPM: '4', REDIS_URL: redisUrl, PROXY_TOKEN: 'shared-token' };
    const one = await proxy(upstream, env);
    const two = await proxy(upstream, env);
    const auth = { Authorization: 'Bearer shared-token' };
    const got: number[] = [];
    for (let i = 0; i < 6; i++) {
      got.push((await post(i % 2 === 0 ? one.url : two.url, chatBody('hi'), auth)).status);
    }
    expect(got).toEqual([200, 200, 200, 200, 429, 429]);
    const refused = await post(two.url, chatBody('hi'), auth);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(15);
    expect(upstream.chatRequests()).toHaveLength(4);
  });

  it('runs the bucket atomically under concurrency', async () => {
    const limiters = [
      redisRateLimiter({ url: redisUrl, rpm: 10, prefix: 'test-concurrency:' }),
      redisRateLimiter({ url: redisUrl, rpm: 10, prefix: 'test-concurrency:' }),
    ];
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => limiters[i % 2]?.take('same-client')),
      );
      expect(results.filter((r) => r?.allowed)).toHaveLength(10);
    } finally {
      await Promise.all(limiters.map((l) => l.close?.()));
    }
  });

  it('fails closed with 503 when Redis is unreachable', async () => {
    const upstream = await stub();
    const deadPort = await freePort();
    const p = await proxy(upstream, { REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    const res = await post(p.url, chatBody('hi'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limiter_unavailable' } });
    expect(upstream.chatRequests()).toHaveLength(0);
  });
});

describe('startup', () => {
  it('exits with code 2 and a clear message on a configuration error', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        CLOUD_BASE_URL: 'https://user:pw@x.test/v1',
        CLOUD_MODEL: 'm',
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('Configuration error: CLOUD_BASE_URL must not contain credentials');
    expect(stderr).not.toContain('pw@');
  });

  it('starts from main.ts with the detector wired and writes one log line per request to stdout', async () => {
    const upstream = await stub();
    const root = path.resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        CLOUD_BASE_URL: upstream.baseUrl,
        CLOUD_API_KEY: 'sk-main-SECRET-key',
        CLOUD_MODEL: 'm',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!/localhost:(\d+)/.test(stdout)) {
        if (Date.now() > deadline) throw new Error(`main.ts did not start: ${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = `http://127.0.0.1:${/localhost:(\d+)/.exec(stdout)?.[1]}`;
      expect((await post(url, chatBody('hello there'))).status).toBe(200);
      const blocked = await post(url, chatBody('call me on +44 20 7946 0958 or jane@example.org'));
      expect(blocked.status).toBe(422);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { status: number; rescan: string });
    expect(lines.map((l) => [l.status, l.rescan])).toEqual([
      [200, 'clean'],
      [422, 'blocked'],
    ]);
    expect(stdout).not.toContain('sk-main-SECRET-key');
    expect(stdout).not.toContain('jane@example.org');
  });
});

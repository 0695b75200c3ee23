/** Unit tests of the proxy's small parts: config parsing, SSE framing, token comparison. */
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../config';
import { createApp } from '../app';
import { constantTimeEqual, forwardedEntry, isLoopbackAddress, lastEventBoundary } from '../proxy';
import type { RequestLogLine } from '../proxy';
import { ProxyMetrics } from '../metrics';

const d = { version: '1', staticRoot: 'dist' };

describe('readConfig (proxy settings)', () => {
  it('has the documented defaults', () => {
    const c = readConfig({}, d);
    expect(c).toMatchObject({
      host: '127.0.0.1',
      allowedHosts: [],
      allowedOrigins: [],
      proxyTokens: [],
      rateLimitRpm: 60,
      redisUrl: undefined,
      maxBodyBytes: 1_048_576,
      maxTokensCap: 4_096,
      upstreamTimeoutMs: 60_000,
      trustProxy: 0,
      metricsToken: undefined,
      rescanBudgetMs: 2_000,
      rescanWorkers: 0,
      rescanQueue: 0,
      rescanModelPath: undefined,
      rescanThreshold: undefined,
      frontier: undefined,
      private: undefined,
    });
  });

  it('parses lists and numbers and refuses nonsense with a ConfigError naming the variable', () => {
    const c = readConfig(
      {
        PROXY_TOKEN: ' a , b ',
        ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080',
        ALLOWED_HOSTS: 'Hearth.Example.com',
        RATE_LIMIT_RPM: '5',
        TRUST_PROXY: '1',
        RESCAN_THRESHOLD: '0.7',
        REDIS_URL: 'redis://127.0.0.1:6379',
      },
      d,
    );
    expect(c.proxyTokens).toEqual(['a', 'b']);
    expect(c.allowedOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(c.allowedHosts).toEqual(['hearth.example.com']);
    expect(c).toMatchObject({ rateLimitRpm: 5, trustProxy: 1, rescanThreshold: 0.7 });
    const bad: [Record<string, string>, RegExp][] = [
      [{ RATE_LIMIT_RPM: 'many' }, /RATE_LIMIT_RPM/],
      [{ RATE_LIMIT_RPM: '0' }, /RATE_LIMIT_RPM/],
      [{ MAX_BODY_BYTES: '1.5' }, /MAX_BODY_BYTES/],
      [{ UPSTREAM_TIMEOUT_MS: '-1' }, /UPSTREAM_TIMEOUT_MS/],
      [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY/],
      [{ TRUST_PROXY: '11' }, /TRUST_PROXY/],
      [{ TRUST_PROXY: '-1' }, /TRUST_PROXY/],
      [{ RESCAN_BUDGET_MS: '5' }, /RESCAN_BUDGET_MS/],
      [{ RESCAN_MODEL: 'maybe' }, /RESCAN_MODEL/],
      [{ REDIS_URL: 'http://x' }, /REDIS_URL/],
      [{ ALLOWED_ORIGINS: 'https://a.example/path' }, /ALLOWED_ORIGINS/],
      [{ RESCAN_THRESHOLD: '2' }, /RESCAN_THRESHOLD/],
      [{ PRIVATE_BASE_URL: 'http://x.test/v1' }, /PRIVATE_BASE_URL and PRIVATE_MODEL/],
      [{ CLOUD_BASE_URL: 'http://x.test/v1?key=1', CLOUD_MODEL: 'm' }, /query/],
    ];
    for (const [env, message] of bad) {
      expect(() => readConfig(env, d)).toThrow(ConfigError);
      expect(() => readConfig(env, d)).toThrow(message);
    }
  });
});

describe('SSE framing', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('finds the end of the last complete event, with LF or CRLF line ends', () => {
    expect(lastEventBoundary(bytes('data: a\n\ndata: b'))).toBe(9);
    expect(lastEventBoundary(bytes('data: a\n\ndata: b\n\n'))).toBe(18);
    expect(lastEventBoundary(bytes('data: a\r\n\r\ndata: b'))).toBe(11);
    expect(lastEventBoundary(bytes('data: a\n'))).toBe(0);
    expect(lastEventBoundary(bytes(''))).toBe(0);
  });

  it('passes only whole events when the upstream splits them across chunks', async () => {
    const parts = [
      'data: {"choices":[{"delta":{"content":"he',
      'llo"}}]}\r\n',
      '\r\ndata: [DO',
      'NE]\r\n\r\n',
    ];
    const logs: RequestLogLine[] = [];
    const app = createApp({
      config: readConfig({ CLOUD_BASE_URL: 'http://upstream.test/v1', CLOUD_MODEL: 'm' }, d),
      detector: () => [],
      logger: (l) => logs.push(l),
      fetch: () =>
        Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              start(ctrl) {
                for (const p of parts) ctrl.enqueue(bytes(p));
                ctrl.close();
              },
            }),
            { headers: { 'Content-Type': 'text/event-stream' } },
          ),
        ),
    });
    const res = await app.request('/api/v1/chat/completions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const reads: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads.push(new TextDecoder().decode(value));
    }
    expect(reads).toEqual([
      'data: {"choices":[{"delta":{"content":"hello"}}]}\r\n\r\n',
      'data: [DONE]\r\n\r\n',
    ]);
    expect(logs[0]).toMatchObject({ outcome: 'ok', bytes_out: parts.join('').length });
  });
});

describe('constantTimeEqual', () => {
  it('compares exactly', () => {
    expect(constantTimeEqual('token-1', 'token-1')).toBe(true);
    expect(constantTimeEqual('token-1', 'token-2')).toBe(false);
    expect(constantTimeEqual('token', 'token-1')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('ü', 'u')).toBe(false);
  });
});

describe('ProxyMetrics (Prometheus text)', () => {
  it('renders cumulative histogram buckets, sums and counts per label set', () => {
    const m = new ProxyMetrics();
    for (const s of [0.0005, 0.002, 0.002, 0.3, 120]) m.duration.observe({ route: 'chat' }, s);
    m.duration.observe({ route: 'models' }, 0.004);
    const text = m.render();
    const bucket = (route: string, le: string): string | undefined =>
      new RegExp(
        `hearth_proxy_request_duration_seconds_bucket\\{route="${route}",le="${le.replace('+', '\\+')}"\\} (\\d+)`,
      ).exec(text)?.[1];
    expect(bucket('chat', '0.001')).toBe('1');
    expect(bucket('chat', '0.0025')).toBe('3');
    expect(bucket('chat', '0.25')).toBe('3');
    expect(bucket('chat', '0.5')).toBe('4');
    expect(bucket('chat', '60')).toBe('4');
    expect(bucket('chat', '+Inf')).toBe('5');
    expect(text).toMatch(/hearth_proxy_request_duration_seconds_count\{route="chat"\} 5/);
    expect(bucket('models', '0.0025')).toBe('0');
    expect(bucket('models', '0.005')).toBe('1');
  });

  it('keeps one series per label set, whatever the key order, and escapes values', () => {
    const m = new ProxyMetrics();
    m.requests.inc({ route: 'chat', tier: 'frontier', status: '200' });
    m.requests.inc({ status: '200', route: 'chat', tier: 'frontier' });
    m.requests.inc({ route: 'chat', tier: 'frontier', status: '422' });
    m.errors.inc({ code: 'a"b\\c\nd' });
    const text = m.render();
    expect(text).toMatch(
      /hearth_proxy_requests_total\{route="chat",status="200",tier="frontier"\} 2/,
    );
    expect(text).toMatch(
      /hearth_proxy_requests_total\{route="chat",status="422",tier="frontier"\} 1/,
    );
    expect(text).toContain('hearth_proxy_errors_total{code="a\\"b\\\\c\\nd"} 1');
  });
});

describe('forwardedEntry and isLoopbackAddress', () => {
  it('takes the entry n hops from the right, the first when there are fewer, none when n is 0', () => {
    expect(forwardedEntry('forged, client, edge', 2)).toBe('client');
    expect(forwardedEntry('forged, client', 1)).toBe('client');
    expect(forwardedEntry('client', 3)).toBe('client');
    expect(forwardedEntry(' , client ,', 1)).toBe('client');
    expect(forwardedEntry('client', 0)).toBeUndefined();
    expect(forwardedEntry(undefined, 1)).toBeUndefined();
    expect(forwardedEntry('', 1)).toBeUndefined();
  });

  it('knows loopback peers, IPv4-mapped ones included', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(a)).toBe(true);
    }
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', 'localhost', '127.0.0.1.evil']) {
      expect(isLoopbackAddress(a)).toBe(false);
    }
  });
});

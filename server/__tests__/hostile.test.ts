/**
 * Regression tests for the security review of issue 15: hostile requests and hostile upstream
 * streams against the real Node server on loopback, the real re-scan workers and the stub
 * provider. Each test is one reproduction of the review.
 */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../chat-request';
import { chatBody, post, proxy, stub } from './harness';

function sseEvents(text: string): string[] {
  return text.split('\n\n').filter((e) => e.length > 0);
}

function nested(depth: number): Record<string, unknown> {
  // A JSON schema that nests `depth` objects: { properties: { a: { properties: ... } } }.
  let node: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < depth; i++) node = { a: node };
  return node;
}

const chunk = (content: string): string =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

describe('finding 3: only a real `data: [DONE]` event ends a stream', () => {
  const cases: [string, string[]][] = [
    ['inside the content of an answer', [chunk('Say [DONE] when finished. '), chunk('More')]],
    ['in a comment line', [chunk('Hello'), ': [DONE]\n\n', chunk(' world')]],
    ['in another field', [chunk('Hello'), 'event: [DONE]\ndata: {}\n\n']],
    ['as part of a longer data line', [chunk('Hello'), 'data: [DONE] \n\n']],
  ];
  for (const [where, writes] of cases) {
    for (const end of ['end', 'close'] as const) {
      it(`"[DONE]" ${where}, then the stream ${end === 'end' ? 'ends' : 'is cut'}: an error event`, async () => {
        const upstream = await stub();
        upstream.setBehaviour({ kind: 'raw-stream', writes, end });
        const p = await proxy(upstream);
        const res = await post(p.url, chatBody('hi', { stream: true }));
        expect(res.status).toBe(200);
        const events = sseEvents(await res.text());
        expect(events.at(-1)).toContain('"code":"upstream_stream_error"');
        expect(events).not.toContain('data: [DONE]');
        expect(p.logs.at(-1)).toMatchObject({ outcome: 'stream_error' });
      });
    }
  }

  it('a real [DONE] event (with or without the space, any line ending) ends the stream cleanly', async () => {
    for (const done of ['data: [DONE]\n\n', 'data:[DONE]\r\n\r\n', 'data: [DONE]\r\r']) {
      const upstream = await stub();
      upstream.setBehaviour({ kind: 'raw-stream', writes: [chunk('Hi [DONE] there'), done] });
      const p = await proxy(upstream);
      const text = await (await post(p.url, chatBody('hi', { stream: true }))).text();
      expect(text).not.toContain('upstream_stream_error');
      expect(text.endsWith(done)).toBe(true);
      expect(p.logs.at(-1)).toMatchObject({ outcome: 'ok' });
    }
  });
});

describe('finding 3: deep nesting is a clear 400, never a 500', () => {
  it('refuses a JSON schema nested 100,000 levels deep with 400 too_deeply_nested', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const depth = 100_000;
    const schema = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const body = `{"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${schema}}}}`;
    const res = await post(p.url, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'too_deeply_nested', max_depth: MAX_JSON_DEPTH },
    });
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('accepts a body exactly MAX_JSON_DEPTH deep and refuses one level more', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    // body (1) > response_format (2) > json_schema (3) > schema (4) > ... nested objects
    const bodyAt = (depth: number): string =>
      chatBody('hi', {
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'x', schema: nested(depth - 4) },
        },
      });
    expect((await post(p.url, bodyAt(MAX_JSON_DEPTH))).status).toBe(200);
    expect((await post(p.url, bodyAt(MAX_JSON_DEPTH + 1))).status).toBe(400);
    expect(upstream.chatRequests()).toHaveLength(1);
  });
});

describe('the re-scan covers every forwarded string, alone and joined', () => {
  it('sees a card split across two messages', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const res = await post(
      p.url,
      JSON.stringify({
        messages: [
          { role: 'user', content: 'My card is 4111 1111' },
          { role: 'user', content: '1111 1111, charge it.' },
        ],
      }),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; types: string[] } };
    expect(body.error.code).toBe('pii_detected');
    expect(body.error.types).toContain('CREDIT_CARD');
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('sees an e-mail address cut between a message and its name', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const res = await post(
      p.url,
      JSON.stringify({
        messages: [{ role: 'user', content: 'write to jonas.berg@', name: 'acme.example' }],
      }),
    );
    expect(res.status).toBe(422);
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('sees values anywhere in a JSON schema: nested values, enums and keys', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    for (const schema of [
      { properties: { to: { enum: ['ops@corp.example.net'] } } },
      { properties: { 'jane@example.org': { type: 'string' } } },
    ]) {
      const res = await post(
        p.url,
        chatBody('hi', {
          response_format: { type: 'json_schema', json_schema: { name: 's', schema } },
        }),
      );
      expect(res.status).toBe(422);
    }
    expect(upstream.chatRequests()).toHaveLength(0);
  });
});

describe('finding 4: origin scheme, metrics, trusted hops', () => {
  it('compares the Origin scheme too: an http server refuses https://its-host:port', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const https = p.url.replace('http://', 'https://');
    const refused = await post(p.url, chatBody('hi'), { Origin: https });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    // A forged X-Forwarded-Proto changes nothing without a trusted proxy.
    const forged = await post(p.url, chatBody('hi'), {
      Origin: https,
      'X-Forwarded-Proto': 'https',
    });
    expect(forged.status).toBe(403);
    expect((await post(p.url, chatBody('hi'), { Origin: p.url })).status).toBe(200);
    expect(upstream.chatRequests()).toHaveLength(1);
  });

  it('behind a trusted TLS-terminating proxy, the scheme it reports is the one compared', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { TRUST_PROXY: '1' });
    const https = p.url.replace('http://', 'https://');
    const viaTls = { 'X-Forwarded-Proto': 'https' };
    expect((await post(p.url, chatBody('hi'), { Origin: https, ...viaTls })).status).toBe(200);
    expect((await post(p.url, chatBody('hi'), { Origin: p.url, ...viaTls })).status).toBe(403);
    // The client's own entry further left is not the proxy's.
    const spoofed = { 'X-Forwarded-Proto': 'https, http' };
    expect((await post(p.url, chatBody('hi'), { Origin: https, ...spoofed })).status).toBe(403);
  });

  it('reads the client address n hops from the right with TRUST_PROXY=n', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { RATE_LIMIT_RPM: '2', TRUST_PROXY: '2' });
    // client -> edge proxy (appends the client) -> inner proxy (appends the edge) -> us
    const via = (forged: string, client: string) => ({
      'X-Forwarded-For': `${forged}, ${client}, 10.0.0.7`,
    });
    const statuses: number[] = [];
    for (const forged of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      statuses.push((await post(p.url, chatBody('hi'), via(forged, '203.0.113.9'))).status);
    }
    // Rotating the forged entries does not give a new bucket.
    expect(statuses).toEqual([200, 200, 429]);
    expect((await post(p.url, chatBody('hi'), via('x', '203.0.113.10'))).status).toBe(200);
  });

  it('metrics: a separate METRICS_TOKEN when set, else PROXY_TOKEN, else this host only', async () => {
    const upstream = await stub();
    const withMetricsToken = await proxy(upstream, {
      METRICS_TOKEN: 'm-token',
      PROXY_TOKEN: 'user-token',
    });
    const get = (url: string, token?: string) =>
      fetch(`${url}/api/metrics`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    expect((await get(withMetricsToken.url)).status).toBe(401);
    expect((await get(withMetricsToken.url, 'user-token')).status).toBe(401);
    expect((await get(withMetricsToken.url, 'm-token')).status).toBe(200);

    const proxyTokenOnly = await proxy(upstream, { PROXY_TOKEN: 'user-token' });
    expect((await get(proxyTokenOnly.url)).status).toBe(401);
    expect((await get(proxyTokenOnly.url, 'user-token')).status).toBe(200);

    // No token: a scraper on this host may read them, but behind a trusted reverse proxy every
    // peer looks local, so there nobody may.
    expect((await get((await proxy(upstream)).url)).status).toBe(200);
    const behindProxy = await get((await proxy(upstream, { TRUST_PROXY: '1' })).url);
    expect(behindProxy.status).toBe(403);
    expect(await behindProxy.json()).toMatchObject({ error: { code: 'metrics_not_allowed' } });
  });
});

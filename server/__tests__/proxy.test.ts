/**
 * Integration tests of the cloud proxy over real HTTP on loopback: the Node server on port 0 in
 * front of the stub upstream (testing/stub-upstream.ts).
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { API_KEY, PRIVATE_KEY, chatBody, post, proxy, stub, waitFor } from './harness';
import { DEFAULT_REPLY } from '../../testing/stub-upstream';

async function readAll(
  res: Response,
): Promise<{ text: string; reads: { at: number; text: string }[] }> {
  const reader = must(res.body).getReader();
  const decoder = new TextDecoder();
  const reads: { at: number; text: string }[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    reads.push({ at: Date.now(), text: decoder.decode(value, { stream: true }) });
  }
  return { text: reads.map((r) => r.text).join(''), reads };
}

/** POST with explicit Host and Origin headers (fetch does not let a caller set Host). */
function rawPost(
  url: string,
  host: string,
  origin: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const payload = chatBody('hi');
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/chat/completions`,
      {
        method: 'POST',
        headers: {
          Host: host,
          Origin: origin,
          ...extra,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice('data: '.length));
}

describe('a clean request', () => {
  it('is forwarded byte-for-byte minus unknown fields, with the tier model and capped max_tokens', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { MAX_TOKENS_CAP: '256' });
    const sent = {
      model: 'gpt-whatever',
      messages: [
        { role: 'system', content: 'Answer briefly. Ünïcödé ✓ "quotes" \\ back\nslash' },
        {
          role: 'user',
          content: [{ type: 'text', text: 'Summarise [PERSON_1]’s note.' }],
          secret: 1,
        },
      ],
      temperature: 0.2,
      user: 'alice@example.org-tracking-id',
      tools: [{ type: 'function', function: { name: 'exfiltrate' } }],
      max_tokens: 10_000,
      stop: ['\n\n'],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      top_p: 0.9,
    };
    const res = await post(p.url, JSON.stringify(sent), { Cookie: 'session=abc', 'X-Custom': '1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const answer = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(answer.choices[0]?.message.content).toBe(DEFAULT_REPLY);

    const [got] = upstream.chatRequests();
    const expected = {
      model: 'frontier-model',
      messages: [
        { role: 'system', content: 'Answer briefly. Ünïcödé ✓ "quotes" \\ back\nslash' },
        { role: 'user', content: [{ type: 'text', text: 'Summarise [PERSON_1]’s note.' }] },
      ],
      temperature: 0.2,
      max_tokens: 256,
      stop: ['\n\n'],
      response_format: sent.response_format,
      top_p: 0.9,
    };
    expect(got?.body).toBe(JSON.stringify(expected));
    expect(got?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(got?.headers.cookie).toBeUndefined();
    expect(got?.headers['x-custom']).toBeUndefined();
    expect(got?.headers['x-hearth-tier']).toBeUndefined();
  });

  it('gets max_tokens set to the cap when the client asked for none', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { MAX_TOKENS_CAP: '300' });
    expect((await post(p.url, chatBody('hello'))).status).toBe(200);
    expect(upstream.chatRequests()[0]?.json).toEqual({
      messages: [{ role: 'user', content: 'hello' }],
      model: 'frontier-model',
      max_tokens: 300,
    });
  });

  it('goes to the private tier with its own key when X-Hearth-Tier says so', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, {
      PRIVATE_BASE_URL: `${upstream.url}/private/v1`,
      PRIVATE_API_KEY: PRIVATE_KEY,
      PRIVATE_MODEL: 'llama-local',
    });
    const res = await post(p.url, chatBody('hi'), { 'X-Hearth-Tier': 'private' });
    expect(res.status).toBe(200);
    const [got] = upstream.chatRequests();
    expect(got?.path).toBe('/private/v1/chat/completions');
    expect(got?.headers.authorization).toBe(`Bearer ${PRIVATE_KEY}`);
    expect((got?.json as { model: string }).model).toBe('llama-local');
    expect(p.logs.at(-1)).toMatchObject({ tier: 'private', status: 200, rescan: 'clean' });
  });
});

describe('the re-scan', () => {
  it('refuses PII with 422 pii_detected, sends nothing and never echoes the value', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const res = await post(
      p.url,
      JSON.stringify({
        messages: [
          { role: 'system', content: 'be nice' },
          {
            role: 'user',
            content: [{ type: 'text', text: 'Write to jane.doe@example.com today' }],
          },
        ],
      }),
    );
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'pii_detected', message: expect.any(String), types: ['EMAIL'] },
    });
    expect(text).not.toContain('jane.doe');
    expect(upstream.chatRequests()).toHaveLength(0);
    expect(p.logs.at(-1)).toMatchObject({ status: 422, code: 'pii_detected', rescan: 'blocked' });
    expect(p.logText()).not.toContain('jane.doe');
  });

  it('an unredacted override is refused unless the server allows it', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const res = await post(p.url, chatBody('Write to jane.doe@example.com today'), {
      'X-Hearth-Override': 'unredacted',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'override_not_allowed' } });
    expect(upstream.chatRequests()).toHaveLength(0);
    const odd = await post(p.url, chatBody('hi'), { 'X-Hearth-Override': 'everything' });
    expect(odd.status).toBe(400);
  });

  it('with ALLOW_UNREDACTED_OVERRIDE, confirmed personal values pass but secrets never do', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { ALLOW_UNREDACTED_OVERRIDE: '1' });
    const health = (await (await fetch(`${p.url}/api/health`)).json()) as {
      override?: unknown;
      rescan?: unknown;
    };
    expect(health.override).toEqual({ allowed: true });
    // the re-scan threshold the browser must scan at too (the detector's default here)
    expect(health.rescan).toEqual({ threshold: 0.5 });
    const plain = await post(p.url, chatBody('Write to jane.doe@example.com today'));
    expect(plain.status).toBe(422); // without the header the re-scan still blocks
    const ok = await post(p.url, chatBody('Write to jane.doe@example.com today'), {
      'X-Hearth-Override': 'unredacted',
    });
    expect(ok.status).toBe(200);
    expect(upstream.chatRequests()).toHaveLength(1);
    expect(p.logs.at(-1)).toMatchObject({ status: 200, rescan: 'overridden' });
    expect(p.logText()).not.toContain('jane.doe');
    const secret = await post(
      p.url,
      chatBody(
        'jane.doe@example.com, key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      ),
      { 'X-Hearth-Override': 'unredacted' },
    );
    expect(secret.status).toBe(422);
    expect(await secret.json()).toMatchObject({
      error: { code: 'pii_detected', types: ['SECRET'] },
    });
    expect(upstream.chatRequests()).toHaveLength(1);
  });

  it('uses the src/core detector: several types are named, placeholders pass', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const res = await post(
      p.url,
      JSON.stringify({
        messages: [
          { role: 'user', content: 'Card 4111 1111 1111 1111, mail jane.doe@example.com' },
          { role: 'assistant', content: 'Noted.' },
        ],
      }),
    );
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { types: ['CREDIT_CARD', 'EMAIL'] } });
    expect(text).not.toContain('4111');
    const placeholders = await post(
      p.url,
      chatBody('Write to [PERSON_1] at [EMAIL_1] about card [CREDIT_CARD_1].'),
    );
    expect(placeholders.status).toBe(200);
    expect(upstream.chatRequests()).toHaveLength(1);
  });

  it('scans stop strings and json_schema text too', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const viaStop = await post(p.url, chatBody('hi', { stop: ['x@y.example.com'] }));
    expect(viaStop.status).toBe(422);
    const viaSchema = await post(
      p.url,
      chatBody('hi', {
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'a', schema: { description: 'mail bob@corp.example.net' } },
        },
      }),
    );
    expect(viaSchema.status).toBe(422);
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('fails closed when the detector throws or is missing', async () => {
    const upstream = await stub();
    const throwing = await proxy(
      upstream,
      {},
      {
        detector: () => {
          throw new Error('model crashed');
        },
      },
    );
    const res = await post(throwing.url, chatBody('hello'));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'rescan_failed' } });
    const missing = await proxy(upstream, {}, { detector: undefined });
    expect((await post(missing.url, chatBody('hello'))).status).toBe(500);
    expect(upstream.chatRequests()).toHaveLength(0);
    expect(throwing.logs.at(-1)).toMatchObject({ rescan: 'failed', code: 'rescan_failed' });
  });
});

describe('streaming', () => {
  it('passes SSE through chunk by chunk: the first event arrives before the upstream finishes', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'slow', chunkDelayMs: 60, reply: 'one two three four' });
    const p = await proxy(upstream);
    const res = await post(p.url, chatBody('count', { stream: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const { text, reads } = await readAll(res);
    const rec = must(upstream.chatRequests()[0]);
    expect(rec.finished).toBe(true);
    // Several reads spread over time, not one buffered blob.
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(must(reads.at(-1)).at - must(reads[0]).at).toBeGreaterThanOrEqual(200);
    const events = sseData(text);
    expect(events.at(-1)).toBe('[DONE]');
    const content = events
      .slice(0, -1)
      .map(
        (e) =>
          (JSON.parse(e) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta
            .content ?? '',
      )
      .join('');
    expect(content).toBe('one two three four');
    await waitFor(() => p.logs.length === 1);
    expect(p.logs[0]).toMatchObject({
      stream: true,
      status: 200,
      outcome: 'ok',
      bytes_out: text.length,
    });
  });

  it('holds a partial event until its end arrives: the client only ever reads whole events', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'split-events', delayMs: 15 });
    const p = await proxy(upstream);
    const { text, reads } = await readAll(await post(p.url, chatBody('x', { stream: true })));
    for (const r of reads) expect(r.text.endsWith('\n\n')).toBe(true);
    const events = sseData(text);
    expect(events.at(-1)).toBe('[DONE]');
    const content = events
      .slice(0, -1)
      .map(
        (e) =>
          (JSON.parse(e) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta
            .content ?? '',
      )
      .join('');
    expect(content).toBe(DEFAULT_REPLY);
  });

  it('the first chunk reaches the client while the upstream is still sending', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'slow', chunkDelayMs: 150, reply: 'a b c d' });
    const p = await proxy(upstream);
    const res = await post(p.url, chatBody('x', { stream: true }));
    const reader = must(res.body).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(must(upstream.chatRequests()[0]).finished).toBe(false);
    await reader.cancel();
  });

  it('ends the client stream with an SSE error event when the upstream dies mid-stream', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'mid-stream-close', chunksBeforeClose: 3 });
    const p = await proxy(upstream);
    const res = await post(p.url, chatBody('x', { stream: true }));
    expect(res.status).toBe(200);
    const events = sseData((await readAll(res)).text);
    expect(events).toHaveLength(4);
    expect(JSON.parse(must(events.at(-1)))).toEqual({
      error: { code: 'upstream_stream_error', message: expect.any(String) },
    });
    for (const e of events.slice(0, 3)) expect(JSON.parse(e)).toHaveProperty('choices');
    await waitFor(() => p.logs.length === 1);
    expect(p.logs[0]).toMatchObject({ outcome: 'stream_error', code: 'upstream_stream_error' });
  });

  it('treats a stream that ends without [DONE] as broken', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'truncated-stream', chunksBeforeEnd: 2 });
    const p = await proxy(upstream);
    const events = sseData(
      (await readAll(await post(p.url, chatBody('x', { stream: true })))).text,
    );
    expect(JSON.parse(must(events.at(-1)))).toMatchObject({
      error: { code: 'upstream_stream_error' },
    });
  });

  it('aborts the upstream request when the client disconnects', async () => {
    const upstream = await stub();
    upstream.setBehaviour({
      kind: 'slow',
      chunkDelayMs: 100,
      reply: 'a b c d e f g h i j k l m n o p',
    });
    const p = await proxy(upstream);
    const abort = new AbortController();
    const res = await post(p.url, chatBody('x', { stream: true }), {}, { signal: abort.signal });
    const reader = must(res.body).getReader();
    await reader.read();
    abort.abort();
    const rec = must(upstream.chatRequests()[0]);
    await waitFor(() => rec.aborted);
    expect(rec.finished).toBe(false);
    await waitFor(() => p.logs.length === 1);
    expect(p.logs[0]).toMatchObject({ outcome: 'client_closed' });
  });

  it('aborts the upstream request when the client disconnects before the headers', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'hang' });
    const p = await proxy(upstream);
    const abort = new AbortController();
    const pending = post(p.url, chatBody('x'), {}, { signal: abort.signal }).catch(() => 'aborted');
    await waitFor(() => upstream.chatRequests().length === 1);
    abort.abort();
    expect(await pending).toBe('aborted');
    await waitFor(() => must(upstream.chatRequests()[0]).aborted);
  });
});

describe('with the global fetch (what edge runtimes use) instead of the Node upstream client', () => {
  const globalFetch: typeof fetch = (input, init) => fetch(input, init);

  it('streams, reports a mid-stream death, times out and propagates aborts the same way', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { UPSTREAM_TIMEOUT_MS: '300' }, { fetch: globalFetch });
    upstream.setBehaviour({ kind: 'slow', chunkDelayMs: 20 });
    const ok = sseData((await readAll(await post(p.url, chatBody('x', { stream: true })))).text);
    expect(ok.at(-1)).toBe('[DONE]');

    upstream.setBehaviour({ kind: 'mid-stream-close', chunksBeforeClose: 2 });
    const broken = sseData(
      (await readAll(await post(p.url, chatBody('x', { stream: true })))).text,
    );
    expect(JSON.parse(must(broken.at(-1)))).toMatchObject({
      error: { code: 'upstream_stream_error' },
    });

    upstream.setBehaviour({ kind: 'hang' });
    expect((await post(p.url, chatBody('x'))).status).toBe(504);

    upstream.setBehaviour({ kind: 'slow', chunkDelayMs: 100 });
    upstream.clear();
    const abort = new AbortController();
    const res = await post(p.url, chatBody('x', { stream: true }), {}, { signal: abort.signal });
    await must(res.body).getReader().read();
    abort.abort();
    const rec = must(upstream.chatRequests()[0]);
    await waitFor(() => rec.aborted);
  });
});

describe('upstream failures', () => {
  it('maps 5xx to 502 upstream_error without echoing the upstream body', async () => {
    const upstream = await stub();
    upstream.setBehaviour({
      kind: 'error',
      status: 503,
      body: '{"error":"db at 10.0.0.5 down, trace 42"}',
    });
    const p = await proxy(upstream);
    const res = await post(p.url, chatBody('hi'));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 'upstream_error', upstream_status: 503 },
    });
    expect(text).not.toContain('10.0.0.5');
    expect(text).not.toContain('trace');
  });

  it('passes 429 on with the upstream Retry-After', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'rate-limit', retryAfter: '17' });
    const p = await proxy(upstream);
    const res = await post(p.url, chatBody('hi'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('17');
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_rate_limited' } });
  });

  it('answers 504 upstream_timeout when the upstream hangs', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'hang' });
    const p = await proxy(upstream, { UPSTREAM_TIMEOUT_MS: '300' });
    const started = Date.now();
    const res = await post(p.url, chatBody('hi'));
    expect(res.status).toBe(504);
    // well under the 60 s default: the configured 300 ms applied (a busy machine adds seconds)
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_timeout' } });
    await waitFor(() => must(upstream.chatRequests()[0]).aborted);
  });

  it('answers 502 upstream_invalid_response to invalid JSON', async () => {
    const upstream = await stub();
    upstream.setBehaviour({ kind: 'invalid-json' });
    const p = await proxy(upstream);
    const res = await post(p.url, chatBody('hi'));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'upstream_invalid_response' } });
    expect(text).not.toContain('chatcmpl-broken');
  });

  it('answers 502 upstream_unreachable when nothing listens', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    await upstream.close();
    const res = await post(p.url, chatBody('hi'));
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_unreachable' } });
  });
});

describe('request checks', () => {
  it('refuses an oversize body by Content-Length and while reading a chunked body', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { MAX_BODY_BYTES: '2048' });
    const big = chatBody('a'.repeat(4_000));
    const res = await post(p.url, big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'body_too_large' } });

    const bytes = new TextEncoder().encode(big);
    const chunked = new ReadableStream<Uint8Array>({
      start(ctrl) {
        for (let i = 0; i < bytes.length; i += 500) ctrl.enqueue(bytes.slice(i, i + 500));
        ctrl.close();
      },
    });
    const res2 = await fetch(`${p.url}/api/v1/chat/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res2.status).toBe(413);
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('refuses a wrong content type with 415 and malformed JSON with 400', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const wrongType = await post(p.url, chatBody('hi'), { 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const malformed = await post(p.url, '{"messages": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_json' } });
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('refuses requests that do not fit the schema, including content it cannot re-scan', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const image = await post(
      p.url,
      JSON.stringify({
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] },
        ],
      }),
    );
    expect(image.status).toBe(400);
    expect(await image.json()).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await post(p.url, JSON.stringify({ messages: [] }))).status).toBe(400);
    expect((await post(p.url, '[1,2]')).status).toBe(400);
    expect((await post(p.url, chatBody('hi', { temperature: 'hot' }))).status).toBe(400);
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it('refuses an unknown tier with 400 and an unconfigured one with 503', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const unknown = await post(p.url, chatBody('hi'), { 'X-Hearth-Tier': 'mystery' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'invalid_tier' } });
    const unconfigured = await post(p.url, chatBody('hi'), { 'X-Hearth-Tier': 'private' });
    expect(unconfigured.status).toBe(503);
    expect(await unconfigured.json()).toMatchObject({ error: { code: 'tier_not_configured' } });
    const none = await proxy(undefined);
    expect((await post(none.url, chatBody('hi'))).status).toBe(503);
  });
});

describe('not an open relay', () => {
  it('refuses foreign origins and accepts its own, the allowed list and no Origin at all', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { ALLOWED_ORIGINS: 'https://app.example.test' });
    const evil = await post(p.url, chatBody('hi'), { Origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect((await post(p.url, chatBody('hi'), { Origin: 'null' })).status).toBe(403);
    expect(upstream.chatRequests()).toHaveLength(0);

    expect((await post(p.url, chatBody('hi'), { Origin: p.url })).status).toBe(200);
    expect((await post(p.url, chatBody('hi'))).status).toBe(200);
    const allowed = await post(p.url, chatBody('hi'), { Origin: 'https://app.example.test' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');

    const preflight = await fetch(`${p.url}/api/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Hearth-Tier');
    const evilPreflight = await fetch(`${p.url}/api/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    expect(evilPreflight.status).toBe(403);
  });

  it('refuses DNS-rebinding pages: on loopback only loopback Host names count as same origin', async () => {
    const upstream = await stub();
    const local = await proxy(upstream);
    const port = new URL(local.url).port;
    const rebound = await rawPost(local.url, `evil.example:${port}`, `http://evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('origin_not_allowed');
    const viaLocalhost = await rawPost(local.url, `localhost:${port}`, `http://localhost:${port}`);
    expect(viaLocalhost.status).toBe(200);
    expect(upstream.chatRequests()).toHaveLength(1);
    const models = await new Promise<number>((resolve, reject) => {
      http
        .get(`${local.url}/api/v1/models`, { headers: { Host: `evil.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(models).toBe(403);

    // A deployment names its hosts; others are refused even when Origin matches Host.
    const deployed = await proxy(upstream, { ALLOWED_HOSTS: 'hearth.example.com' });
    const dPort = new URL(deployed.url).port;
    expect(
      (await rawPost(deployed.url, 'hearth.example.com', 'http://hearth.example.com')).status,
    ).toBe(200);
    expect(
      (await rawPost(deployed.url, `127.0.0.1:${dPort}`, `http://127.0.0.1:${dPort}`)).status,
    ).toBe(403);
    // Listening on all interfaces without ALLOWED_HOSTS: Host must still match Origin.
    const open = await proxy(upstream, { HOST: '0.0.0.0' }); // the harness still binds 127.0.0.1
    const oUrl = open.url;
    expect((await rawPost(oUrl, 'hearth.example.org', 'http://hearth.example.org')).status).toBe(
      200,
    );
    expect((await rawPost(oUrl, 'hearth.example.org', 'https://other.example.org')).status).toBe(
      403,
    );
  });

  it('requires the bearer token when PROXY_TOKEN is set', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { PROXY_TOKEN: 'tok-alpha,tok-beta' });
    const missing = await post(p.url, chatBody('hi'));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await post(p.url, chatBody('hi'), { Authorization: 'Bearer tok-alph' })).status).toBe(
      401,
    );
    expect((await post(p.url, chatBody('hi'), { Authorization: 'Basic tok-alpha' })).status).toBe(
      401,
    );
    expect((await fetch(`${p.url}/api/v1/models`)).status).toBe(401);
    expect((await fetch(`${p.url}/api/metrics`)).status).toBe(401);
    expect(upstream.chatRequests()).toHaveLength(0);
    expect((await post(p.url, chatBody('hi'), { Authorization: 'Bearer tok-beta' })).status).toBe(
      200,
    );
    // The client's token is never forwarded; the upstream gets the proxy's key.
    expect(upstream.chatRequests()[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(p.logText()).not.toContain('tok-beta');
  });
});

describe('response headers', () => {
  it('sets the security headers once on API answers: JSON, streamed, refused and CORS', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, { ALLOWED_ORIGINS: 'https://app.example' });
    const answers = [
      await post(p.url, chatBody('hi')),
      await post(p.url, chatBody('hi', { stream: true })),
      await post(p.url, chatBody('mail me at jane.doe@example.org')),
      await post(p.url, chatBody('hi'), { Origin: 'https://app.example' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 422, 200]);
    for (const res of answers) {
      await res.arrayBuffer();
      // A header set twice would read as "nosniff, nosniff".
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(answers[1]?.headers.get('content-type')).toContain('text/event-stream');
    expect(answers[3]?.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(answers[3]?.headers.get('vary')).toBe('Origin');
    expect(answers[0]?.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('health, models and metrics', () => {
  it('reports each tier as configured and reachable, without keys or URLs', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    const text = await (await fetch(`${p.url}/api/health`)).text();
    expect(JSON.parse(text)).toEqual({
      ok: true,
      version: '1.2.3',
      cloud: { configured: true },
      override: { allowed: false },
      rescan: { threshold: 0.5 },
      tiers: {
        frontier: { configured: true, reachable: true, model: 'frontier-model' },
        private: { configured: false, reachable: null },
      },
    });
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('127.0.0.1');
    expect(upstream.received.find((r) => r.path === '/v1/models')?.headers.authorization).toBe(
      `Bearer ${API_KEY}`,
    );

    const down = await stub();
    down.setBehaviour({ kind: 'error', status: 500 });
    const p2 = await proxy(down);
    const health = (await (await fetch(`${p2.url}/api/health`)).json()) as {
      tiers: { frontier: { reachable: boolean } };
    };
    expect(health.tiers.frontier.reachable).toBe(false);
  });

  it('lists the configured tier models', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, {
      PRIVATE_BASE_URL: 'http://127.0.0.1:9/v1',
      PRIVATE_MODEL: 'llama-local',
    });
    expect(await (await fetch(`${p.url}/api/v1/models`)).json()).toEqual({
      object: 'list',
      data: [
        {
          id: 'frontier-model',
          object: 'model',
          created: 0,
          owned_by: 'hearth',
          hearth_tier: 'frontier',
        },
        {
          id: 'llama-local',
          object: 'model',
          created: 0,
          owned_by: 'hearth',
          hearth_tier: 'private',
        },
      ],
    });
  });

  it('exposes Prometheus metrics: requests, errors by code, latency histogram, rescan blocks', async () => {
    const upstream = await stub();
    const p = await proxy(upstream);
    await post(p.url, chatBody('hi'));
    await post(p.url, chatBody('mail me: a.b@example.com'));
    await post(p.url, 'nope');
    const res = await fetch(`${p.url}/api/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain(
      'hearth_proxy_requests_total{route="chat",status="200",tier="frontier"} 1',
    );
    expect(text).toContain('hearth_proxy_errors_total{code="pii_detected"} 1');
    expect(text).toContain('hearth_proxy_errors_total{code="invalid_json"} 1');
    expect(text).toContain('hearth_proxy_rescan_blocks_total{type="EMAIL"} 1');
    expect(text).toContain('hearth_proxy_rescan_blocked_requests_total 1');
    expect(text).toMatch(
      /hearth_proxy_request_duration_seconds_bucket\{route="chat",le="\+Inf"\} 3/,
    );
    expect(text).toMatch(/hearth_proxy_upstream_duration_seconds_count\{tier="frontier"\} 1/);
    expect(text).not.toContain('example.com');
  });
});

describe('secrets and content stay out of responses and logs', () => {
  it('never shows the API key in any response or log line, nor prompts or answers in logs', async () => {
    const upstream = await stub();
    const p = await proxy(upstream, {
      PRIVATE_BASE_URL: `${upstream.url}/private/v1`,
      PRIVATE_API_KEY: PRIVATE_KEY,
      PRIVATE_MODEL: 'llama-local',
      UPSTREAM_TIMEOUT_MS: '300',
    });
    const seen: string[] = [];
    const capture = async (res: Response | Promise<Response>): Promise<void> => {
      const r = await res;
      seen.push([...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n'), await r.text());
    };
    const prompt = 'PROMPT-MARKER tell me a story';
    for (const behaviour of [
      { kind: 'normal' },
      { kind: 'error', status: 500, body: `{"error":"bad key ${API_KEY}"}` },
      { kind: 'error', status: 401, body: `{"error":"Incorrect API key provided: ${API_KEY}"}` },
      { kind: 'rate-limit' },
      { kind: 'invalid-json' },
      { kind: 'mid-stream-close' },
      { kind: 'hang' },
    ] as const) {
      upstream.setBehaviour(behaviour);
      for (const tier of ['frontier', 'private']) {
        await capture(post(p.url, chatBody(prompt), { 'X-Hearth-Tier': tier }));
        await capture(post(p.url, chatBody(prompt, { stream: true }), { 'X-Hearth-Tier': tier }));
      }
    }
    upstream.setBehaviour({ kind: 'normal' });
    await capture(fetch(`${p.url}/api/health`));
    await capture(fetch(`${p.url}/api/v1/models`));
    await capture(fetch(`${p.url}/api/metrics`));
    await capture(post(p.url, 'not json'));
    await waitFor(() => p.logs.length >= 32);
    const everything = seen.join('\n') + p.logText();
    expect(seen.join('\n')).toContain(must(DEFAULT_REPLY.split(' ')[0])); // the capture works
    for (const secret of [API_KEY, PRIVATE_KEY, 'SECRET']) expect(everything).not.toContain(secret);
    expect(p.logText()).not.toContain('PROMPT-MARKER');
    expect(p.logText()).not.toContain('stub upstream');
    expect(p.logText()).not.toContain('127.0.0.1');
    // One line per request, with the documented fields.
    expect(p.logs[0]).toEqual({
      ts: expect.any(String),
      level: 'info',
      msg: 'request',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      method: 'POST',
      route: 'chat',
      tier: 'frontier',
      status: 200,
      code: null,
      stream: false,
      bytes_in: chatBody(prompt).length,
      bytes_out: expect.any(Number),
      upstream_ms: expect.any(Number),
      total_ms: expect.any(Number),
      rescan: 'clean',
      outcome: 'ok',
    });
  });
});

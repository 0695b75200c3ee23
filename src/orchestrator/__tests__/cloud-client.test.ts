import { describe, expect, it } from 'vitest';
import { createCloudClient } from '../cloud-client';
import { CloudError } from '../errors';
import { TierResilience } from '../resilience';

function sse(events: string[], status = 200): typeof fetch {
  return async () =>
    new Response(events.map((e) => `data: ${e}\n\n`).join(''), {
      status,
      headers: { 'Content-Type': 'text/event-stream' },
    });
}
const chunk = (content: string) =>
  JSON.stringify({ choices: [{ delta: { content }, finish_reason: null }] });
const req = { tier: 'frontier' as const, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('cloud client', () => {
  it('streams deltas and ends at [DONE]', async () => {
    const c = createCloudClient({ fetch: sse([chunk('Hel'), chunk('lo'), '[DONE]']) });
    const got: string[] = [];
    const r = await c.complete(req, (d) => got.push(d));
    expect(got).toEqual(['Hel', 'lo']);
    expect(r.text).toBe('Hello');
  });

  it('turns an SSE error event mid-stream into a structured error that is not retried', async () => {
    const c = createCloudClient({
      fetch: sse([
        chunk('Hel'),
        JSON.stringify({ error: { code: 'upstream_stream_error', message: 'boom' } }),
      ]),
    });
    const err = await c.complete(req, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expect(err).toMatchObject({ code: 'upstream_stream_error', streamed: true, retryable: false });
  });

  it('maps proxy error bodies: 422 pii_detected, 429 with Retry-After, 503 tier_not_configured', async () => {
    const json =
      (status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch =>
      async () =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json', ...headers },
        });
    const e422 = await createCloudClient({
      fetch: json(422, {
        error: { code: 'pii_detected', message: 'found EMAIL', types: ['EMAIL'] },
      }),
    })
      .complete(req, () => undefined)
      .catch((e: unknown) => e);
    expect(e422).toMatchObject({ code: 'pii_detected', status: 422, retryable: false });
    const e429 = await createCloudClient({
      fetch: json(
        429,
        { error: { code: 'rate_limited', message: 'slow' } },
        { 'Retry-After': '3' },
      ),
    })
      .complete(req, () => undefined)
      .catch((e: unknown) => e);
    expect(e429).toMatchObject({ code: 'rate_limited', retryAfterMs: 3000, retryable: true });
    const e503 = await createCloudClient({
      fetch: json(503, { error: { code: 'tier_not_configured', message: 'no' } }),
    })
      .complete(req, () => undefined)
      .catch((e: unknown) => e);
    expect(e503).toMatchObject({ code: 'tier_not_configured', retryable: false });
  });

  it('a stream that ends without [DONE] or a finish reason is incomplete', async () => {
    const c = createCloudClient({ fetch: sse([chunk('Hel')]) });
    await expect(c.complete(req, () => undefined)).rejects.toMatchObject({
      code: 'upstream_error',
    });
  });

  it('the resilience layer retries only what is worth retrying', async () => {
    let calls = 0;
    const res = new TierResilience({
      maxAttempts: 3,
      initialDelayMs: 1,
      maxDelayMs: 2,
      random: () => 0,
    });
    await expect(
      res.execute('frontier', async () => {
        calls++;
        throw new CloudError('pii_detected', 'no');
      }),
    ).rejects.toMatchObject({ code: 'pii_detected' });
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      res.execute('private', async () => {
        calls++;
        if (calls < 3) throw new CloudError('upstream_error', 'flaky', 502);
        return 'ok';
      }),
    ).resolves.toBe('ok');
    expect(calls).toBe(3);
    expect(res.isOpen('private')).toBe(false);
  });
});

describe('the proxy access token', () => {
  it('is read at every request, so a token entered later is used at once', async () => {
    const seen: (string | null)[] = [];
    const fetchSpy: typeof fetch = async (_url, init) => {
      seen.push(new Headers(init?.headers).get('Authorization'));
      return new Response(`data: ${chunk('ok')}\n\ndata: [DONE]\n\n`, {
        headers: { 'Content-Type': 'text/event-stream' },
      });
    };
    const stored: { token?: string } = {};
    const c = createCloudClient({ fetch: fetchSpy, token: () => stored.token });
    await c.complete(req, () => undefined);
    stored.token = 'entered-once';
    await c.complete(req, () => undefined);
    expect(seen).toEqual([null, 'Bearer entered-once']);
  });

  it('a 401 from the proxy becomes a structured unauthorized error', async () => {
    const c = createCloudClient({
      fetch: async () =>
        new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'token needed' } }), {
          status: 401,
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    const err = await c.complete(req, () => undefined).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unauthorized', status: 401, retryable: false });
  });
});

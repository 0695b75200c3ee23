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

  it('a real [DONE] event (with or without the space) ends the stream cleanly', async () => {
    for (const done of ['data: [DONE]\n\n', 'data:[DONE]\r\n\r\n']) {
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
    expect(await res.json()).toMatchObject({
      error: { code: 'pii_detected', types: ['CREDIT_CARD'] },
    });
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

/**
 * Fuzz tests of the proxy's two parsers of hostile input (issue 15): the request parser and the
 * SSE passthrough. The app runs in process (app.request) with the real detector and an upstream
 * that answers through the app's fetch seam; each property is bounded in runs and time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { readConfig } from '../config';
import { detector } from '../detector';
import { MAX_JSON_DEPTH } from '../chat-request';

const BUDGET = { numRuns: 150, interruptAfterTimeLimit: 15_000 };

const config = (env: Record<string, string> = {}) =>
  readConfig(
    {
      CLOUD_BASE_URL: 'http://upstream.test/v1',
      CLOUD_MODEL: 'tier-model',
      RATE_LIMIT_RPM: '1000000',
      MAX_BODY_BYTES: '65536',
      MAX_TOKENS_CAP: '512',
      ...env,
    },
    { version: 'fuzz', staticRoot: 'dist' },
  );

const COMPLETION = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
});

/** Every string of a JSON value (keys too). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  }
  return out;
}

// Pieces of text people and attackers send: clean prose, values, placeholders, odd characters.
const TEXT = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    'Summarise the meeting notes.',
    'mail jane.doe@example.org',
    'card 4111 1111 1111 1111',
    '4111 1111',
    '+44 20 7946 0958',
    'DE89 3704 0044 0532 0130 00',
    'password=Tr0ub4dor&3xyz',
    '[PERSON_1] wrote to [EMAIL_2]',
    '\u0000\u202e\ufeff',
    'data: [DONE]\n\n',
    '',
  ),
);

const MESSAGE = fc.record(
  {
    role: fc.oneof(
      fc.constantFrom('system', 'developer', 'user', 'assistant'),
      fc.constantFrom('tool', 'function', ''),
    ),
    content: fc.oneof(
      TEXT,
      fc.array(fc.record({ type: fc.constant('text'), text: TEXT }), { maxLength: 3 }),
      fc.array(fc.record({ type: fc.constantFrom('image_url', 'text'), text: TEXT }), {
        maxLength: 2,
      }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    name: TEXT,
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['role', 'content'] },
);

const REQUEST = fc.record(
  {
    model: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
    messages: fc.oneof(fc.array(MESSAGE, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
    temperature: fc.oneof(fc.double(), fc.string()),
    max_tokens: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double()),
    max_completion_tokens: fc.integer({ min: 0, max: 100_000 }),
    stream: fc.constant(false),
    stop: fc.oneof(TEXT, fc.array(TEXT, { maxLength: 6 }), fc.constant(null)),
    response_format: fc.oneof(
      fc.record({ type: fc.constantFrom('text', 'json_object') }),
      fc.record({
        type: fc.constant('json_schema'),
        json_schema: fc.record(
          {
            name: TEXT,
            description: TEXT,
            schema: fc.dictionary(TEXT, fc.jsonValue({ maxDepth: 4 })),
            strict: fc.boolean(),
          },
          { requiredKeys: ['name'] },
        ),
      }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    tools: fc.jsonValue({ maxDepth: 2 }),
    __proto__: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: ['messages'] },
);

/** Requests that fit the schema (the proxy must forward or block them), with unknown extras. */
const VALID_REQUEST = fc.record(
  {
    model: fc.string({ maxLength: 10 }),
    messages: fc.array(
      fc.record(
        {
          role: fc.constantFrom('system', 'developer', 'user', 'assistant'),
          content: fc.oneof(
            TEXT,
            fc.array(fc.record({ type: fc.constant('text'), text: TEXT }), {
              minLength: 1,
              maxLength: 3,
            }),
          ),
          name: fc.string({ maxLength: 20 }),
          unknown: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: ['role', 'content'] },
      ),
      { minLength: 1, maxLength: 4 },
    ),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    max_tokens: fc.integer({ min: 1, max: 100_000 }),
    stop: fc.oneof(TEXT, fc.array(TEXT, { maxLength: 4 })),
    response_format: fc.oneof(
      fc.record({ type: fc.constantFrom('text', 'json_object') }),
      fc.record({
        type: fc.constant('json_schema'),
        json_schema: fc.record({
          name: fc.string({ maxLength: 20 }),
          schema: fc.dictionary(TEXT, fc.jsonValue({ maxDepth: 4 })),
        }),
      }),
    ),
    user: TEXT,
    tools: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['messages'] },
);

/** `depth` nested arrays or objects around a value, as JSON text. */
const DEEP = fc
  .tuple(fc.integer({ min: MAX_JSON_DEPTH - 3, max: 5_000 }), fc.boolean())
  .map(([depth, arrays]) => {
    const open = arrays ? '[' : '{"k":';
    const close = arrays ? ']' : '}';
    return `{"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"n","schema":{"x":${open.repeat(depth)}1${close.repeat(depth)}}}}}`;
  });

const BODY = fc.oneof(
  { weight: 6, arbitrary: VALID_REQUEST.map((r) => JSON.stringify(r)) },
  { weight: 3, arbitrary: REQUEST.map((r) => JSON.stringify(r)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: DEEP },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 60 }).map((b) => new Blob([b.slice().buffer])),
  },
);

describe('fuzz: the request parser', () => {
  it('answers every body with 200 or a clear 4xx; what it forwards was re-scanned and stays in the schema', async () => {
    let forwarded: string | undefined;
    const app = createApp({
      config: config(),
      detector,
      logger: () => {},
      fetch: async (_url, init) => {
        forwarded = String(init?.body);
        return new Response(COMPLETION, { headers: { 'Content-Type': 'application/json' } });
      },
    });
    const allowed = new Set([
      'model',
      'messages',
      'temperature',
      'top_p',
      'max_tokens',
      'max_completion_tokens',
      'stream',
      'stream_options',
      'stop',
      'presence_penalty',
      'frequency_penalty',
      'seed',
      'response_format',
    ]);
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(BODY, async (body) => {
        forwarded = undefined;
        const res = await app.request('/api/v1/chat/completions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        const text = await res.text();
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect([200, 400, 413, 422]).toContain(res.status);
        if (res.status !== 200) {
          const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
          expect(error.code).toMatch(/^[a-z_]+$/);
          expect(error.message.length).toBeGreaterThan(0);
          expect(forwarded).toBeUndefined();
          return;
        }
        expect(forwarded).toBeDefined();
        const sent = JSON.parse(forwarded ?? '') as Record<string, unknown>;
        for (const key of Object.keys(sent)) expect(allowed.has(key)).toBe(true);
        expect(sent.model).toBe('tier-model');
        expect(Number(sent.max_tokens ?? sent.max_completion_tokens)).toBeLessThanOrEqual(512);
        // Every string that left (but the model the proxy chose) passes the detector alone.
        for (const s of strings({ ...sent, model: undefined })) {
          expect(detector(s).filter((e) => e.score >= 0.5)).toEqual([]);
        }
      }),
      BUDGET,
    );
    // The generators reach every outcome: forwarded, refused by the schema, refused by the scan.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 422]));
  }, 60_000);
});

// ---- SSE ------------------------------------------------------------------------------------

type Ending = '\n' | '\r\n' | '\r';

interface GeneratedEvent {
  lines: string[];
  /** A real end-of-stream event: `data: [DONE]` (data field exactly "[DONE]"). */
  done: boolean;
}

const CONTENT = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('[DONE]', 'say [DONE] now', 'data: [DONE]', '\n\n', '\r\r', 'é✓\u2028'),
);

const EVENT: fc.Arbitrary<GeneratedEvent> = fc.oneof(
  CONTENT.map((c) => ({
    lines: [`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: c } }] })}`],
    done: false,
  })),
  fc.constantFrom<GeneratedEvent>(
    { lines: ['data: [DONE]'], done: true },
    { lines: ['data:[DONE]'], done: true },
    { lines: [': [DONE]'], done: false },
    { lines: ['event: [DONE]', 'data: {}'], done: false },
    { lines: ['data: [DONE] '], done: false },
    { lines: ['data:  [DONE]'], done: false },
    { lines: ['data: [DONE]', 'data: {}'], done: false },
    { lines: ['id: [DONE]', 'data: {}'], done: false },
    { lines: ['data: [DONE]x'], done: false },
    { lines: [': keep-alive'], done: false },
  ),
);

const STREAM = fc.record({
  events: fc.array(fc.tuple(EVENT, fc.constantFrom<Ending>('\n', '\r\n', '\r')), {
    maxLength: 8,
  }),
  /** Where the upstream stops: a fraction of the bytes (1 = all of them). */
  keep: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
  cuts: fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 12 }),
});

const encoder = new TextEncoder();

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('fuzz: the SSE passthrough', () => {
  it('passes whole events through byte for byte; only a real [DONE] event ends a stream without an error event', async () => {
    let upstreamBody: ReadableStream<Uint8Array> | undefined;
    const app = createApp({
      config: config(),
      detector,
      logger: () => {},
      fetch: async () =>
        new Response(upstreamBody ?? null, {
          headers: { 'Content-Type': 'text/event-stream' },
        }),
    });
    const errorEvent = (text: string) => text.includes('"code":"upstream_stream_error"');
    await fc.assert(
      fc.asyncProperty(STREAM, async ({ events, keep, cuts }) => {
        // The stream as bytes, and where each event ends.
        const parts: Uint8Array[] = [];
        const ends: { end: number; done: boolean }[] = [];
        let at = 0;
        for (const [event, eol] of events) {
          const bytes = encoder.encode(event.lines.map((l) => l + eol).join('') + eol);
          parts.push(bytes);
          at += bytes.length;
          ends.push({ end: at, done: event.done });
        }
        const all = concatBytes(parts);
        const sent = all.slice(0, Math.floor(all.length * keep));
        // Split what is sent into chunks at arbitrary byte positions (inside characters too).
        const points = [...new Set(cuts.map((c) => c % (sent.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let from = 0;
        for (const p of [...points, sent.length]) {
          if (p > from) chunks.push(sent.slice(from, p));
          from = Math.max(from, p);
        }
        upstreamBody = new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(next);
            else controller.close();
          },
        });

        const res = await app.request('/api/v1/chat/completions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }),
        });
        expect(res.status).toBe(200);
        const received = new Uint8Array(await res.arrayBuffer());

        const complete = ends.filter((e) => e.end <= sent.length);
        const finished = complete.some((e) => e.done);
        if (finished) {
          // Everything the upstream sent, nothing added.
          expect(received).toEqual(sent);
          return;
        }
        // Whole events only, then exactly one error event.
        const whole = complete.at(-1)?.end ?? 0;
        expect(received.slice(0, whole)).toEqual(sent.slice(0, whole));
        const rest = new TextDecoder().decode(received.slice(whole));
        expect(errorEvent(rest)).toBe(true);
        expect(rest.startsWith('data: {"error":')).toBe(true);
        expect(rest.endsWith('\n\n')).toBe(true);
        expect(rest.split('\n\n').length).toBe(2);
      }),
      BUDGET,
    );
  }, 60_000);
});

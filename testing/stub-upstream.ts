/**
 * A stub OpenAI-compatible upstream on 127.0.0.1 for the proxy's integration tests, the benchmark
 * and the Playwright e2e tests (through stub-upstream-cli.ts). It speaks chat-completions JSON and
 * SSE, serves GET /v1/models, records every request it receives, and can misbehave on demand.
 *
 * Point the proxy at it with CLOUD_BASE_URL=<url>/v1 (any path ending in /chat/completions or
 * /models is accepted, so PRIVATE_BASE_URL=<url>/private/v1 works too).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubBehaviour =
  /** Answer normally: JSON, or SSE when the request has stream: true. */
  | { kind: 'normal'; reply?: string; echo?: boolean }
  /** Stream (or answer) with a pause before every chunk. */
  | { kind: 'slow'; chunkDelayMs: number; reply?: string; echo?: boolean }
  /** Answer with this status (default 500) and body (default an OpenAI-style error). */
  | { kind: 'error'; status?: number; body?: string }
  /** HTTP 429 with a Retry-After header. */
  | { kind: 'rate-limit'; retryAfter?: string }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Send the headers and some SSE chunks, then destroy the socket. */
  | { kind: 'mid-stream-close'; chunksBeforeClose?: number }
  /** Send this many chunks, then end the response cleanly without `data: [DONE]`. */
  | { kind: 'truncated-stream'; chunksBeforeEnd?: number }
  /** Stream every SSE event in two writes, `delayMs` apart (events split across TCP packets). */
  | { kind: 'split-events'; delayMs?: number }
  /** HTTP 200 with a body that is not JSON. */
  | { kind: 'invalid-json' }
  /**
   * An SSE answer written exactly as given, one write per string, then the response ends
   * cleanly ('end', default) or the connection is cut ('close'): hostile or broken streams.
   */
  | { kind: 'raw-stream'; writes: string[]; end?: 'end' | 'close' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The raw body as received. */
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  receivedAt: number;
  /** True once the client went away before the stub finished its answer. */
  aborted: boolean;
  /** True once the stub finished writing its answer. */
  finished: boolean;
}

export interface StubUpstreamOptions {
  /** Default 0: a free port. */
  port?: number;
  behaviour?: StubBehaviour;
  /** When set, chat/models requests must carry `Authorization: Bearer <expectedApiKey>` (else 401). */
  expectedApiKey?: string;
  /** Keep a record of requests (default true; the benchmark turns it off). */
  record?: boolean;
  /** Serve GET/DELETE /__received and POST /__behaviour (the CLI turns this on). */
  controlEndpoints?: boolean;
}

export interface StubUpstream {
  /** Origin, e.g. http://127.0.0.1:41234. */
  url: string;
  /** What to put in CLOUD_BASE_URL: `${url}/v1`. */
  baseUrl: string;
  port: number;
  received: RecordedRequest[];
  /** Requests to .../chat/completions only. */
  chatRequests(): RecordedRequest[];
  setBehaviour(behaviour: StubBehaviour): void;
  clear(): void;
  close(): Promise<void>;
}

export const DEFAULT_REPLY = 'Hello from the stub upstream. This answer arrives in several chunks.';

function lastUserText(json: unknown): string {
  const messages = (json as { messages?: { role?: string; content?: unknown }[] } | undefined)
    ?.messages;
  const last = messages?.filter((m) => m.role === 'user').pop();
  if (typeof last?.content === 'string') return last.content;
  if (Array.isArray(last?.content)) {
    return last.content
      .map((p: { text?: unknown }) => (typeof p.text === 'string' ? p.text : ''))
      .join('');
  }
  return '';
}

function chunksOf(reply: string): string[] {
  return reply.match(/\S+\s*/g) ?? [reply];
}

export function startStubUpstream(options: StubUpstreamOptions = {}): Promise<StubUpstream> {
  let behaviour: StubBehaviour = options.behaviour ?? { kind: 'normal' };
  const record = options.record ?? true;
  const received: RecordedRequest[] = [];
  let counter = 0;

  const sendJson = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers = {},
  ): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const completion = (model: string, content: string): unknown => ({
    id: `chatcmpl-stub-${++counter}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: chunksOf(content).length, total_tokens: 20 },
  });

  const chunk = (
    id: string,
    model: string,
    delta: Record<string, string>,
    finish: string | null,
  ): string =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    })}\n\n`;

  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  async function answerChat(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rec: RecordedRequest,
  ): Promise<void> {
    const b = behaviour;
    const json = rec.json as { model?: string; stream?: boolean } | undefined;
    const model = typeof json?.model === 'string' ? json.model : 'stub-model';
    const stream = json?.stream === true;
    switch (b.kind) {
      case 'error':
        res.writeHead(b.status ?? 500, { 'Content-Type': 'application/json' });
        res.end(
          b.body ?? JSON.stringify({ error: { message: 'stub failure: internal trace id 42' } }),
        );
        return;
      case 'rate-limit':
        sendJson(
          res,
          429,
          { error: { message: 'Rate limit reached', type: 'requests' } },
          {
            'Retry-After': b.retryAfter ?? '7',
          },
        );
        return;
      case 'hang':
        return; // never answer; close() destroys the socket
      case 'invalid-json':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "choices": [ this is not json');
        return;
      case 'raw-stream':
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
        for (const w of b.writes) {
          if (res.destroyed || rec.aborted) return;
          res.write(w);
          // Separate writes, so the proxy sees them as separate chunks.
          await sleep(1);
        }
        if (b.end === 'close') {
          await sleep(20);
          req.socket.destroy();
        } else {
          res.end();
        }
        return;
      default:
        break;
    }
    const reply =
      (b.kind === 'normal' || b.kind === 'slow') && b.echo
        ? lastUserText(rec.json)
        : ((b.kind === 'normal' || b.kind === 'slow' ? b.reply : undefined) ?? DEFAULT_REPLY);
    const delay = b.kind === 'slow' ? b.chunkDelayMs : 0;
    if (!stream) {
      if (delay) await sleep(delay);
      sendJson(res, 200, completion(model, reply));
      return;
    }
    const id = `chatcmpl-stub-${++counter}`;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    const parts = [
      chunk(id, model, { role: 'assistant', content: '' }, null),
      ...chunksOf(reply).map((p) => chunk(id, model, { content: p }, null)),
      chunk(id, model, {}, 'stop'),
      'data: [DONE]\n\n',
    ];
    const limit =
      b.kind === 'mid-stream-close'
        ? (b.chunksBeforeClose ?? 2)
        : b.kind === 'truncated-stream'
          ? (b.chunksBeforeEnd ?? 2)
          : parts.length;
    for (let i = 0; i < Math.min(limit, parts.length); i++) {
      if (delay) await sleep(delay);
      if (res.destroyed || rec.aborted) return;
      const part = parts[i] ?? '';
      if (b.kind === 'split-events') {
        const cut = Math.floor(part.length / 2);
        res.write(part.slice(0, cut));
        await sleep(b.delayMs ?? 15);
        if (res.destroyed || rec.aborted) return;
        res.write(part.slice(cut));
      } else {
        res.write(part);
      }
    }
    if (b.kind === 'mid-stream-close') {
      // Let the written chunks leave, then cut the connection without the chunked terminator.
      await sleep(20);
      req.socket.destroy();
      return;
    }
    res.end();
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';

      if (options.controlEndpoints && path.startsWith('/__')) {
        if (path === '/__received' && req.method === 'GET') return sendJson(res, 200, { received });
        if (path === '/__received' && req.method === 'DELETE') {
          received.length = 0;
          return sendJson(res, 200, { ok: true });
        }
        if (path === '/__behaviour' && req.method === 'POST') {
          if (
            !json ||
            typeof json !== 'object' ||
            typeof (json as { kind?: unknown }).kind !== 'string'
          ) {
            return sendJson(res, 400, { error: { message: 'expected a behaviour with a kind' } });
          }
          behaviour = json as StubBehaviour;
          return sendJson(res, 200, { ok: true, behaviour });
        }
        return sendJson(res, 404, { error: { message: 'unknown control endpoint' } });
      }

      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.join(', ') : (v ?? ''),
          ]),
        ),
        body,
        json,
        receivedAt: Date.now(),
        aborted: false,
        finished: false,
      };
      if (record) received.push(rec);
      res.on('close', () => {
        if (!res.writableFinished) rec.aborted = true;
      });
      res.on('finish', () => {
        rec.finished = true;
      });

      if (
        options.expectedApiKey !== undefined &&
        req.headers.authorization !== `Bearer ${options.expectedApiKey}`
      ) {
        return sendJson(res, 401, { error: { message: 'Incorrect API key provided' } });
      }
      if (req.method === 'GET' && path.endsWith('/models')) {
        if (behaviour.kind === 'error')
          return sendJson(res, behaviour.status ?? 500, { error: {} });
        if (behaviour.kind === 'hang') return;
        return sendJson(res, 200, {
          object: 'list',
          data: [{ id: 'stub-model', object: 'model', created: 0, owned_by: 'stub' }],
        });
      }
      if (req.method === 'POST' && path.endsWith('/chat/completions')) {
        answerChat(req, res, rec).catch(() => res.destroy());
        return;
      }
      sendJson(res, 404, { error: { message: `stub: no route ${req.method} ${path}` } });
    });
  });
  server.keepAliveTimeout = 60_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}`;
      resolve({
        url,
        baseUrl: `${url}/v1`,
        port,
        received,
        chatRequests: () => received.filter((r) => r.path.endsWith('/chat/completions')),
        setBehaviour: (b) => {
          behaviour = b;
        },
        clear: () => {
          received.length = 0;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

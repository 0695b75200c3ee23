/**
 * The cloud proxy's API routes: an OpenAI-compatible chat-completions endpoint that re-scans what
 * the browser cleared (fail closed), holds the provider keys, and is not an open relay (origin
 * check, optional bearer token, per-client rate limit, body limit). Runtime-neutral: only web
 * streams, TextEncoder/Decoder and crypto.randomUUID; anything Node-specific (the upstream HTTP
 * client, the peer address) is injected.
 * The wire contract is documented in docs/proxy.md.
 */
import type { Context, Hono } from 'hono';
import { createParser } from 'eventsource-parser';
import type { ServerConfig, TierConfig, TierName } from './config';
import { TIER_NAMES } from './config';
import { DEFAULT_THRESHOLD } from './detector';
import { apiError } from './errors';
import type { RescanVerdict } from './rescan';
import type { RequestChecker } from './request-check';
import type { RateLimiter } from './rate-limit';
import type { ProxyMetrics } from './metrics';
import { markSecured } from './security-headers';
import { AbortHandle } from './upstream';
import type { UpstreamResponse, UpstreamTransport } from './upstream';

/** One structured line per request. Never holds a prompt, an answer, a key or a token. */
export interface RequestLogLine {
  ts: string;
  level: 'info' | 'warn' | 'error';
  msg: 'request';
  id: string;
  method: string;
  route: string;
  tier: TierName | null;
  status: number;
  code: string | null;
  stream: boolean;
  bytes_in: number;
  bytes_out: number;
  upstream_ms: number | null;
  total_ms: number;
  rescan: RescanLogValue;
  outcome: 'ok' | 'error' | 'client_closed' | 'stream_error';
}

/**
 * What the re-scan came to, for the log: a verdict, 'timeout' (over its budget), 'busy' (no worker
 * free) or 'skipped' (the request was refused before it). Never what it found beyond the types.
 */
export type RescanLogValue = RescanVerdict['verdict'] | 'timeout' | 'busy' | 'skipped';

export type Logger = (line: RequestLogLine) => void;

export interface ProxyDeps {
  config: ServerConfig;
  /**
   * Checks a request body: parse, schema, re-scan, the body for upstream (request-check.ts).
   * app.ts runs it inline with the detector unless the entry injects the worker pool; without a
   * detector every chat request fails closed with `rescan_failed`.
   */
  checker: RequestChecker;
  rateLimiter: RateLimiter;
  logger: Logger;
  metrics: ProxyMetrics;
  /** The peer address of the connection (Node: getConnInfo); undefined on runtimes without it. */
  clientAddress?: (c: Context) => string | undefined;
  /** How the proxy reaches the upstream providers (app.ts: fetch unless the entry injects one). */
  upstream: UpstreamTransport;
  /** Security headers every response carries (security-headers.ts), set here in one go. */
  securityHeaders: Readonly<Record<string, string>>;
  /**
   * Calls `onGone` once if the client disconnects before its answer is complete; returns the
   * unsubscribe function. Defaults to the request's AbortSignal; the Node entry listens on the
   * response object instead, which costs far less per request (see AbortHandle).
   */
  onClientGone?: (c: Context, onGone: () => void) => () => void;
  /** How long a health probe result is reused. */
  healthTtlMs?: number;
}

export const TIER_HEADER = 'X-Hearth-Tier';
/** The user confirmed sending personal values unredacted (allowed only by server config). */
export const OVERRIDE_HEADER = 'X-Hearth-Override';
export const REQUEST_ID_HEADER = 'X-Request-Id';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface RequestState {
  id: string;
  route: string;
  startMs: number;
  tier: TierName | null;
  code: string | null;
  stream: boolean;
  bytesIn: number;
  bytesOut: number;
  upstreamMs: number | null;
  rescan: RescanLogValue;
  /** Set when a streaming response writes the log line itself when the stream ends. */
  deferred: boolean;
}

const encoder = new TextEncoder();
/** A single SSE event is held until it is complete; one this large means a broken upstream. */
const MAX_SSE_EVENT_BYTES = 1_048_576;

function now(): number {
  return performance.now();
}

/** Constant-time string comparison (no early exit on the first differing byte). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length, 1);
  for (let i = 0; i < n; i++) diff |= (x[i % (x.length || 1)] ?? 0) ^ (y[i % (y.length || 1)] ?? 0);
  return diff === 0;
}

function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
}

function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    h === '::1' ||
    h === '[::1]'
  );
}

/** A peer address on this host: 127.0.0.0/8 or ::1, also as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * The X-Forwarded-* entry written by the outermost of `hops` trusted reverse proxies: the
 * `hops`-th entry from the right (each proxy appends what it saw), or the first when there are
 * fewer. Entries further left come from the client and can be forged. undefined when no proxy is
 * trusted or the header is missing.
 */
export function forwardedEntry(header: string | undefined, hops: number): string | undefined {
  if (hops <= 0 || header === undefined) return undefined;
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  return entries[Math.max(0, entries.length - hops)];
}

function sseEvent(data: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(data)}\n\n`);
}

/** End index (exclusive) of the last complete SSE event in `buf`, or 0 when there is none. */
export function lastEventBoundary(buf: Uint8Array): number {
  for (let i = buf.length - 1; i >= 1; i--) {
    const b = buf[i];
    if (b === 10 && buf[i - 1] === 10) return i + 1; // \n\n
    if (b === 10 && buf[i - 1] === 13 && buf[i - 2] === 10) return i + 1; // \n\r\n
    if (b === 13 && buf[i - 1] === 13) return i + 1; // \r\r
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Passes a Retry-After value on only when it is a plain number of seconds or an HTTP date. */
function sanitizeRetryAfter(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{1,7}$/.test(v)) return v;
  if (v.length <= 40 && /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) {
    return v;
  }
  return undefined;
}

/**
 * What a route handler answers. route() turns it into one Response with every header (security,
 * request id, caching, CORS) in a single plain object: adding headers to a finished Response
 * instead makes the Node adapter build a web `Headers` and a full `Response` per request, which
 * cost more than the proxy's own logic.
 */
interface Reply {
  status: number;
  body: Uint8Array | ReadableStream<Uint8Array> | null;
  headers: Record<string, string>;
}

function textReply(
  text: string,
  status: number,
  contentType: string,
  headers: Record<string, string> = {},
): Reply {
  const bytes = encoder.encode(text);
  // A fresh object: route() adds the common headers to it.
  const all: Record<string, string> = {
    'Content-Type': contentType,
    'Content-Length': String(bytes.byteLength),
  };
  for (const name in headers) all[name] = headers[name] ?? '';
  return { status, body: bytes, headers: all };
}

function jsonReply(body: unknown, status: number, headers: Record<string, string> = {}): Reply {
  return textReply(JSON.stringify(body), status, 'application/json; charset=utf-8', headers);
}

/** The portable way to notice a client that went away: the request's AbortSignal. */
function onSignalAbort(c: Context, onGone: () => void): () => void {
  const signal = c.req.raw.signal;
  if (signal.aborted) {
    onGone();
    return () => {};
  }
  signal.addEventListener('abort', onGone, { once: true });
  return () => signal.removeEventListener('abort', onGone);
}

export function registerProxyRoutes(app: Hono, deps: ProxyDeps): void {
  const { config, metrics, logger } = deps;
  const upstream = deps.upstream;
  const onClientGone = deps.onClientGone ?? onSignalAbort;
  const securityHeaders = Object.entries(deps.securityHeaders);
  const tiers: Record<TierName, TierConfig | undefined> = {
    frontier: config.frontier,
    private: config.private,
  };
  const allowedOrigins = new Set(config.allowedOrigins);

  // ---- per-request bookkeeping -------------------------------------------------------------

  function writeLog(
    c: Context,
    st: RequestState,
    status: number,
    outcome: RequestLogLine['outcome'],
  ): void {
    const totalMs = now() - st.startMs;
    metrics.requests.inc({ route: st.route, tier: st.tier ?? 'none', status: String(status) });
    if (st.code) metrics.errors.inc({ code: st.code });
    metrics.duration.observe({ route: st.route }, totalMs / 1000);
    try {
      logger({
        ts: new Date().toISOString(),
        level:
          status >= 500 ? 'error' : status >= 400 || outcome === 'stream_error' ? 'warn' : 'info',
        msg: 'request',
        id: st.id,
        method: c.req.method,
        route: st.route,
        tier: st.tier,
        status,
        code: st.code,
        stream: st.stream,
        bytes_in: st.bytesIn,
        bytes_out: st.bytesOut,
        upstream_ms: st.upstreamMs === null ? null : Math.round(st.upstreamMs * 100) / 100,
        total_ms: Math.round(totalMs * 100) / 100,
        rescan: st.rescan,
        outcome,
      });
    } catch {
      // A broken log sink must not break requests.
    }
  }

  function effectiveHost(c: Context): string {
    const forwarded = forwardedEntry(c.req.header('x-forwarded-host'), config.trustProxy);
    if (forwarded) return forwarded.toLowerCase();
    // Without a Host header (in-process calls on some runtimes) the URL's host stands in.
    return (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
  }

  /** The scheme the client used: the connection's, or what the trusted proxy says it saw. */
  function effectiveScheme(c: Context): string {
    const forwarded = forwardedEntry(c.req.header('x-forwarded-proto'), config.trustProxy);
    const proto = forwarded?.toLowerCase();
    if (proto === 'http' || proto === 'https') return proto;
    return new URL(c.req.url).protocol.replace(/:$/, '');
  }

  /** scheme://host[:port] of this server as the client addressed it, normalised like Origin. */
  function ownOrigin(c: Context): string | undefined {
    try {
      return new URL(`${effectiveScheme(c)}://${effectiveHost(c)}`).origin;
    } catch {
      return undefined;
    }
  }

  /** undefined = no Origin header; 'same' | 'allowed' | 'refused'. */
  function classifyOrigin(c: Context): 'none' | 'same' | 'allowed' | 'refused' {
    const origin = c.req.header('origin');
    if (origin === undefined) {
      // No browser sends a POST without Origin, but a rebinding page's GET has none either.
      return hostAllowed(hostnameOf(effectiveHost(c))) ? 'none' : 'refused';
    }
    if (allowedOrigins.has(origin)) return 'allowed';
    if (origin === 'null') return 'refused';
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return 'refused';
    }
    // Scheme, host and port: https://host:port is another origin than http://host:port.
    if (url.host === '' || url.origin === 'null' || url.origin !== ownOrigin(c)) return 'refused';
    return hostAllowed(hostnameOf(url.host.toLowerCase())) ? 'same' : 'refused';
  }

  /**
   * A page on a rebinding domain (evil.example resolving to 127.0.0.1) is "same origin" by
   * headers alone, so the Host itself must be one the app is served under.
   */
  function hostAllowed(hostname: string): boolean {
    if (config.allowedHosts.length > 0) return config.allowedHosts.includes(hostname);
    if (isLoopback(config.host)) return isLoopback(hostname);
    return true;
  }

  function addCorsHeaders(c: Context, headers: Record<string, string>): void {
    if (allowedOrigins.size === 0) return;
    const origin = c.req.header('origin');
    if (origin === undefined || !allowedOrigins.has(origin)) return;
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Expose-Headers'] = `Retry-After, ${REQUEST_ID_HEADER}`;
    headers.Vary = 'Origin';
  }

  /** Index of the bearer token presented among `tokens`, or -1. */
  function presentedToken(c: Context, tokens: readonly string[]): number {
    const auth = c.req.header('authorization') ?? '';
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(auth);
    const presented = match?.[1] ?? '';
    let found = -1;
    tokens.forEach((token, i) => {
      // Compare against every token: no early exit.
      if (constantTimeEqual(presented, token) && found === -1) found = i;
    });
    return found;
  }

  function unauthorised(): HttpError {
    return new HttpError(
      401,
      'unauthorized',
      'A valid proxy token is required',
      {},
      { 'WWW-Authenticate': 'Bearer realm="hearth"' },
    );
  }

  /**
   * Who may read /api/metrics: the METRICS_TOKEN when set, else any PROXY_TOKEN; with neither,
   * only a client on this host talking to the server directly (a local scraper). Behind a trusted
   * reverse proxy every peer looks local, so there a token is required.
   */
  function authoriseMetrics(c: Context): void {
    if (config.metricsToken !== undefined) {
      if (presentedToken(c, [config.metricsToken]) === -1) throw unauthorised();
      return;
    }
    if (config.proxyTokens.length > 0) {
      if (presentedToken(c, config.proxyTokens) === -1) throw unauthorised();
      return;
    }
    const peer = deps.clientAddress?.(c);
    if (config.trustProxy === 0 && peer !== undefined && isLoopbackAddress(peer)) return;
    throw new HttpError(
      403,
      'metrics_not_allowed',
      'Metrics are served to this host only; set METRICS_TOKEN to scrape them from elsewhere',
    );
  }

  /** Returns the rate-limit key for an authorised client, or throws. */
  function authorise(c: Context): string {
    if (config.proxyTokens.length > 0) {
      const found = presentedToken(c, config.proxyTokens);
      if (found === -1) {
        throw unauthorised();
      }
      return `token:${found}`;
    }
    return `ip:${clientIp(c) ?? 'unknown'}`;
  }

  function clientIp(c: Context): string | undefined {
    return (
      forwardedEntry(c.req.header('x-forwarded-for'), config.trustProxy) ?? deps.clientAddress?.(c)
    );
  }

  type Handler = (c: Context, st: RequestState) => Promise<Reply>;

  /**
   * Wraps a route: request id, origin check, auth, rate limit, the JSON error shape, one log line.
   */
  function route(
    name: string,
    guards: { origin: boolean; auth: boolean | 'metrics'; rateLimit: boolean },
    handler: Handler,
  ) {
    return async (c: Context): Promise<Response> => {
      const st: RequestState = {
        id: crypto.randomUUID(),
        route: name,
        startMs: now(),
        tier: null,
        code: null,
        stream: false,
        bytesIn: 0,
        bytesOut: 0,
        upstreamMs: null,
        rescan: 'skipped',
        deferred: false,
      };
      let reply: Reply;
      try {
        if (guards.origin && classifyOrigin(c) === 'refused') {
          throw new HttpError(403, 'origin_not_allowed', 'This origin may not use the proxy');
        }
        if (guards.auth === 'metrics') authoriseMetrics(c);
        const clientKey = guards.auth === true ? authorise(c) : 'none';
        if (guards.rateLimit) {
          let decision;
          try {
            decision = await deps.rateLimiter.take(clientKey);
          } catch {
            // Fail closed: without the shared limiter the proxy could become an open relay.
            throw new HttpError(503, 'rate_limiter_unavailable', 'The rate limiter is unavailable');
          }
          if (!decision.allowed) {
            const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
            throw new HttpError(
              429,
              'rate_limited',
              'Too many requests; retry later',
              { retry_after_s: seconds },
              {
                'Retry-After': String(seconds),
              },
            );
          }
        }
        reply = await handler(c, st);
      } catch (err) {
        if (err instanceof HttpError) {
          st.code = err.code;
          reply = jsonReply(apiError(err.code, err.message, err.extra), err.status, err.headers);
        } else {
          st.code = 'internal';
          reply = jsonReply(apiError('internal', 'Internal error'), 500);
        }
      }
      // Plain assignments: an object spread of these header objects measured ~10 us here (V8
      // takes a slow path for them), a loop well under 1 us.
      const headers = reply.headers;
      for (const [name, value] of securityHeaders) headers[name] = value;
      headers[REQUEST_ID_HEADER] = st.id;
      headers['Cache-Control'] = 'no-store';
      addCorsHeaders(c, headers);
      if (!st.deferred) {
        const length = reply.headers['Content-Length'];
        if (st.bytesOut === 0 && length !== undefined) st.bytesOut = Number(length);
        writeLog(c, st, reply.status, reply.status >= 400 ? 'error' : 'ok');
      }
      return markSecured(new Response(reply.body, { status: reply.status, headers }));
    };
  }

  // ---- request body -----------------------------------------------------------------------

  /** The request body's bytes, within MAX_BODY_BYTES; parsing them is the checker's work. */
  async function readBody(c: Context, st: RequestState): Promise<Uint8Array> {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    const max = config.maxBodyBytes;
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > max) {
      throw new HttpError(413, 'body_too_large', `The body exceeds ${max} bytes`, {
        max_bytes: max,
      });
    }
    let bytes: Uint8Array;
    if (declared !== undefined && /^\d+$/.test(declared)) {
      // HTTP framing bounds the body by Content-Length, checked above: read it in one go (on
      // Node this skips the web-stream conversion of the request body).
      bytes = new Uint8Array(await c.req.raw.arrayBuffer());
      st.bytesIn = bytes.byteLength;
    } else {
      // Chunked upload: enforce the limit while reading.
      const chunks: Uint8Array[] = [];
      let total = 0;
      const body = c.req.raw.body;
      if (body) {
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > max) {
            await reader.cancel().catch(() => {});
            st.bytesIn = total;
            throw new HttpError(413, 'body_too_large', `The body exceeds ${max} bytes`, {
              max_bytes: max,
            });
          }
          chunks.push(value);
        }
      }
      st.bytesIn = total;
      bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
    }
    return bytes;
  }

  function pickTier(c: Context, st: RequestState): TierConfig {
    const raw = c.req.header(TIER_HEADER);
    const name = (raw === undefined ? 'frontier' : raw.trim().toLowerCase()) as TierName;
    if (!TIER_NAMES.includes(name)) {
      throw new HttpError(
        400,
        'invalid_tier',
        `${TIER_HEADER} must be one of: ${TIER_NAMES.join(', ')}`,
      );
    }
    st.tier = name;
    const tier = tiers[name];
    if (!tier) {
      throw new HttpError(
        503,
        'tier_not_configured',
        `The ${name} tier is not configured on this server`,
      );
    }
    return tier;
  }

  function busy(): HttpError {
    return new HttpError(
      503,
      'rescan_busy',
      'The proxy is checking too many requests at once; nothing was sent, retry shortly',
      { retry_after_s: 1 },
      { 'Retry-After': '1' },
    );
  }

  // ---- routes -------------------------------------------------------------------------------

  app.options('/api/v1/*', (c) => {
    const origin = c.req.header('origin');
    if (origin === undefined || !allowedOrigins.has(origin)) {
      return c.json(apiError('origin_not_allowed', 'This origin may not use the proxy'), 403);
    }
    return new Response(null, {
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': `Authorization, Content-Type, ${TIER_HEADER}, ${OVERRIDE_HEADER}`,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      },
    });
  });

  app.get(
    '/api/v1/models',
    route('models', { origin: true, auth: true, rateLimit: false }, async () => {
      const data = TIER_NAMES.flatMap((name) => {
        const tier = tiers[name];
        return tier
          ? [{ id: tier.model, object: 'model', created: 0, owned_by: 'hearth', hearth_tier: name }]
          : [];
      });
      return jsonReply({ object: 'list', data }, 200);
    }),
  );

  app.post(
    '/api/v1/chat/completions',
    route('chat', { origin: true, auth: true, rateLimit: true }, async (c, st) => {
      const tier = pickTier(c, st);
      // Saturated: say so before reading a body that could not be checked anyway.
      if (!deps.checker.hasCapacity()) throw busy();
      const override = c.req.header(OVERRIDE_HEADER)?.trim().toLowerCase();
      if (override !== undefined && override !== 'unredacted') {
        throw new HttpError(400, 'invalid_override', `${OVERRIDE_HEADER} may only be "unredacted"`);
      }
      if (override && !config.allowUnredactedOverride) {
        throw new HttpError(
          403,
          'override_not_allowed',
          'This server does not allow sending personal data unredacted; nothing was sent',
        );
      }
      const bytes = await readBody(c, st);
      // Parse, schema, re-scan and the upstream body, off the event loop on Node.
      const outcome = await deps.checker.check(bytes, {
        model: tier.model,
        maxTokensCap: config.maxTokensCap,
        threshold: config.rescanThreshold,
        override: override === 'unredacted',
      });
      if (outcome.kind === 'busy') {
        st.rescan = 'busy';
        throw busy();
      }
      if (outcome.kind === 'timeout') {
        st.rescan = 'timeout';
        throw new HttpError(
          422,
          'rescan_budget_exceeded',
          'The request could not be checked within the re-scan budget; nothing was sent. Send less text at once',
        );
      }
      if (outcome.kind === 'failed') {
        st.rescan = 'failed';
        throw new HttpError(500, 'rescan_failed', 'The re-scan could not run; nothing was sent');
      }
      if (outcome.kind === 'invalid') {
        throw new HttpError(400, outcome.code, outcome.message, outcome.extra);
      }
      st.stream = outcome.stream;
      const verdict = outcome.verdict;
      st.rescan = verdict.verdict;
      if (verdict.verdict === 'failed') {
        throw new HttpError(500, 'rescan_failed', 'The re-scan could not run; nothing was sent');
      }
      if (verdict.verdict === 'blocked') {
        metrics.rescanBlockedRequests.inc();
        for (const type of verdict.types) metrics.rescanBlocks.inc({ type });
        throw new HttpError(
          422,
          'pii_detected',
          'The request contains sensitive values; nothing was sent',
          { types: verdict.types },
        );
      }
      if (outcome.body === undefined) {
        throw new HttpError(500, 'rescan_failed', 'The re-scan could not run; nothing was sent');
      }
      const body = outcome.body;
      return forward(c, st, tier, body);
    }),
  );

  app.get(
    '/api/health',
    route('health', { origin: false, auth: false, rateLimit: false }, async () => {
      const entries = await Promise.all(
        TIER_NAMES.map(async (name) => {
          const tier = tiers[name];
          if (!tier) return [name, { configured: false, reachable: null }] as const;
          return [
            name,
            { configured: true, reachable: await probe(name, tier), model: tier.model },
          ] as const;
        }),
      );
      return jsonReply(
        {
          ok: true,
          version: config.version,
          cloud: { configured: config.frontier !== undefined },
          override: { allowed: config.allowUnredactedOverride },
          // the browser scans what it sends at this threshold too (the lower of its own and this)
          rescan: { threshold: config.rescanThreshold ?? DEFAULT_THRESHOLD },
          tiers: Object.fromEntries(entries),
        },
        200,
      );
    }),
  );

  app.get(
    '/api/metrics',
    route('metrics', { origin: true, auth: 'metrics', rateLimit: false }, async () =>
      textReply(metrics.render(), 200, 'text/plain; version=0.0.4; charset=utf-8'),
    ),
  );

  // ---- health probes ------------------------------------------------------------------------

  const probes = new Map<TierName, { atMs: number; result: Promise<boolean> }>();
  function probe(name: TierName, tier: TierConfig): Promise<boolean> {
    const cached = probes.get(name);
    const ttl = deps.healthTtlMs ?? 15_000;
    if (cached && now() - cached.atMs < ttl) return cached.result;
    const result = (async () => {
      try {
        const res = await upstream.request({
          url: `${tier.baseUrl}/models`,
          method: 'GET',
          headers: tier.apiKey ? { Authorization: `Bearer ${tier.apiKey}` } : {},
          abort: AbortHandle.timeout(Math.min(3_000, config.upstreamTimeoutMs)),
        });
        await res.discard();
        return res.status >= 200 && res.status < 300;
      } catch {
        return false;
      }
    })();
    probes.set(name, { atMs: now(), result });
    return result;
  }

  // ---- upstream -----------------------------------------------------------------------------

  async function forward(
    c: Context,
    st: RequestState,
    tier: TierConfig,
    body: string,
  ): Promise<Reply> {
    const controller = new AbortHandle();
    let clientGone = false;
    const detach = onClientGone(c, () => {
      clientGone = true;
      controller.abort(new Error('client closed'));
    });

    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error('upstream timeout'));
      }, config.upstreamTimeoutMs);
    };
    const disarm = (): void => clearTimeout(timer);

    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: st.stream ? 'text/event-stream' : 'application/json',
    };
    if (tier.apiKey) headers.Authorization = `Bearer ${tier.apiKey}`;

    const upstreamStart = now();
    arm();
    let res: UpstreamResponse;
    try {
      res = await upstream.request({
        url: `${tier.baseUrl}/chat/completions`,
        method: 'POST',
        headers,
        body,
        abort: controller,
      });
    } catch {
      disarm();
      detach();
      st.upstreamMs = now() - upstreamStart;
      if (timedOut)
        throw new HttpError(504, 'upstream_timeout', 'The upstream did not answer in time');
      if (clientGone) throw new HttpError(499, 'client_closed', 'The client went away');
      throw new HttpError(502, 'upstream_unreachable', 'The upstream could not be reached');
    }
    st.upstreamMs = now() - upstreamStart;
    metrics.upstreamDuration.observe({ tier: st.tier ?? 'none' }, st.upstreamMs / 1000);

    if (res.status < 200 || res.status > 299) {
      disarm();
      detach();
      await res.discard();
      if (res.status === 429) {
        const retryAfter = sanitizeRetryAfter(res.header('retry-after'));
        throw new HttpError(
          429,
          'upstream_rate_limited',
          'The upstream provider is rate limiting; retry later',
          {},
          retryAfter ? { 'Retry-After': retryAfter } : {},
        );
      }
      // The upstream's body is never echoed: it may repeat the prompt or carry internals.
      throw new HttpError(502, 'upstream_error', `The upstream answered with HTTP ${res.status}`, {
        upstream_status: res.status,
      });
    }

    const upstreamType = res.header('content-type') ?? '';
    if (!st.stream || !upstreamType.includes('text/event-stream')) {
      // Whole JSON answer; the deadline keeps running while the body arrives.
      let text: string;
      try {
        text = await res.text();
      } catch {
        disarm();
        detach();
        if (timedOut)
          throw new HttpError(504, 'upstream_timeout', 'The upstream did not answer in time');
        throw new HttpError(502, 'upstream_error', 'The upstream connection failed');
      }
      disarm();
      detach();
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
      } catch {
        throw new HttpError(
          502,
          'upstream_invalid_response',
          'The upstream answered with invalid JSON',
        );
      }
      return textReply(text, 200, 'application/json; charset=utf-8');
    }

    return streamThrough(
      c,
      st,
      res,
      controller,
      arm,
      disarm,
      detach,
      () => timedOut,
      () => clientGone,
    );
  }

  function streamThrough(
    c: Context,
    st: RequestState,
    res: UpstreamResponse,
    controller: AbortHandle,
    arm: () => void,
    disarm: () => void,
    detach: () => void,
    timedOut: () => boolean,
    clientGone: () => boolean,
  ): Reply {
    st.deferred = true;
    const reader = res.reader();
    const decoder = new TextDecoder();
    let pending: Uint8Array = new Uint8Array(0);
    let sawDone = false;
    // The events are passed on as the upstream wrote them; the parser only tells where a real
    // `data: [DONE]` event is. "[DONE]" inside an answer's text, a comment or another field is
    // content, and a stream cut off after it is still a broken stream.
    const events = createParser({
      onEvent(event) {
        if (event.data === '[DONE]') sawDone = true;
      },
    });
    let finished = false;

    const finish = (outcome: RequestLogLine['outcome']): void => {
      if (finished) return;
      finished = true;
      disarm();
      detach();
      if (outcome === 'stream_error') {
        st.code = 'upstream_stream_error';
      }
      writeLog(c, st, 200, outcome);
    };

    const fail = (out: ReadableStreamDefaultController<Uint8Array>, message: string): void => {
      // Partial events are dropped: the client only ever sees whole events, then this one.
      const event = sseEvent(apiError('upstream_stream_error', message));
      st.bytesOut += event.byteLength;
      try {
        out.enqueue(event);
        out.close();
      } catch {
        // The client is gone already.
      }
      controller.abort(new Error('stream error'));
      finish('stream_error');
    };

    const body = new ReadableStream<Uint8Array>(
      {
        async pull(out) {
          // Loop until something is enqueued or the stream ends: a pull that returns without
          // enqueueing is not called again, and a partial event alone enqueues nothing.
          for (;;) {
            arm();
            let chunk: Awaited<ReturnType<typeof reader.read>>;
            try {
              chunk = await reader.read();
            } catch {
              if (finished) return;
              if (clientGone()) {
                finish('client_closed');
                return;
              }
              fail(
                out,
                timedOut()
                  ? 'The upstream stopped sending'
                  : 'The upstream connection broke mid-stream',
              );
              return;
            }
            disarm();
            if (chunk.done) {
              if (!sawDone) {
                fail(out, 'The upstream ended the stream before it was complete');
                return;
              }
              if (pending.length > 0) {
                st.bytesOut += pending.length;
                out.enqueue(pending);
              }
              out.close();
              finish('ok');
              return;
            }
            const data = pending.length > 0 ? concat(pending, chunk.value) : chunk.value;
            const end = lastEventBoundary(data);
            if (end === 0) {
              if (data.length > MAX_SSE_EVENT_BYTES) {
                fail(out, 'The upstream sent an event larger than the proxy accepts');
                return;
              }
              pending = data;
              continue;
            }
            const complete = end === data.length ? data : data.subarray(0, end);
            pending = end === data.length ? new Uint8Array(0) : data.slice(end);
            if (!sawDone) {
              const text = decoder.decode(complete);
              events.feed(text);
              // An event ended by "\r\r" is complete (lastEventBoundary), but the parser waits
              // for the byte after a final CR in case it is the LF of a CRLF. Saying it is makes
              // the same blank line and lets the event through (found by the fuzz test).
              if (text.endsWith('\r')) events.feed('\n');
            }
            st.bytesOut += complete.byteLength;
            out.enqueue(complete);
            return;
          }
        },
        cancel() {
          controller.abort(new Error('client closed'));
          void reader.cancel();
          finish('client_closed');
        },
      },
      { highWaterMark: 0 },
    );

    return {
      status: 200,
      body,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'X-Accel-Buffering': 'no',
      },
    };
  }
}

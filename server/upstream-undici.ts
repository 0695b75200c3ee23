/**
 * The Node upstream transport: undici's `Pool` (one per upstream origin) with keep-alive
 * connections. Per request it costs well under half the CPU of `node:http`'s `request` with a
 * keep-alive agent and about a fifth of Node's global `fetch` (measured against the stub, see
 * docs/benchmarks.md), and the upstream call is a large share of what the proxy does per request.
 *
 * Timeouts stay the proxy's (UPSTREAM_TIMEOUT_MS, enforced through the abort signal), so undici's
 * own header and body timeouts are off: a long-silent stream is ended by the proxy's deadline,
 * which is configurable, not by a fixed 300 s in the client.
 */
import { EventEmitter } from 'node:events';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { BodyReader, ReadResult, UpstreamResponse, UpstreamTransport } from './upstream';

export interface UndiciTransportOptions {
  /** Most concurrent connections per upstream origin (default 256). */
  connections?: number;
}

const noop = (): void => {};

function wrap(res: Dispatcher.ResponseData): UpstreamResponse {
  const body = res.body;
  return {
    status: res.statusCode,
    header(name) {
      const value = res.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    text: () => body.text(),
    reader(): BodyReader {
      const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      return {
        async read(): Promise<ReadResult> {
          const next = await chunks.next();
          return next.done ? { done: true } : { done: false, value: next.value };
        },
        cancel() {
          // Closes the upstream connection when the body is not complete. Destroying an
          // unfinished body emits 'error', which must not go unheard.
          body.on('error', noop);
          body.destroy();
          return Promise.resolve();
        },
      };
    },
    discard: () =>
      body.dump().then(
        () => {},
        () => {},
      ),
  };
}

export function undiciTransport(options: UndiciTransportOptions = {}): UpstreamTransport {
  const pools = new Map<string, Pool>();
  /** URL → [origin, path]; the URLs come from configuration, so the map stays tiny. */
  const parsed = new Map<string, [string, string]>();

  function target(url: string): [string, string] {
    let hit = parsed.get(url);
    if (!hit) {
      const u = new URL(url);
      hit = [u.origin, `${u.pathname}${u.search}`];
      if (parsed.size < 256) parsed.set(url, hit);
    }
    return hit;
  }

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: options.connections ?? 256,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      pools.set(origin, pool);
    }
    return pool;
  }

  return {
    async request(r) {
      if (r.abort.aborted) throw r.abort.reason ?? new Error('aborted');
      const [origin, path] = target(r.url);
      // undici takes an EventEmitter as the signal too, which is far cheaper to listen on than
      // an AbortSignal (see AbortHandle).
      const signal = new EventEmitter();
      r.abort.onAbort(() => signal.emit('abort'));
      const res = await poolFor(origin).request({
        path,
        method: r.method,
        headers: r.headers,
        body: r.body,
        signal,
      });
      return wrap(res);
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((p) => p.destroy().catch(noop)));
    },
  };
}

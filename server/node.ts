/**
 * Starts the app on Node: the HTTP server, the peer address for rate-limit keys, the undici
 * upstream transport, and the Redis rate limiter when REDIS_URL is set. Used by main.ts, the
 * benchmark and the integration tests (port 0), so the tests run what production runs.
 */
import { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'hono';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppDeps } from './app';
import { createApp } from './app';
import { memoryRateLimiter } from './rate-limit';
import { fetchTransport } from './upstream';
import { undiciTransport } from './upstream-undici';
import { redisRateLimiter } from './rate-limit-redis';
import { RescanPool } from './rescan-pool';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export type NodeServerOptions = Omit<AppDeps, 'clientAddress' | 'onClientGone'> & {
  hostname?: string;
  /**
   * The re-scan worker script (dist-server/rescan-worker.js; a bundle of it in tests): the
   * re-scan then runs in a pool of worker threads with the configured budget and cap. Without it
   * (and without `checker`) the detector runs inline on the event loop, for tests of the app only.
   */
  rescanWorker?: string | URL;
};

/**
 * Notices a client that went away from the Node response object ('close' before the answer was
 * complete), the same condition @hono/node-server uses to abort the request's signal, but with
 * an EventEmitter listener instead of an AbortSignal one (far cheaper on the request path).
 */
function onClientGone(c: Context, onGone: () => void): () => void {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  if (!(outgoing instanceof ServerResponse)) {
    // Not served by node:http (HTTP/2, tests calling app.fetch): the portable way.
    const signal = c.req.raw.signal;
    if (signal.aborted) onGone();
    else signal.addEventListener('abort', onGone, { once: true });
    return () => signal.removeEventListener('abort', onGone);
  }
  const onClose = (): void => {
    if (!outgoing.writableFinished) onGone();
  };
  if (outgoing.closed) {
    onClose();
    return () => {};
  }
  outgoing.once('close', onClose);
  return () => outgoing.off('close', onClose);
}

export async function startNodeServer(options: NodeServerOptions): Promise<RunningServer> {
  const { config } = options;
  const pool =
    !options.checker && options.rescanWorker
      ? new RescanPool({
          script: options.rescanWorker,
          budgetMs: config.rescanBudgetMs,
          ...(config.rescanWorkers > 0 ? { size: config.rescanWorkers } : {}),
          ...(config.rescanQueue > 0 ? { maxQueue: config.rescanQueue } : {}),
          ...(config.rescanModelPath ? { modelPath: config.rescanModelPath } : {}),
        })
      : undefined;
  if (pool) {
    try {
      await pool.ready();
    } catch (err) {
      await pool.close();
      throw err;
    }
  }
  const checker = options.checker ?? pool;
  const rateLimiter =
    options.rateLimiter ??
    (config.redisUrl
      ? redisRateLimiter({ url: config.redisUrl, rpm: config.rateLimitRpm })
      : memoryRateLimiter(config.rateLimitRpm));
  // An injected fetch (tests of the edge path) wins over undici; otherwise undici, closed with
  // the server.
  const upstream =
    options.upstream ?? (options.fetch ? fetchTransport(options.fetch) : undiciTransport());
  const app = createApp({
    ...options,
    rateLimiter,
    upstream,
    ...(checker ? { checker } : {}),
    onClientGone,
    clientAddress: (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined;
      }
    },
  });
  const hostname = options.hostname ?? config.host;
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Streams and keep-alive sockets would hold close() open.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          })
            .then(() => upstream.close?.())
            .then(() => pool?.close())
            .then(() => rateLimiter.close?.()),
      });
    });
  });
}

/**
 * Starts the app on Node: the HTTP server, the peer address for rate-limit keys, and the Redis
 * rate limiter when REDIS_URL is set. Used by main.ts and by the integration tests (port 0).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppDeps } from './app';
import { createApp } from './app';
import { memoryRateLimiter } from './rate-limit';
import { nodeFetch } from './node-fetch';
import { redisRateLimiter } from './rate-limit-redis';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export type NodeServerOptions = Omit<AppDeps, 'clientAddress'> & { hostname?: string };

export function startNodeServer(options: NodeServerOptions): Promise<RunningServer> {
  const { config } = options;
  const rateLimiter =
    options.rateLimiter ??
    (config.redisUrl
      ? redisRateLimiter({ url: config.redisUrl, rpm: config.rateLimitRpm })
      : memoryRateLimiter(config.rateLimitRpm));
  const app = createApp({
    ...options,
    rateLimiter,
    fetch: options.fetch ?? nodeFetch,
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
          }).then(() => rateLimiter.close?.()),
      });
    });
  });
}

/**
 * The Hono app: the cloud proxy's routes plus serving the built web app. Runtime-neutral (no Node
 * APIs here) so the same app can run on an edge runtime; the Node entry (main.ts) injects the
 * static-file middleware.
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerConfig } from './config';
import { securityHeaderRecord, securityHeaders } from './security-headers';
import { apiError } from './errors';
import type { Detector } from './rescan';
import type { RequestChecker } from './request-check';
import { inlineChecker } from './request-check';
import type { RateLimiter } from './rate-limit';
import { memoryRateLimiter } from './rate-limit';
import { ProxyMetrics } from './metrics';
import type { Logger } from './proxy';
import { registerProxyRoutes } from './proxy';
import type { UpstreamTransport } from './upstream';
import { fetchTransport } from './upstream';

export interface AppDeps {
  config: ServerConfig;
  /**
   * How request bodies are checked (parse, schema, re-scan). The Node entry injects the worker
   * pool (rescan-pool.ts); without one the check runs inline with `detector` (runtimes without
   * worker threads, tests of the app alone).
   */
  checker?: RequestChecker;
  /** The src/core PII detector for an inline re-scan; without one, chat requests fail closed. */
  detector?: Detector;
  /** Defaults to an in-memory token bucket (one instance); main.ts injects Redis when configured. */
  rateLimiter?: RateLimiter;
  /** One JSON line per API request; defaults to console.log. */
  logger?: Logger;
  metrics?: ProxyMetrics;
  /** The connection's peer address (Node: getConnInfo); used as the rate-limit key without a token. */
  clientAddress?: (c: Context) => string | undefined;
  /** How a client that went away is noticed (default: the request's AbortSignal; see proxy.ts). */
  onClientGone?: (c: Context, onGone: () => void) => () => void;
  /**
   * How upstream providers are called. Defaults to `fetchTransport(fetch)`, which runs on any
   * runtime; the Node entry injects undici (upstream-undici.ts).
   */
  upstream?: UpstreamTransport;
  /** A fetch for the default transport (tests inject one); ignored when `upstream` is given. */
  fetch?: typeof fetch;
  /**
   * Serves files of the built app; must call next() when no file matches. Pass
   * `onFound: setCacheHeaders` so each file gets the Cache-Control of cache-policy.ts.
   */
  staticFiles?: MiddlewareHandler;
  /** Serves index.html for client-side routes (the SPA fallback). */
  appShell?: MiddlewareHandler;
}

export function createApp(deps: AppDeps): Hono {
  const { config, staticFiles, appShell } = deps;
  const app = new Hono();
  // API responses get the same headers from the proxy's routes directly (cheaper, see proxy.ts);
  // the middleware covers everything else and skips responses that already carry them.
  app.use('*', securityHeaders(config.extraConnectSrc));

  registerProxyRoutes(app, {
    config,
    checker: deps.checker ?? inlineChecker(deps.detector),
    rateLimiter: deps.rateLimiter ?? memoryRateLimiter(config.rateLimitRpm),
    logger: deps.logger ?? ((line) => console.log(JSON.stringify(line))),
    metrics: deps.metrics ?? new ProxyMetrics(),
    clientAddress: deps.clientAddress,
    onClientGone: deps.onClientGone,
    upstream: deps.upstream ?? fetchTransport(deps.fetch),
    securityHeaders: securityHeaderRecord(config.extraConnectSrc),
  });

  // Unknown API paths get a JSON 404, never the HTML shell: clients parse these.
  app.all('/api/*', (c) =>
    c.json(apiError('not_found', `No API route ${c.req.method} ${c.req.path}`), 404),
  );

  // Source maps embed the app's whole source (910 files): the build keeps them beside the bundles
  // for reading stack traces on the server, but they are never served (see docs/proxy.md).
  app.get('*', async (c, next) => {
    if (c.req.path.endsWith('.map')) return c.json(apiError('not_found', 'Not found'), 404);
    return next();
  });
  if (staticFiles) app.use('*', staticFiles);
  // Client-side routes get index.html; a missing file (a path with an extension) stays a 404 so a
  // stale or mistyped asset URL never receives HTML that the browser would try to run as script.
  if (appShell) {
    app.get('*', async (c, next) => {
      if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
      return appShell(c, next);
    });
  }
  app.notFound((c) => c.json(apiError('not_found', 'Not found'), 404));
  app.onError((err, c) => {
    console.error(JSON.stringify({ level: 'error', msg: 'unhandled', name: err.name }));
    return c.json(apiError('internal', 'Internal error'), 500);
  });
  return app;
}

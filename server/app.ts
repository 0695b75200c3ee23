/**
 * The Hono app: the cloud proxy's routes plus serving the built web app. Runtime-neutral (no Node
 * APIs here) so the same app can run on an edge runtime; the Node entry (main.ts) injects the
 * static-file middleware.
 */
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { ServerConfig } from './config';
import { securityHeaders } from './security-headers';
import { apiError } from './errors';
import { cacheControlFor } from './cache-policy';

export interface AppDeps {
  config: ServerConfig;
  /** Serves files of the built app; must call next() when no file matches. */
  staticFiles?: MiddlewareHandler;
  /** Serves index.html for client-side routes (the SPA fallback). */
  appShell?: MiddlewareHandler;
}

export function createApp({ config, staticFiles, appShell }: AppDeps): Hono {
  const app = new Hono();
  app.use('*', securityHeaders(config.extraConnectSrc));

  app.get('/api/health', (c) =>
    c.json({
      ok: true,
      version: config.version,
      cloud: { configured: config.frontier !== undefined },
    }),
  );

  // Unknown API paths get a JSON 404, never the HTML shell: clients parse these.
  app.all('/api/*', (c) =>
    c.json(apiError('not_found', `No API route ${c.req.method} ${c.req.path}`), 404),
  );

  if (staticFiles) {
    app.use('*', async (c, next) => {
      await staticFiles(c, next);
      if (c.res.ok && !c.res.headers.has('Cache-Control')) {
        // Static responses can carry immutable headers: rebuild rather than mutate.
        const headers = new Headers(c.res.headers);
        headers.set('Cache-Control', cacheControlFor(c.req.path));
        c.res = new Response(c.res.body, { status: c.res.status, headers });
      }
    });
  }
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

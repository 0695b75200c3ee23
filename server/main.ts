/**
 * Node entry point: reads the environment, serves the built app and the proxy on PORT.
 * `npm start` builds first, then runs the compiled form of this file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app';
import { ConfigError, readConfig } from './config';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

function main(): void {
  let config;
  try {
    config = readConfig(process.env, {
      version: pkg.version,
      staticRoot: path.join(repoRoot, 'dist'),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const root = path.relative(process.cwd(), config.staticRoot) || '.';
  const app = createApp({
    config,
    staticFiles: serveStatic({ root }),
    appShell: serveStatic({
      root,
      rewriteRequestPath: () => '/index.html',
      onFound: (_p, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  });
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? '127.0.0.1' },
    (info) => {
      const mode = config.frontier
        ? `cloud tier: ${config.frontier.model}`
        : 'local-only mode (no CLOUD_* set)';
      console.log(`Hearth on http://localhost:${info.port} (${mode})`);
    },
  );
  const stop = (): void => {
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();

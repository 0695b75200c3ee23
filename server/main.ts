/**
 * Node entry point: reads the environment, serves the built app and the proxy on PORT.
 * `npm start` builds first, then runs the compiled form of this file. Configuration errors print a
 * clear message and exit with code 2.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { ConfigError, readConfig } from './config';
import { setCacheHeaders } from './cache-policy';
import { detector, warmUpDetector } from './detector';
import { batchedLogger } from './log-sink';
import { startNodeServer } from './node';
import type { RunningServer } from './node';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

async function rescanWorkerScript(): Promise<string> {
  if (!import.meta.url.endsWith('.ts')) return path.join(here, 'rescan-worker.js');
  // A variable specifier, so the production build neither bundles this nor its esbuild import.
  const dev = '../testing/rescan-worker-bundle.ts';
  const mod = (await import(/* @vite-ignore */ dev)) as { rescanWorkerScript: () => string };
  return mod.rescanWorkerScript();
}

async function main(): Promise<void> {
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
  warmUpDetector();
  const root = path.relative(process.cwd(), config.staticRoot) || '.';
  const logs = batchedLogger(1);
  const server: RunningServer = await startNodeServer({
    config,
    hostname: config.host,
    detector,
    // The re-scan runs in worker threads with a time budget: the worker built next to this file,
    // or, when this file runs from source (tsx), a bundle of server/rescan-worker.ts made now.
    rescanWorker: await rescanWorkerScript(),
    // One JSON line per request on stdout (batched); never prompts, answers or keys.
    logger: logs.log,
    staticFiles: serveStatic({ root, onFound: setCacheHeaders }),
    appShell: serveStatic({
      root,
      rewriteRequestPath: () => '/index.html',
      onFound: (_p, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  });
  const tiers = [
    config.frontier ? `frontier: ${config.frontier.model}` : undefined,
    config.private ? `private: ${config.private.model}` : undefined,
  ].filter(Boolean);
  const mode = tiers.length ? tiers.join(', ') : 'local-only mode (no CLOUD_* or PRIVATE_* set)';
  const limiter = config.redisUrl ? 'rate limit in Redis' : 'rate limit in memory';
  console.log(`Hearth on http://localhost:${server.port} (${mode}; ${limiter})`);
  const stop = (): void => {
    logs.flush();
    void server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Hearth could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

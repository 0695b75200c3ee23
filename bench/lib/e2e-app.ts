/**
 * The e2e build (`npm run build:e2e`, built here when missing) served by the production server on
 * loopback, and Debian's Chromium to open it: what bench:db and bench:pii measure in.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { waitForServer } from './wait-for-server';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface E2eApp {
  browser: Browser;
  origin: string;
  /** A page in a fresh context, ready for functions sent from a tsx-compiled script. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startE2eApp(
  port: number,
  log: (msg: string) => void = () => undefined,
): Promise<E2eApp> {
  if (!existsSync(path.join(root, 'dist-e2e', 'index.html'))) {
    log('dist-e2e missing: running npm run build:e2e');
    const built = spawnSync('npm', ['run', '-s', 'build:e2e'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:e2e failed');
  }
  const server = spawn(process.execPath, ['dist-server/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', STATIC_ROOT: 'dist-e2e' },
    stdio: 'ignore',
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'],
    });
    const origin = `http://127.0.0.1:${port}`;
    await waitForServer(`${origin}/api/health`, 20_000);
    const b = browser;
    return {
      browser: b,
      origin,
      async newPage(viewport) {
        const context = await b.newContext(viewport ? { viewport } : {});
        // tsx compiles with esbuild's keepNames, whose `__name` helper ends up inside functions
        // sent to the page; the app's CSP forbids evaluating strings, so give it a no-op one.
        await context.addInitScript('globalThis.__name = (f) => f;');
        return context.newPage();
      },
      async close() {
        await b.close();
        server.kill();
      },
    };
  } catch (err) {
    await browser?.close();
    server.kill();
    throw err;
  }
}

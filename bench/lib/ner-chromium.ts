/**
 * The model stage's latency in Chromium, as the app runs it: the e2e build served by the real
 * server, `window.__hearthTestEngine.detectNer` (postMessage to the analysis worker, onnxruntime-web
 * WASM, decode, reply) timed in the page on one text. Used by `npm run bench:pii`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { waitForServer } from './wait-for-server';

export interface ChromiumNerFigures {
  /** The first call: loading the WASM runtime and the model, then one inference. */
  firstMs: number;
  /** Timed calls after warm-up. */
  ms: number[];
}

const root = path.resolve(import.meta.dirname, '..', '..');

/** Runs in the page (a string: this file is compiled without the DOM lib). */
const script = (text: string, warmup: number, timed: number) => `(async () => {
  const ner = window.__hearthTestEngine.detectNer;
  const text = ${JSON.stringify(text)};
  let t = performance.now();
  await ner(text);
  const firstMs = performance.now() - t;
  for (let i = 0; i < ${warmup}; i++) await ner(text);
  const ms = [];
  for (let i = 0; i < ${timed}; i++) {
    t = performance.now();
    await ner(text);
    ms.push(performance.now() - t);
  }
  return { firstMs, ms };
})()`;

export async function nerLatencyInChromium(
  text: string,
  opts: { port?: number; warmup?: number; timed?: number } = {},
): Promise<ChromiumNerFigures> {
  const port = opts.port ?? 8797;
  if (!existsSync(path.join(root, 'dist-e2e', 'index.html'))) {
    const built = spawnSync('npm', ['run', '-s', 'build:e2e'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:e2e failed');
  }
  const server = spawn(process.execPath, ['dist-server/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', STATIC_ROOT: 'dist-e2e' },
    stdio: 'ignore',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'],
  });
  try {
    await waitForServer(`http://127.0.0.1:${port}/api/health`, 20_000);
    const context = await browser.newContext();
    // tsx compiles with esbuild's keepNames, whose `__name` helper ends up inside functions sent
    // to the page; the app's CSP forbids evaluating strings, so give the page a no-op one.
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => '__hearthTestEngine' in globalThis);
    return (await page.evaluate(
      script(text, opts.warmup ?? 5, opts.timed ?? 30),
    )) as ChromiumNerFigures;
  } finally {
    await browser.close();
    server.kill();
  }
}

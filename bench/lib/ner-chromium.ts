/**
 * The model stage's latency in Chromium, as the app runs it: the e2e build served by the real
 * server, `window.__hearthTestEngine.detectNer` (postMessage to the analysis worker, onnxruntime-web
 * WASM, decode, reply) timed in the page on one text. Used by `npm run bench:pii`.
 */
import { startE2eApp } from './e2e-app';

export interface ChromiumNerFigures {
  /** The first call: loading the WASM runtime and the model, then one inference. */
  firstMs: number;
  /** Timed calls after warm-up. */
  ms: number[];
}

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
  const app = await startE2eApp(opts.port ?? 8797);
  try {
    const page = await app.newPage();
    await page.goto(`${app.origin}/`);
    await page.waitForFunction(() => '__hearthTestEngine' in globalThis);
    return (await page.evaluate(
      script(text, opts.warmup ?? 5, opts.timed ?? 30),
    )) as ChromiumNerFigures;
  } finally {
    await app.close();
  }
}

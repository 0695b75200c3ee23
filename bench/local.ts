/**
 * `npm run bench:local -- --model-url <folder> --model-id <id> [--model-lib <wasm>]`
 *
 * Loads one model in Chromium twice and compares: (a) through Hearth's layer (the page's
 * `getLocalModel()` facade -> comlink -> our worker -> web-llm) and (b) web-llm called directly in
 * a worker of its own. Reports load time, first-token latency, prefill and decode tokens/s, and
 * the overhead of our layer (targets: <= 2% decode tokens/s, <= 20 ms first token).
 *
 * `npm run bench:local -- --detect --model-id <id> [--model-url ...] [--files presidio,uner]
 * [--limit 100] [--budget 5000]` is the detection mode (bench/lib/local-detect.ts): the local
 * model's PII second opinion on the shared labelled files, recall of NER + model against NER
 * alone, and the latency it adds. `--engine chrome-built-in` asks Chrome's built-in model instead
 * (CHROMIUM_PATH pointing at Chrome 148+, `--chrome-profile <dir>` with the model downloaded);
 * `--engine test-engine` runs the harness with the e2e build's test engine (no model: a check
 * that the bench works, not a measurement).
 *
 * Needs a GPU, Chromium at /usr/bin/chromium (or CHROMIUM_PATH), the e2e build (`npm run
 * build:e2e`, which exposes the facade to tests as `window.__hearthTestEngine.localModel`) and a
 * reachable model. `--model-url` is the folder web-llm appends `resolve/main/` to; without
 * `--model-lib` the model library of the prebuilt record with the same id is used.
 *
 * Token timings are taken on the page for both paths, so both include one worker hop.
 */
import { createServer, type Server } from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { detectionReport } from './lib/local-detect';
import { waitForServer } from './lib/wait-for-server';

const root = path.resolve(import.meta.dirname, '..');

interface Args {
  modelUrl: string;
  modelId: string;
  modelLib: string;
  runs: number;
  maxTokens: number;
  port: number;
}

type Engine = 'web-llm' | 'chrome-built-in' | 'test-engine';

interface DetectModeArgs {
  engine: Engine;
  /** web-llm only (the others need no model address). */
  web: Args | undefined;
  port: number;
  chromeProfile: string | undefined;
  dataDir: string;
  files: string[] | undefined;
  limit: number;
  budgetMs: number;
}

function usage(message: string): never {
  console.error(`bench:local: ${message}
usage: npm run bench:local -- --model-url <folder URL> --model-id <id> [--model-lib <wasm URL>] [--runs 3] [--max-tokens 128]
       npm run bench:local -- --detect [--engine web-llm|chrome-built-in|test-engine] [--model-id <id> --model-url <folder URL>]
                              [--files presidio,uner] [--limit 100] [--budget 5000] [--chrome-profile <dir>]
See docs/benchmarks.md ("Local model").`);
  process.exit(2);
}

const getArg = (argv: string[], name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

function parseArgs(argv: string[]): Args {
  const get = (name: string) => getArg(argv, name);
  const modelId = get('model-id');
  if (!modelId) usage('--model-id is required');
  const prebuilt = prebuiltAppConfig.model_list.find((r) => r.model_id === modelId);
  const modelUrl = get('model-url') ?? prebuilt?.model;
  if (!modelUrl) usage(`--model-url is required for "${modelId}" (not in web-llm's prebuilt list)`);
  const modelLib = get('model-lib') ?? prebuilt?.model_lib;
  if (!modelLib) usage(`--model-lib is required for "${modelId}" (not in web-llm's prebuilt list)`);
  return {
    modelId,
    modelUrl,
    modelLib,
    runs: Number(get('runs') ?? 3),
    maxTokens: Number(get('max-tokens') ?? 128),
    port: Number(get('port') ?? 8795),
  };
}

function parseDetectArgs(argv: string[]): DetectModeArgs {
  const get = (name: string) => getArg(argv, name);
  const engine = (get('engine') ?? 'web-llm') as Engine;
  if (!['web-llm', 'chrome-built-in', 'test-engine'].includes(engine))
    usage('--engine is web-llm, chrome-built-in or test-engine');
  const limit = Number(get('limit') ?? 100);
  const budgetMs = Number(get('budget') ?? 5000);
  if (!(limit > 0) || !(budgetMs > 0)) usage('--limit and --budget must be positive numbers');
  return {
    engine,
    web: engine === 'web-llm' ? parseArgs(argv) : undefined,
    port: Number(get('port') ?? 8795),
    chromeProfile: get('chrome-profile'),
    dataDir: path.resolve(get('data') ?? path.join(root, '..', 'shared', 'pii-data')),
    files: get('files')?.split(','),
    limit,
    budgetMs,
  };
}

interface Run {
  loadMs: number;
  firstTokenMs: number[];
  decodeTps: number[];
  prefillTps: number[];
}

const PROMPT = 'Write a detailed, friendly explanation of how a refrigerator keeps food cold.';

/** Browser-side: one generation, timing tokens as they arrive on the page. */
const MEASURE = `
  async function measure(generate) {
    const times = [];
    const t0 = performance.now();
    const extra = await generate(() => times.push(performance.now()));
    const first = times[0] ?? performance.now();
    const last = times[times.length - 1] ?? first;
    const decodeTps = times.length > 1 ? (times.length - 1) / ((last - first) / 1000) : 0;
    return { firstTokenMs: first - t0, decodeTps, prefillTps: extra?.prefill ?? NaN, tokens: times.length };
  }
`;

async function viaHearth(page: Page, a: Args): Promise<Run> {
  const config = {
    onlySelfHosted: true,
    models: [{ id: a.modelId, modelUrl: a.modelUrl, modelLibUrl: a.modelLib }],
  };
  await page.addInitScript({
    content: `localStorage.setItem('hearth:self-hosted-models', ${JSON.stringify(JSON.stringify(config))});`,
  });
  await page.goto(`http://127.0.0.1:${a.port}/models`);
  await page.waitForFunction('window.__hearthTestEngine?.localModel !== undefined', undefined, {
    timeout: 30_000,
  });
  return (await page.evaluate(`(async () => {
    ${MEASURE}
    const lm = window.__hearthTestEngine.localModel;
    const t0 = performance.now();
    try {
      await lm.load(${JSON.stringify(a.modelId)}, () => {});
    } catch (e) {
      return { error: (e.code ?? 'unknown') + ': ' + e.message + (e.hint ? ' ' + e.hint : '') };
    }
    const loadMs = performance.now() - t0;
    const out = { loadMs, firstTokenMs: [], decodeTps: [], prefillTps: [] };
    for (let i = 0; i <= ${a.runs}; i++) {
      const r = await measure(async (onToken) => {
        const res = await lm.generate({ messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }],
          maxTokens: ${a.maxTokens}, temperature: 0 }, onToken);
        return { prefill: res.prefillTokensPerSecond };
      });
      if (i === 0) continue; // warm-up
      out.firstTokenMs.push(r.firstTokenMs); out.decodeTps.push(r.decodeTps); out.prefillTps.push(r.prefillTps);
    }
    return out;
  })()`)) as Run;
}

/** web-llm directly in a worker of its own, served by a throwaway static server. */
function directServer(port: number): Promise<Server> {
  const lib = path.join(root, 'node_modules/@mlc-ai/web-llm/lib/index.js');
  const worker = `
    import * as webllm from './web-llm.js';
    let engine;
    onmessage = async ({ data }) => {
      try {
        if (data.type === 'load') {
          engine = new webllm.MLCEngine({ appConfig: { model_list: [data.record] } });
          const t0 = performance.now();
          await engine.reload(data.record.model_id);
          postMessage({ type: 'loaded', ms: performance.now() - t0 });
        } else if (data.type === 'generate') {
          const chunks = await engine.chat.completions.create({ messages: data.messages, stream: true,
            stream_options: { include_usage: true }, max_tokens: data.maxTokens, temperature: 0 });
          let usage;
          for await (const c of chunks) {
            if (c.choices[0]?.delta?.content) postMessage({ type: 'token' });
            if (c.usage) usage = c.usage;
          }
          postMessage({ type: 'done', prefill: usage?.extra?.prefill_tokens_per_s });
        }
      } catch (e) { postMessage({ type: 'error', message: String(e?.message ?? e) }); }
    };`;
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><title>web-llm direct</title>'],
    '/web-llm.js': ['text/javascript', readFileSync(lib, 'utf8')],
    '/direct-worker.js': ['text/javascript', worker],
  };
  const server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function direct(page: Page, a: Args, port: number): Promise<Run> {
  await page.goto(`http://127.0.0.1:${port}/`);
  const record = { model: a.modelUrl, model_id: a.modelId, model_lib: a.modelLib };
  return (await page.evaluate(`(async () => {
    ${MEASURE}
    const w = new Worker('/direct-worker.js', { type: 'module' });
    const next = (handler) => new Promise((resolve) => { w.onmessage = ({ data }) => handler(data, resolve); });
    w.postMessage({ type: 'load', record: ${JSON.stringify(record)} });
    const loaded = await next((d, done) => done(d));
    if (loaded.type === 'error') return { error: loaded.message };
    const out = { loadMs: loaded.ms, firstTokenMs: [], decodeTps: [], prefillTps: [] };
    for (let i = 0; i <= ${a.runs}; i++) {
      const r = await measure((onToken) => {
        const p = next((d, done) => { if (d.type === 'token') onToken(); else done(d); });
        w.postMessage({ type: 'generate', maxTokens: ${a.maxTokens},
          messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }] });
        return p;
      });
      if (i === 0) continue;
      out.firstTokenMs.push(r.firstTokenMs); out.decodeTps.push(r.decodeTps); out.prefillTps.push(r.prefillTps);
    }
    return out;
  })()`)) as Run;
}

const median = (xs: number[]) => {
  const s = [...xs].filter(Number.isFinite).sort((x, y) => x - y);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? NaN) : NaN;
};

function startApp(port: number, web: Args | undefined): ChildProcess {
  const extra = web ? [new URL(web.modelUrl).origin, new URL(web.modelLib).origin] : [];
  return spawn(process.execPath, [path.join(root, 'dist-server/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      STATIC_ROOT: path.join(root, 'dist-e2e'),
      EXTRA_CONNECT_SRC: extra.join(' '),
    },
    stdio: 'ignore',
  });
}

const LAUNCH_ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-quic', '--no-first-run'];

/** Detection mode: load the engine on the app's page, then ask it about every record. */
async function detectMode(d: DetectModeArgs): Promise<void> {
  const app = startApp(d.port, d.web);
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  // Chrome keeps its built-in model in the profile: use one where it was downloaded
  const browser = d.chromeProfile
    ? undefined
    : await chromium.launch({ executablePath, args: LAUNCH_ARGS });
  const context = browser
    ? await browser.newContext({ bypassCSP: true })
    : await chromium.launchPersistentContext(d.chromeProfile as string, {
        executablePath,
        args: LAUNCH_ARGS,
        // Chrome's model is a component ("Optimization Guide On Device Model" in
        // chrome://components): keep component updates and the services they need switched on
        ignoreDefaultArgs: ['--disable-component-update', '--disable-background-networking'],
        bypassCSP: true,
      });
  try {
    await waitForServer(`http://127.0.0.1:${d.port}/api/health`, 20_000);
    const page = await context.newPage();
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const modelId =
      d.engine === 'chrome-built-in'
        ? 'chrome-built-in'
        : d.engine === 'test-engine'
          ? 'test-engine-small-q4f32'
          : (d.web as Args).modelId;
    if (d.web) {
      const config = {
        onlySelfHosted: true,
        models: [{ id: modelId, modelUrl: d.web.modelUrl, modelLibUrl: d.web.modelLib }],
      };
      await page.addInitScript({
        content: `localStorage.setItem('hearth:self-hosted-models', ${JSON.stringify(JSON.stringify(config))});`,
      });
    }
    if (d.engine === 'test-engine') {
      await page.addInitScript({
        content: `localStorage.setItem('hearth:test-engine', ${JSON.stringify(JSON.stringify({ loadedModel: modelId }))});`,
      });
    }
    await page.goto(`http://127.0.0.1:${d.port}/models`);
    await page.waitForFunction('window.__hearthTestEngine?.localModel !== undefined', undefined, {
      timeout: 30_000,
    });
    const loaded = (await page.evaluate(`(async () => {
      try {
        await window.__hearthTestEngine.localModel.load(${JSON.stringify(modelId)}, () => {});
        return 'ok';
      } catch (e) {
        return (e.code ?? 'unknown') + ': ' + e.message + (e.hint ? ' ' + e.hint : '');
      }
    })()`)) as string;
    if (loaded !== 'ok') {
      console.error(
        `bench:local --detect: loading ${d.engine} "${modelId}" failed: ${loaded}\n` +
          'The detection mode needs a machine with a WebGPU-capable GPU and a reachable model ' +
          '(or Chrome 148+ with its built-in model downloaded); it cannot run on the build machines (see docs/benchmarks.md).',
      );
      process.exitCode = 1;
      return;
    }
    const title =
      d.engine === 'test-engine'
        ? 'test engine (a harness check, not a measurement: it answers {"values":[]})'
        : `${d.engine} ${modelId}`;
    console.log(await detectionReport(page, d, title));
  } finally {
    // closing a context leaves its browser running (and this process waiting for it)
    await context.close();
    await browser?.close();
    app.kill();
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (
    !existsSync(path.join(root, 'dist-e2e/index.html')) ||
    !existsSync(path.join(root, 'dist-server/main.js'))
  ) {
    usage('build first: npm run build:e2e');
  }
  if (argv.includes('--detect')) return detectMode(parseDetectArgs(argv));
  const a = parseArgs(argv);
  const app = startApp(a.port, a);
  const directSrv = await directServer(a.port + 1);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
  try {
    await waitForServer(`http://127.0.0.1:${a.port}/api/health`, 20_000);
    // bypassCSP: Playwright's string predicates are evaluated with eval, which the app's CSP forbids.
    const context = await browser.newContext({ bypassCSP: true });
    const ours = await viaHearth(await context.newPage(), a);
    const theirs = await direct(await context.newPage(), a, a.port + 1);
    for (const [label, r] of [
      ['through Hearth', ours],
      ['web-llm direct', theirs],
    ] as const) {
      if ('error' in r) {
        console.error(
          `bench:local: loading "${a.modelId}" from ${a.modelUrl} failed ${label}: ${String((r as { error: unknown }).error)}\n` +
            'This benchmark needs a machine with a WebGPU-capable GPU and access to the model URL; ' +
            'it cannot run where model weights are unreachable (see docs/benchmarks.md).',
        );
        process.exitCode = 1;
      }
    }
    if (process.exitCode === 1) return;
    const row = (label: string, r: Run) =>
      `${label.padEnd(16)} load ${(r.loadMs / 1000).toFixed(1).padStart(6)} s   first token ${median(r.firstTokenMs).toFixed(0).padStart(5)} ms   prefill ${median(r.prefillTps).toFixed(1).padStart(7)} tok/s   decode ${median(r.decodeTps).toFixed(2).padStart(7)} tok/s`;
    console.log(`model ${a.modelId}, ${a.runs} runs (median), max ${a.maxTokens} tokens`);
    console.log(row('through Hearth', ours));
    console.log(row('web-llm direct', theirs));
    const decodeRatio = median(ours.decodeTps) / median(theirs.decodeTps);
    const firstDelta = median(ours.firstTokenMs) - median(theirs.firstTokenMs);
    console.log(
      `overhead: decode ${((1 - decodeRatio) * 100).toFixed(1)}% (target <= 2%), first token ${firstDelta.toFixed(0)} ms (target <= 20 ms); ratio ${decodeRatio.toFixed(3)}`,
    );
  } finally {
    await browser.close();
    directSrv.close();
    app.kill();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:local: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

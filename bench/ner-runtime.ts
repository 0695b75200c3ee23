/**
 * The embedded NER model's speed in Node, by runtime, side by side in one process: the runtime the
 * project uses (onnxruntime-web, WASM, one thread: scripts/lib/ner-node.ts) and, when it happens
 * to be installed, the native onnxruntime-node (CPU, one thread) that the project used before.
 * onnxruntime-node is not a dependency (its install script downloads a GPU build); to compare:
 *   ONNXRUNTIME_NODE_INSTALL=skip npm install --no-save onnxruntime-node && npm run bench:ner
 *
 * Prints, per runtime: model load time (fresh process, so the WASM compile is included), and for
 * one 2 KB message (featurise, infer, decode) the wall-clock p50/p90 and CPU time per call over
 * alternating calls, plus whether the two runtimes found the same entities.
 *
 * Usage: npm run bench:ner [-- --calls 60] [--model path/to/ner.onnx]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHAR_SLOTS } from '../src/core/pii/ner/features';
import { createNerRunner, type NerInferFn } from '../src/core/pii/ner/runner';
import type { NerRunnerFn } from '../src/core/pii/types';
import { DEFAULT_MODEL_PATH, createNodeNer } from '../scripts/lib/ner-node';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const calls = Number(arg('--calls') ?? 60);
const modelPath = arg('--model') ?? DEFAULT_MODEL_PATH;

/** A 2 KB chat message with names, places and organisations, written for this benchmark. */
const TEXT = (
  'Hi Maria, following up on Tuesday: Jürgen Schneider from Siemens in Munich asked whether ' +
  'Dr. Aisha Rahman can join the review with Northwind Traders in Lisbon next month. ' +
  'Please copy Tom Becker and the finance team at Contoso, and book the room in Hamburg. ' +
  'The weather was fine and nothing else happened that day, so the notes are short. '
).repeat(6);
const twoKb = TEXT.slice(0, 2048);

interface Runtime {
  name: string;
  run: NerRunnerFn;
  release(): Promise<void>;
}

/** onnxruntime-node, if installed; imported by a computed name so typecheck does not need it. */
async function nativeRuntime(): Promise<Runtime | null> {
  const pkg = 'onnxruntime-node';
  let ort: {
    InferenceSession: {
      create(
        p: string,
        o: object,
      ): Promise<{
        run(f: object): Promise<Record<string, { data: unknown }>>;
        release(): Promise<void>;
      }>;
    };
    Tensor: new (t: string, d: BigInt64Array, dims: number[]) => object;
  };
  try {
    ort = (await import(pkg)) as typeof ort;
  } catch {
    return null;
  }
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  // the current model's three inputs, as the project's old Node runner fed them
  const infer: NerInferFn = async (x) => {
    const res = await session.run({
      words: new ort.Tensor('int64', x.words, [1, x.length]),
      chars: new ort.Tensor('int64', x.chars, [1, x.length, CHAR_SLOTS]),
      shapes: new ort.Tensor('int64', x.shapes, [1, x.length]),
    });
    return res.logits?.data as Float32Array;
  };
  return {
    name: 'onnxruntime-node (native, CPU, 1 thread)',
    run: createNerRunner(infer),
    release: () => session.release(),
  };
}

async function webRuntime(): Promise<Runtime> {
  const ner = await createNodeNer(modelPath);
  return { name: 'onnxruntime-web (WASM in Node, 1 thread)', run: ner.run, release: ner.release };
}

/** Load time in a fresh process (compiling the WASM module is part of a CLI's start-up). */
function loadMsInChild(which: 'web' | 'native'): number | null {
  try {
    const out = execFileSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        '--child-load',
        which,
        '--model',
        modelPath,
      ],
      { encoding: 'utf8' },
    );
    const ms = Number(out.trim().split('\n').at(-1));
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};

async function main() {
  const child = arg('--child-load');
  if (child) {
    const t0 = performance.now();
    const rt = child === 'web' ? await webRuntime() : await nativeRuntime();
    if (!rt) process.exit(2);
    await rt.run('Angela Merkel met executives of Siemens in Munich.');
    console.log(String(performance.now() - t0));
    await rt.release();
    return;
  }
  const runtimes = [await webRuntime()];
  const native = await nativeRuntime();
  if (native) runtimes.push(native);
  for (const rt of runtimes) for (let i = 0; i < 5; i++) await rt.run(twoKb); // warm-up
  const wall = runtimes.map(() => [] as number[]);
  const cpu = runtimes.map(() => 0);
  for (let i = 0; i < calls; i++) {
    for (const [k, rt] of runtimes.entries()) {
      const c0 = cpuMs();
      const t0 = performance.now();
      await rt.run(twoKb);
      wall[k]?.push(performance.now() - t0);
      cpu[k] = (cpu[k] ?? 0) + cpuMs() - c0;
    }
  }
  const found = await Promise.all(
    runtimes.map(async (rt) =>
      JSON.stringify((await rt.run(twoKb)).map((e) => [e.type, e.start, e.end])),
    ),
  );
  for (const rt of runtimes) await rt.release();

  const rows = runtimes.map((rt, k) => {
    const load = loadMsInChild(k === 0 ? 'web' : 'native');
    return `| ${rt.name} | ${load === null ? '—' : load.toFixed(0)} | ${q(wall[k] ?? [], 0.5).toFixed(2)} | ${q(wall[k] ?? [], 0.9).toFixed(2)} | ${((cpu[k] ?? 0) / calls).toFixed(2)} |`;
  });
  const cpuName =
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ??
    os.cpus()[0]?.model ??
    '?';
  console.log(
    [
      `NER model ${path.relative(process.cwd(), modelPath)}, one 2 KB message, ${calls} alternating calls after 5 warm-up calls`,
      '',
      '| runtime | load + first call, fresh process (ms) | p50 (ms) | p90 (ms) | CPU per call (ms) |',
      '|---|---:|---:|---:|---:|',
      ...rows,
      '',
      native
        ? `Same entities from both runtimes: ${found[0] === found[1] ? 'yes' : 'NO'}`
        : 'onnxruntime-node is not installed: native row not measured (see the header of bench/ner-runtime.ts).',
      `Measured ${new Date().toISOString()} on ${cpuName}, ${os.cpus().length} cores, Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}.`,
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

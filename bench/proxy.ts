/**
 * `npm run bench:proxy`: the same load against the stub upstream directly and through the proxy,
 * in one run, for non-streaming 1 KB requests and for streaming ones. Reports RPS and the latency
 * the proxy adds (p50/p99), as absolute figures and ratios.
 *
 * Three processes on loopback: this one (the load generator, bench/lib/open-loop.ts), the stub
 * upstream and the proxy (the real Node server as production wires it: undici upstream client,
 * body check and re-scan in worker threads with src/core's detector, in-memory rate limiter with
 * a limit that never triggers,
 * one JSON log line per request through the production batched sink into /dev/null, metrics).
 * Each load runs against the stub directly, then through the proxy, with the same generator:
 * - `@N/s`: open loop, requests evenly spaced at N per second, latency from each request's
 *   intended send time (so neither bursts nor a slow answer can hide queueing);
 * - `max`: closed loop with a few connections (the throughput ceiling).
 * Then two variants next to the default at one JSON rate each: the re-scan inline on the event loop
 * (before issue 15) and RESCAN_MODEL=1.
 *
 * Then the flood (issue 15): `/api/health` latency, open loop at 50/s, on an idle proxy and while
 * clients send maximum-size worst-case bodies (1 MiB of `a.com `, `Mr. Abc `, digits: the
 * security review's reproductions) in a loop, bounded by time. Side by side in the same run: the
 * proxy as production wires it (re-scan in worker threads with a time budget and a cap) and the
 * re-scan inline on the event loop (what it was before).
 *
 * Options: --duration S (seconds per measured run, default 8), --rate N (latency runs, default
 * 500), --sustain N (the throughput target run, default 2000), --connections N (closed loop,
 * default 8), --only TEXT (run only the loads whose name contains TEXT, e.g. 'json @500' or
 * 'flood'), --flood-seconds S (default 10), --flood-connections N (default 4), --stub-port /
 * --proxy-port (default: any free port; the other proxies take the next ones), --model-rate N
 * (the RESCAN_MODEL=1 run, default 100), --json FILE (also write the results).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../server/config';
import { detector } from '../server/detector';
import { batchedLogger } from '../server/log-sink';
import { startNodeServer } from '../server/node';
import { rescan } from '../server/rescan';
import { startStubUpstream } from '../testing/stub-upstream';
import { rescanWorkerScript } from '../testing/rescan-worker-bundle';
import { runLoad } from './lib/open-loop';
import type { LoadStats } from './lib/open-loop';

const here = fileURLToPath(import.meta.url);
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

// ---- child processes ------------------------------------------------------------------------

async function child(kind: string): Promise<void> {
  if (kind === 'stub') {
    const stub = await startStubUpstream({ record: false, port: Number(arg('port') ?? 0) });
    console.log(JSON.stringify({ url: stub.url, baseUrl: stub.baseUrl }));
  } else {
    const config = readConfig(
      {
        PORT: arg('port') ?? '0',
        CLOUD_BASE_URL: arg('upstream'),
        CLOUD_API_KEY: 'sk-bench-not-a-real-key',
        CLOUD_MODEL: 'bench-model',
        RATE_LIMIT_RPM: '1000000',
        // --model on: the re-scan also runs the NER model the app ships (public/models/ner).
        ...(arg('model') ? { RESCAN_MODEL: '1' } : {}),
        // The pool's settings can be tried from the environment (RESCAN_WORKERS=1 npm run ...).
        RESCAN_WORKERS: process.env.RESCAN_WORKERS,
        RESCAN_BUDGET_MS: process.env.RESCAN_BUDGET_MS,
      },
      { version: 'bench', staticRoot: arg('model') ? 'public' : 'dist' },
    );
    const canned = JSON.stringify({
      id: 'chatcmpl-canned',
      object: 'chat.completion',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Canned.' }, finish_reason: 'stop' },
      ],
    });
    // The re-scan as production runs it (worker threads), unless --rescan inline.
    const inline = arg('rescan') === 'inline' || process.env.BENCH_NO_DETECTOR;
    const server = await startNodeServer({
      config,
      detector: process.env.BENCH_NO_DETECTOR ? () => [] : detector,
      ...(inline ? {} : { rescanWorker: rescanWorkerScript() }),
      // Diagnostics: take the upstream socket out of the picture.
      ...(process.env.BENCH_FAKE_UPSTREAM
        ? {
            fetch: () =>
              Promise.resolve(
                new Response(canned, { headers: { 'Content-Type': 'application/json' } }),
              ),
          }
        : {}),
      // The production sink (batched JSON lines), pointed at /dev/null.
      logger: process.env.BENCH_NO_LOG ? () => {} : batchedLogger(openSync('/dev/null', 'w')).log,
      ...(process.env.BENCH_NO_LIMIT
        ? { rateLimiter: { take: () => Promise.resolve({ allowed: true, retryAfterMs: 0 }) } }
        : {}),
    });
    console.log(JSON.stringify({ url: server.url }));
  }
  process.on('SIGTERM', () => process.exit(0));
}

function startChild(
  args: string[],
): Promise<{ proc: ChildProcess; url: string; baseUrl?: string }> {
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...flags, '--import', 'tsx', here, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    // A proxy with RESCAN_MODEL loads and warms the model in every worker first.
    const timer = setTimeout(
      () => reject(new Error(`child ${args.join(' ')} did not start`)),
      90_000,
    );
    let buf = '';
    proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n') && line) {
        clearTimeout(timer);
        resolve({ proc, ...(JSON.parse(line) as { url: string; baseUrl?: string }) });
      }
    });
    proc.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

// ---- load -----------------------------------------------------------------------------------

const PROMPT =
  'Explain how a token-bucket rate limiter works, why it suits an API gateway, and how to share ' +
  'its state between several instances without race conditions. Compare it with a fixed window ' +
  'and a sliding log, and mention what happens at bursts. ';
function body(stream: boolean): string {
  let text = PROMPT;
  const b = (t: string): string =>
    JSON.stringify({ messages: [{ role: 'user', content: t }], temperature: 0.3, stream });
  while (b(text).length < 1024) text += PROMPT;
  while (b(text).length > 1024) text = text.slice(0, -1);
  return b(text);
}

interface Run extends LoadStats {
  /** CPU time (user + system) the measured server process spent per request, in ms. */
  serverCpuMsPerReq: number;
  /** Write syscalls of the measured server process per request. */
  writesPerReq: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** utime + stime of a process in ms, from /proc (clock ticks are 100 Hz on Linux). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Write syscalls of a process so far (from /proc/<pid>/io). */
function writeCalls(pid: number | undefined): number {
  if (pid === undefined) return 0;
  return Number(/syscw: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
}

async function load(
  url: string,
  stream: boolean,
  seconds: number,
  rate: number | undefined,
  pid?: number,
): Promise<Run> {
  const { hostname, port } = new URL(url);
  const cpuBefore = cpuMs(pid);
  const writesBefore = writeCalls(pid);
  const stats = await runLoad({
    host: hostname,
    port: Number(port),
    path: '/api/v1/chat/completions',
    headers: { 'Content-Type': 'application/json' },
    body: body(stream),
    rate,
    connections: rate ? 4 : Number(arg('connections') ?? 8),
    durationMs: seconds * 1000,
  });
  const n = Math.max(1, stats.ok + stats.failures);
  return {
    ...stats,
    serverCpuMsPerReq: (cpuMs(pid) - cpuBefore) / n,
    writesPerReq: (writeCalls(pid) - writesBefore) / n,
  };
}

// ---- main -----------------------------------------------------------------------------------

/**
 * The proxy's own cost, without the scheduler: stub, proxy and a keep-alive node:http client in
 * this one process, requests one after another. Median wall time and mean CPU time per request,
 * direct vs through the proxy; the difference is what the proxy hop costs (loopback included).
 */
async function inProcess(
  reps: number,
): Promise<Record<'json' | 'stream' | 'model' | 'pool', { wallUs: number; cpuUs: number }>> {
  const stub = await startStubUpstream({ record: false });
  const config = readConfig(
    {
      PORT: '0',
      CLOUD_BASE_URL: `${stub.url}/api/v1`,
      CLOUD_API_KEY: 'sk-bench-not-a-real-key',
      CLOUD_MODEL: 'bench-model',
      RATE_LIMIT_RPM: '1000000',
    },
    { version: 'bench', staticRoot: 'dist' },
  );
  const server = await startNodeServer({
    config,
    detector,
    rescanWorker: rescanWorkerScript(),
    logger: batchedLogger(openSync('/dev/null', 'w')).log,
  });
  // The same proxy with the re-scan inline on the event loop (as before issue 15), for what the
  // hand-off to a worker thread costs.
  const inline = await startNodeServer({
    config,
    detector,
    logger: batchedLogger(openSync('/dev/null', 'w')).log,
  });
  // The same proxy with RESCAN_MODEL=1 (the NER model in the re-scan workers), for its cost.
  const withModel = await startNodeServer({
    config: readConfig(
      {
        PORT: '0',
        CLOUD_BASE_URL: `${stub.url}/api/v1`,
        CLOUD_API_KEY: 'sk-bench-not-a-real-key',
        CLOUD_MODEL: 'bench-model',
        RATE_LIMIT_RPM: '1000000',
        RESCAN_MODEL: '1',
      },
      { version: 'bench', staticRoot: 'public' },
    ),
    detector,
    rescanWorker: rescanWorkerScript(),
    logger: batchedLogger(openSync('/dev/null', 'w')).log,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const one = (base: string, payload: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        `${base}/api/v1/chat/completions`,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const measure = async (
    base: string,
    payload: string,
  ): Promise<{ wallUs: number; cpuUs: number }> => {
    for (let i = 0; i < 200; i++) await one(base, payload);
    const cpu = process.cpuUsage();
    const lat: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      await one(base, payload);
      lat.push(performance.now() - t0);
    }
    const used = process.cpuUsage(cpu);
    lat.sort((a, b) => a - b);
    return { wallUs: percentile(lat, 50) * 1000, cpuUs: (used.user + used.system) / reps };
  };
  const out = {} as Record<'json' | 'stream' | 'model' | 'pool', { wallUs: number; cpuUs: number }>;
  for (const kind of ['json', 'stream'] as const) {
    const payload = body(kind === 'stream');
    // Alternate and keep the best of three: the machine may be shared.
    let best = { wallUs: Infinity, cpuUs: Infinity };
    for (let round = 0; round < 3; round++) {
      const direct = await measure(stub.url, payload);
      const proxied = await measure(server.url, payload);
      const added = { wallUs: proxied.wallUs - direct.wallUs, cpuUs: proxied.cpuUs - direct.cpuUs };
      if (added.wallUs < best.wallUs) best = added;
    }
    out[kind] = best;
  }
  // What the worker pool (vs inline) and RESCAN_MODEL=1 (vs without) add to a JSON request.
  for (const [key, base, other] of [
    ['pool', inline.url, server.url],
    ['model', server.url, withModel.url],
  ] as const) {
    let best = { wallUs: Infinity, cpuUs: Infinity };
    for (let round = 0; round < 3; round++) {
      const without = await measure(base, body(false));
      const withIt = await measure(other, body(false));
      const added = { wallUs: withIt.wallUs - without.wallUs, cpuUs: withIt.cpuUs - without.cpuUs };
      if (added.wallUs < best.wallUs) best = added;
    }
    out[key] = best;
  }
  agent.destroy();
  await server.close();
  await inline.close();
  await withModel.close();
  await stub.close();
  return out;
}

// ---- flood ----------------------------------------------------------------------------------

const MAX_BODY_BYTES = 1_048_576;

/** The security review's worst cases, each as large as the proxy accepts. */
function worstCaseBodies(): string[] {
  return ['a.com ', 'Mr. Abc ', '1'].map((unit) => {
    const wrap = (t: string): string =>
      JSON.stringify({ messages: [{ role: 'user', content: t }] });
    const room = MAX_BODY_BYTES - wrap('').length;
    return wrap(unit.repeat(Math.floor(room / unit.length)));
  });
}

/** POSTs `body` on a new connection; resolves with 'ok' or the error code of the answer. */
function postOnce(url: string, body: string): Promise<string> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: string): void => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const req = http.request(
      `${url}/api/v1/chat/completions`,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          if (res.statusCode === 200) return done('ok');
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString()) as {
              error?: { code?: string };
            };
            done(json.error?.code ?? String(res.statusCode));
          } catch {
            done(String(res.statusCode));
          }
        });
        res.on('error', () => done('socket_error'));
      },
    );
    // A refusal can come before the whole body is written; the socket then closes under it.
    req.on('error', () => done('socket_error'));
    req.end(body);
  });
}

interface FloodResult {
  idle: LoadStats;
  flood: LoadStats;
  /** Flood requests by outcome ('ok' or the error code). */
  outcomes: Record<string, number>;
  /** Flood requests answered per second. */
  floodRps: number;
}

/** Health latency on an idle proxy, then under `connections` looping worst-case senders. */
async function floodRun(url: string, seconds: number, connections: number): Promise<FloodResult> {
  const { hostname, port } = new URL(url);
  const health = (ms: number): Promise<LoadStats> =>
    runLoad({
      host: hostname,
      port: Number(port),
      path: '/api/health',
      method: 'GET',
      rate: 50,
      connections: 2,
      durationMs: ms,
    });
  await health(2_000); // warm-up
  const idle = await health(seconds * 1000);
  const bodies = worstCaseBodies();
  const outcomes: Record<string, number> = {};
  let stop = false;
  let sent = 0;
  const senders = Array.from({ length: connections }, async (_, c) => {
    for (let i = c; !stop; i++) {
      const outcome = await postOnce(url, bodies[i % bodies.length] ?? '');
      sent++;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  });
  // Let the flood reach the proxy before measuring.
  await new Promise((r) => setTimeout(r, 1_000));
  const startSent = sent;
  const flood = await health(seconds * 1000);
  const floodRps = (sent - startSent) / seconds;
  stop = true;
  await Promise.all(senders);
  return { idle, flood, outcomes, floodRps };
}

async function main(): Promise<void> {
  const seconds = Number(arg('duration') ?? 8);
  const rate = Number(arg('rate') ?? 500);
  const sustain = Number(arg('sustain') ?? 2000);
  const loadavg = (): string =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average at start: ${loadavg()}`);
  const hop = await inProcess(Number(arg('reps') ?? 2000));
  console.log(
    `in-process, sequential: the proxy hop adds ${hop.json.wallUs.toFixed(0)} us (median wall) / ${hop.json.cpuUs.toFixed(0)} us CPU per JSON request, ` +
      `${hop.stream.wallUs.toFixed(0)} us / ${hop.stream.cpuUs.toFixed(0)} us per streamed request; ` +
      `the re-scan in a worker instead of inline adds ${hop.pool.wallUs.toFixed(0)} us / ${hop.pool.cpuUs.toFixed(0)} us CPU; ` +
      `RESCAN_MODEL=1 adds ${hop.model.wallUs.toFixed(0)} us (median wall) / ${hop.model.cpuUs.toFixed(0)} us CPU per JSON request`,
  );
  const port = (name: string): string[] => {
    const value = arg(name);
    return value ? ['--port', value] : [];
  };
  const stub = await startChild(['--child', 'stub', ...port('stub-port')]);
  // The stub serves any path ending in /chat/completions; the proxy's API path is
  // /api/v1/chat/completions. Point the proxy at the stub's /api/v1 so that the direct runs and
  // the proxied runs send the very same request line.
  const proxy = await startChild([
    '--child',
    'proxy',
    '--upstream',
    `${stub.url}/api/v1`,
    ...port('proxy-port'),
  ]);
  const children = [stub.proc, proxy.proc];
  const cleanup = (): void => children.forEach((p) => p.kill('SIGTERM'));
  process.on('exit', cleanup);

  // Re-scan cost on its own, in this process.
  const text =
    (JSON.parse(body(false)) as { messages: { content: string }[] }).messages[0]?.content ?? '';
  const reps = 2_000;
  const t = performance.now();
  for (let i = 0; i < reps; i++) rescan([text], detector, undefined);
  const rescanUs = ((performance.now() - t) / reps) * 1000;

  // Warm both servers once (JIT tiers, keep-alive pools) before any measured load: with only the
  // per-load warm-up, the first load sometimes measured V8 still optimising the proxy.
  for (const stream of [false, true]) {
    await load(stub.url, stream, 3, undefined);
    await load(proxy.url, stream, 3, undefined);
  }

  const results: Record<string, { direct: Run; proxy: Run; loadavg: string }> = {};
  const basePort = arg('proxy-port');
  const record = (name: string, direct: Run, viaProxy: Run): void => {
    results[name] = { direct, proxy: viaProxy, loadavg: loadavg() };
    const f = (n: number): string => n.toFixed(3);
    const d = direct.latency;
    const p = viaProxy.latency;
    console.log(
      `${name.padEnd(16)} direct ${direct.rps.toFixed(0)} rps p50 ${f(d.p50)} p99 ${f(d.p99)} ms | ` +
        `proxy ${viaProxy.rps.toFixed(0)} rps p50 ${f(p.p50)} p99 ${f(p.p99)} ms | ` +
        `added p50 ${f(p.p50 - d.p50)} p99 ${f(p.p99 - d.p99)} ms ` +
        `(from the write: ${f(viaProxy.service.p50 - direct.service.p50)} / ${f(viaProxy.service.p99 - direct.service.p99)}) | ` +
        `rps ratio ${(viaProxy.rps / direct.rps).toFixed(2)} | ` +
        `cpu/req stub ${f(direct.serverCpuMsPerReq)} proxy ${f(viaProxy.serverCpuMsPerReq)} generator ${f(viaProxy.cpuMsPerReq)} ms | ` +
        `writes/req ${direct.writesPerReq.toFixed(1)} / ${viaProxy.writesPerReq.toFixed(1)} | ` +
        `send lag p50 ${f(viaProxy.sendLag.p50)} ms | sockets ${direct.sockets}/${viaProxy.sockets} | ` +
        `failures ${direct.failures}/${viaProxy.failures} | load ${loadavg()}`,
    );
  };
  for (const stream of [false, true]) {
    for (const target of [rate, sustain, undefined]) {
      const name = `${stream ? 'stream' : 'json'} ${target ? `@${target}/s` : 'max'}`;
      const only = arg('only');
      if (only && !name.includes(only)) continue;
      // Warm both (JIT, keep-alive pools), then measure direct and through the proxy.
      await load(stub.url, stream, 2, target);
      await load(proxy.url, stream, 2, target);
      const direct = await load(stub.url, stream, seconds, target, stub.proc.pid);
      const viaProxy = await load(proxy.url, stream, seconds, target, proxy.proc.pid);
      record(name, direct, viaProxy);
    }
  }

  // Variants of the proxy side by side with the default, one JSON load each: the re-scan inline
  // on the event loop (as before issue 15) at the latency rate, and RESCAN_MODEL=1 at a rate the
  // model can keep up with.
  const modelRate = Number(arg('model-rate') ?? 100);
  const variants = [
    { name: 'inline', args: ['--rescan', 'inline'], rate, port: 4 },
    { name: 'model', args: ['--model', 'on'], rate: modelRate, port: 3 },
  ];
  for (const v of variants) {
    const only = arg('only');
    const name = `json @${v.rate}/s ${v.name}`;
    if (only && !name.includes(only)) continue;
    const other = await startChild([
      '--child',
      'proxy',
      '--upstream',
      `${stub.url}/api/v1`,
      ...v.args,
      ...(basePort ? ['--port', String(Number(basePort) + v.port)] : []),
    ]);
    children.push(other.proc);
    await load(other.url, false, 2, v.rate);
    await load(proxy.url, false, 2, v.rate);
    const direct = await load(stub.url, false, seconds, v.rate, stub.proc.pid);
    const viaDefault = await load(proxy.url, false, seconds, v.rate, proxy.proc.pid);
    const viaOther = await load(other.url, false, seconds, v.rate, other.proc.pid);
    record(`json @${v.rate}/s pool`, direct, viaDefault);
    record(name, direct, viaOther);
    other.proc.kill('SIGTERM');
  }

  proxy.proc.kill('SIGTERM');

  // The flood: the production proxy (worker pool) and the re-scan inline, one after the other.
  const floods: Record<string, FloodResult> = {};
  const floodSeconds = Number(arg('flood-seconds') ?? 10);
  const floodConnections = Number(arg('flood-connections') ?? 4);
  for (const [i, variant] of (['pool', 'inline'] as const).entries()) {
    const name = `flood ${variant}`;
    const only = arg('only');
    if (only && !name.includes(only)) continue;
    const floodProxy = await startChild([
      '--child',
      'proxy',
      '--upstream',
      `${stub.url}/api/v1`,
      '--rescan',
      variant,
      ...(basePort ? ['--port', String(Number(basePort) + 1 + i)] : []),
    ]);
    children.push(floodProxy.proc);
    const r = await floodRun(floodProxy.url, floodSeconds, floodConnections);
    floodProxy.proc.kill('SIGTERM');
    floods[name] = r;
    const f = (n: number): string => n.toFixed(1);
    console.log(
      `${name.padEnd(14)} health idle p50 ${f(r.idle.latency.p50)} p99 ${f(r.idle.latency.p99)} max ${f(r.idle.latency.max)} ms | ` +
        `under flood p50 ${f(r.flood.latency.p50)} p99 ${f(r.flood.latency.p99)} max ${f(r.flood.latency.max)} ms ` +
        `(${r.flood.ok} ok, ${r.flood.failures} failed) | flood ${f(r.floodRps)} req/s: ${JSON.stringify(r.outcomes)} | load ${loadavg()}`,
    );
  }
  stub.proc.kill('SIGTERM');

  const cpu =
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  const machine = `${os.availableParallelism()} cores (nproc), ${cpu}, Node ${process.version}`;
  console.log(
    `\nmachine: ${machine}; date: ${new Date().toISOString()}; load average ${loadavg()}`,
  );
  console.log(`re-scan of the 1 KB prompt alone: ${rescanUs.toFixed(1)} us`);
  console.log(
    '\n| load | direct RPS | proxy RPS | ratio | direct p50 / p99 (ms) | proxy p50 / p99 (ms) | added p50 / p99 (ms) | p50 ratio | CPU/req stub / proxy (ms) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, { direct, proxy: viaProxy }] of Object.entries(results)) {
    const f = (n: number): string => n.toFixed(2);
    const d = direct.latency;
    const p = viaProxy.latency;
    console.log(
      `| ${name} | ${direct.rps.toFixed(0)} | ${viaProxy.rps.toFixed(0)} | ${(viaProxy.rps / direct.rps).toFixed(2)} | ` +
        `${f(d.p50)} / ${f(d.p99)} | ${f(p.p50)} / ${f(p.p99)} | ` +
        `${f(p.p50 - d.p50)} / ${f(p.p99 - d.p99)} | ${(p.p50 / d.p50).toFixed(2)} | ` +
        `${direct.serverCpuMsPerReq.toFixed(3)} / ${viaProxy.serverCpuMsPerReq.toFixed(3)} |`,
    );
  }
  if (Object.keys(floods).length > 0) {
    console.log(
      `\n/api/health at 50/s, idle and under ${floodConnections} connections sending 1 MiB worst-case bodies in a loop:`,
    );
    console.log(
      '\n| re-scan | health idle p50 / p99 (ms) | health under flood p50 / p99 / max (ms) | flood answers/s | flood outcomes |',
    );
    console.log('|---|---|---|---|---|');
    for (const [name, r] of Object.entries(floods)) {
      const f = (n: number): string => n.toFixed(1);
      console.log(
        `| ${name.replace('flood ', '')} | ${f(r.idle.latency.p50)} / ${f(r.idle.latency.p99)} | ` +
          `${f(r.flood.latency.p50)} / ${f(r.flood.latency.p99)} / ${f(r.flood.latency.max)} | ${f(r.floodRps)} | ` +
          `${Object.entries(r.outcomes)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')} |`,
      );
    }
  }
  const out = arg('json');
  if (out)
    writeFileSync(
      out,
      JSON.stringify(
        { machine, date: new Date().toISOString(), rescanUs, hop, results, floods },
        null,
        2,
      ),
    );
  process.exit(0);
}

const kind = arg('child');
if (kind) void child(kind);
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });

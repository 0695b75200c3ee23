/**
 * `npm run bench:proxy`: the same load against the stub upstream directly and through the proxy,
 * in one run, for non-streaming 1 KB requests and for streaming ones. Reports RPS and the latency
 * the proxy adds (p50/p99), as absolute figures and ratios.
 *
 * Three processes on loopback: this one (the load generator, bench/lib/open-loop.ts), the stub
 * upstream and the proxy (the real Node server as production wires it: undici upstream client,
 * re-scan on with src/core's detector, in-memory rate limiter with a limit that never triggers,
 * one JSON log line per request through the production batched sink into /dev/null, metrics).
 * Each load runs against the stub directly, then through the proxy, with the same generator:
 * - `@N/s`: open loop, requests evenly spaced at N per second, latency from each request's
 *   intended send time (so neither bursts nor a slow answer can hide queueing);
 * - `max`: closed loop with a few connections (the throughput ceiling).
 *
 * Options: --duration S (seconds per measured run, default 8), --rate N (latency runs, default
 * 500), --sustain N (the throughput target run, default 2000), --connections N (closed loop,
 * default 8), --only TEXT (run only the loads whose name contains TEXT, e.g. 'json @500'),
 * --stub-port / --proxy-port (default: any free port), --json FILE (also write the results).
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
      },
      { version: 'bench', staticRoot: 'dist' },
    );
    const canned = JSON.stringify({
      id: 'chatcmpl-canned',
      object: 'chat.completion',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Canned.' }, finish_reason: 'stop' },
      ],
    });
    const server = await startNodeServer({
      config,
      detector: process.env.BENCH_NO_DETECTOR ? () => [] : detector,
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
    const timer = setTimeout(
      () => reject(new Error(`child ${args.join(' ')} did not start`)),
      15_000,
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
): Promise<Record<'json' | 'stream', { wallUs: number; cpuUs: number }>> {
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
  const out = {} as Record<'json' | 'stream', { wallUs: number; cpuUs: number }>;
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
  agent.destroy();
  await server.close();
  await stub.close();
  return out;
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
      `${hop.stream.wallUs.toFixed(0)} us / ${hop.stream.cpuUs.toFixed(0)} us per streamed request`,
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
    }
  }
  cleanup();

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
  const out = arg('json');
  if (out)
    writeFileSync(
      out,
      JSON.stringify({ machine, date: new Date().toISOString(), rescanUs, hop, results }, null, 2),
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

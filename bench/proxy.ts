/**
 * `npm run bench:proxy`: the same load against the stub upstream directly and through the proxy,
 * in one run, for non-streaming 1 KB requests and for streaming ones. Reports RPS and the latency
 * the proxy adds (p50/p99), as absolute figures and ratios.
 *
 * Three processes on loopback: this one (autocannon, the load), the stub upstream and the proxy
 * (the real Node server with the re-scan on, the in-memory rate limiter and a JSON log line per
 * request written to /dev/null). Each run is bounded in time. Latencies come from autocannon's
 * per-response hrtime (sub-millisecond), not its whole-millisecond histogram.
 *
 * Options: --duration S (seconds per measured run, default 8), --rate N (fixed-rate runs, default
 * 500), --only TEXT (run only the loads whose name contains TEXT, e.g. 'json max'), --json FILE
 * (also write the results as JSON).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../server/config';
import { detector } from '../server/detector';
import { batchedLogger } from '../server/log-sink';
import { startNodeServer } from '../server/node';
import { rescan } from '../server/rescan';
import { startStubUpstream } from '../testing/stub-upstream';

interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonInstance {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
type Autocannon = (
  opts: Record<string, unknown>,
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const here = fileURLToPath(import.meta.url);
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

// ---- child processes ------------------------------------------------------------------------

async function child(kind: string): Promise<void> {
  if (kind === 'stub') {
    const stub = await startStubUpstream({ record: false });
    console.log(JSON.stringify({ url: stub.url, baseUrl: stub.baseUrl }));
  } else {
    const config = readConfig(
      {
        PORT: '0',
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

interface Run {
  /** CPU time (user + system) the measured server process spent per request, in ms. */
  cpuMsPerReq: number;
  /** Write syscalls of the measured server process per request. */
  writesPerReq: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  total: number;
  failures: number;
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

function load(
  url: string,
  stream: boolean,
  seconds: number,
  rate: number | undefined,
  pid?: number,
): Promise<Run> {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(pid);
  const writesBefore = writeCalls(pid);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/api/v1/chat/completions`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(stream),
        connections: rate ? 16 : 32,
        duration: seconds,
        ...(rate ? { overallRate: rate } : {}),
      },
      (err, result) => {
        if (err) return reject(err);
        latencies.sort((a, b) => a - b);
        resolve({
          cpuMsPerReq: (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total),
          writesPerReq: (writeCalls(pid) - writesBefore) / Math.max(1, result.requests.total),
          rps: result.requests.total / result.duration,
          p50: percentile(latencies, 50),
          p90: percentile(latencies, 90),
          p99: percentile(latencies, 99),
          total: result.requests.total,
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_c, status, _b, ms) => {
      if (status === 200) latencies.push(ms);
    });
  });
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
  const hop = await inProcess(Number(arg('reps') ?? 2000));
  console.log(
    `in-process, sequential: the proxy hop adds ${hop.json.wallUs.toFixed(0)} us (median wall) / ${hop.json.cpuUs.toFixed(0)} us CPU per JSON request, ` +
      `${hop.stream.wallUs.toFixed(0)} us / ${hop.stream.cpuUs.toFixed(0)} us per streamed request`,
  );
  const stub = await startChild(['--child', 'stub']);
  // The stub serves /v1/chat/completions; the proxy's API path prefix is /api/v1. Point the
  // direct runs at an equivalent stub path so both see the same URL shape.
  const proxy = await startChild(['--child', 'proxy', '--upstream', `${stub.url}/api/v1`]);
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

  const results: Record<string, { direct: Run; proxy: Run }> = {};
  for (const stream of [false, true]) {
    for (const fixed of [true, false]) {
      const name = `${stream ? 'stream' : 'json'} ${fixed ? `@${rate}/s` : 'max'}`;
      const only = arg('only');
      if (only && !name.includes(only)) continue;
      // Warm both (JIT, keep-alive pools), then measure direct and through the proxy.
      await load(stub.url, stream, 2, fixed ? rate : undefined);
      await load(proxy.url, stream, 2, fixed ? rate : undefined);
      const direct = await load(stub.url, stream, seconds, fixed ? rate : undefined, stub.proc.pid);
      const viaProxy = await load(
        proxy.url,
        stream,
        seconds,
        fixed ? rate : undefined,
        proxy.proc.pid,
      );
      results[name] = { direct, proxy: viaProxy };
      const f = (n: number): string => n.toFixed(3);
      console.log(
        `${name.padEnd(16)} direct ${direct.rps.toFixed(0)} rps p50 ${f(direct.p50)} p99 ${f(direct.p99)} ms | ` +
          `proxy ${viaProxy.rps.toFixed(0)} rps p50 ${f(viaProxy.p50)} p99 ${f(viaProxy.p99)} ms | ` +
          `added p50 ${f(viaProxy.p50 - direct.p50)} p99 ${f(viaProxy.p99 - direct.p99)} ms | ` +
          `rps ratio ${(viaProxy.rps / direct.rps).toFixed(2)} | cpu/req stub ${f(direct.cpuMsPerReq)} proxy ${f(viaProxy.cpuMsPerReq)} ms | ` +
          `writes/req ${direct.writesPerReq.toFixed(1)} / ${viaProxy.writesPerReq.toFixed(1)} | ` +
          `failures ${direct.failures}/${viaProxy.failures}`,
      );
    }
  }
  cleanup();

  const cpu =
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  const machine = `${os.availableParallelism()} cores (nproc), ${cpu}, Node ${process.version}`;
  console.log(`\nmachine: ${machine}; date: ${new Date().toISOString()}`);
  console.log(`re-scan of the 1 KB prompt alone: ${rescanUs.toFixed(1)} us`);
  console.log(
    '\n| load | direct RPS | proxy RPS | ratio | direct p50 / p99 (ms) | proxy p50 / p99 (ms) | added p50 / p99 (ms) | p50 ratio |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, { direct, proxy: p }] of Object.entries(results)) {
    const f = (n: number): string => n.toFixed(2);
    console.log(
      `| ${name} | ${direct.rps.toFixed(0)} | ${p.rps.toFixed(0)} | ${(p.rps / direct.rps).toFixed(2)} | ` +
        `${f(direct.p50)} / ${f(direct.p99)} | ${f(p.p50)} / ${f(p.p99)} | ` +
        `${f(p.p50 - direct.p50)} / ${f(p.p99 - direct.p99)} | ${(p.p50 / direct.p50).toFixed(2)} |`,
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

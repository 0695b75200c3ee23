/** Integration-test harness: the real Node server on 127.0.0.1:0 in front of the stub upstream. */
import { afterAll } from 'vitest';
import { readConfig } from '../config';
import { startNodeServer } from '../node';
import type { RunningServer } from '../node';
import type { RequestLogLine } from '../proxy';
import type { Detector } from '../rescan';
import type { RequestChecker } from '../request-check';
import type { RateLimiter } from '../rate-limit';
import { startStubUpstream } from '../../testing/stub-upstream';
import type { StubUpstream } from '../../testing/stub-upstream';
import { detector as realDetector } from '../detector';
import { rescanWorkerScript } from '../../testing/rescan-worker-bundle';
import { RescanPool } from '../rescan-pool';

export const API_KEY = 'sk-test-SECRET-0123456789abcdef';
export const PRIVATE_KEY = 'sk-private-SECRET-fedcba9876543210';

export interface Proxy extends RunningServer {
  logs: RequestLogLine[];
  /** Every log line as the text a log sink would write. */
  logText(): string;
}

const toClose: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(toClose.splice(0).map((s) => s.close()));
});

export async function stub(): Promise<StubUpstream> {
  const s = await startStubUpstream();
  toClose.push(s);
  return s;
}

let sharedPool: RescanPool | undefined;

/**
 * One pool of re-scan workers for every proxy of a test file, as production has one per process
 * (a pool per proxy would keep dozens of worker threads alive at once).
 */
async function sharedChecker(): Promise<RescanPool> {
  if (!sharedPool) {
    const p = new RescanPool({ script: rescanWorkerScript(), size: 2, budgetMs: 30_000 });
    sharedPool = p;
    toClose.push({ close: () => p.close() });
  }
  await sharedPool.ready();
  return sharedPool;
}

export async function proxy(
  upstream: StubUpstream | undefined,
  env: Record<string, string> = {},
  extra: {
    detector?: Detector;
    checker?: RequestChecker;
    rateLimiter?: RateLimiter;
    fetch?: typeof fetch;
  } = {},
): Promise<Proxy> {
  const config = readConfig(
    {
      PORT: '0',
      ...(upstream
        ? {
            CLOUD_BASE_URL: upstream.baseUrl,
            CLOUD_API_KEY: API_KEY,
            CLOUD_MODEL: 'frontier-model',
          }
        : {}),
      ...env,
    },
    { version: '1.2.3', staticRoot: 'dist' },
  );
  const logs: RequestLogLine[] = [];
  const server = await startNodeServer({
    config,
    // Always listen on loopback, whatever HOST the test configures.
    hostname: '127.0.0.1',
    // The production re-scan (worker threads, src/core's detector) unless a test brings its own
    // detector, which then runs inline.
    ...(extra.checker
      ? { checker: extra.checker }
      : 'detector' in extra
        ? { detector: extra.detector }
        : { detector: realDetector, checker: await sharedChecker() }),
    rateLimiter: extra.rateLimiter,
    fetch: extra.fetch,
    logger: (line) => logs.push(line),
  });
  toClose.push(server);
  return { ...server, logs, logText: () => logs.map((l) => JSON.stringify(l)).join('\n') };
}

export function chatBody(content: string, more: Record<string, unknown> = {}): string {
  return JSON.stringify({ messages: [{ role: 'user', content }], ...more });
}

export function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${url}/api/v1/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    ...init,
  });
}

/** Polls until `check` holds; the bound only stops a hung test (a busy machine is slow, not wrong). */
export async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

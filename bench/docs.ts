/**
 * `npm run bench:docs`: attached documents in Chromium, with the e2e build served by the
 * production server, the stub upstream as its cloud tier and the test engine as the local model.
 * Run `npm run build:e2e` first (this script builds nothing).
 *
 * For a generated 100-page PDF report with personal values planted on known pages
 * (testing/doc-fixtures.ts), it prints:
 *  1. extraction time: pdf.js reading the text layer in the documents worker (`extractMs`), and
 *     chunking + BM25 indexing (`indexMs`), as the worker reports them; plus the wall time from
 *     choosing the file to the findings on screen;
 *  2. detection throughput: the analysis worker's whole-document detection (patterns, NER model,
 *     categories, table columns) in MB/s of text (characters; the text is ASCII);
 *  3. retrieval time: the documents worker's `retrieve` round trip for each question, seen from
 *     the page;
 *  4. planted values that reach the stub provider over all questions (target 0), and whether the
 *     passage with each fact was sent;
 *  5. main-thread long tasks (PerformanceObserver 'longtask', as bench:ui counts them) while a
 *     200,000-character text document is read, detected and indexed (target: none over 50 ms),
 *     and while the questions are sent; the same page idle for 5 s first, as a control (a long
 *     task there is the machine's load). Files are chosen from disk, as a person does.
 *
 * Options: `--json`. Ports: BENCH_DOCS_PORT (default 8904) for the app, the next one for the stub.
 * Exits 0 when a target is missed (prints MISSED), 1 when the benchmark itself could not run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { makePdf, pagesAsText, plantedReport } from '../testing/doc-fixtures';
import { startStubUpstream, type StubUpstream } from '../testing/stub-upstream';
import { waitForServer } from './lib/wait-for-server';

const root = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_DOCS_PORT ?? 8904);
const STUB_PORT = PORT + 1;
const STUB_KEY = 'bench-docs-stub-key';
const BASE = `http://127.0.0.1:${PORT}`;
const asJson = process.argv.includes('--json');
const LONGTASK_MS = 50;

const log = (msg: string) => {
  if (!asJson) console.log(msg);
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) =>
  sorted(xs)[Math.max(0, Math.ceil(xs.length * p) - 1)] ?? NaN;

const ENGINE = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local ', 'answer.'] };

/** Instruments the page: long tasks, and the two workers' calls (timings, results). */
const INIT = `(() => {
  try {
    localStorage.setItem('hearth.firstRunDone', 'bench');
    localStorage.setItem('hearth:test-engine', ${JSON.stringify(JSON.stringify(ENGINE))});
  } catch {}
  const B = (window.__docs = { longtasks: [], calls: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(url, opts) {
      super(url, opts);
      const name = opts && opts.name;
      if (name !== 'hearth-documents' && name !== 'hearth-analysis') return;
      const open = new Map();
      const post = this.postMessage.bind(this);
      this.postMessage = (m, transfer) => {
        try {
          const method = m && m.type === 'APPLY' && m.path ? m.path[m.path.length - 1] : undefined;
          if (method === 'extract' || method === 'retrieve' || method === 'analyzeDocument')
            open.set(m.id, { method, sent: performance.now() });
        } catch {}
        return post(m, transfer);
      };
      this.addEventListener('message', (ev) => {
        const d = ev.data;
        const c = d && open.get(d.id);
        if (!c) return;
        open.delete(d.id);
        c.arrived = performance.now();
        const v = d.value;
        if (v && typeof v === 'object') {
          if (v.timings) { c.timings = v.timings; c.chars = v.text.length; c.pages = v.pages; c.chunks = v.chunks.length; }
          if (typeof v.ms === 'number') { c.workerMs = v.ms; c.chars = v.chars; c.modelStage = v.modelStage; }
          if (Array.isArray(v)) c.hits = v.length;
        }
        B.calls.push(c);
      });
    }
  };
})();`;

interface Call {
  method: 'extract' | 'retrieve' | 'analyzeDocument';
  sent: number;
  arrived: number;
  timings?: { extractMs: number; indexMs: number };
  chars?: number;
  pages?: number;
  chunks?: number;
  workerMs?: number;
  modelStage?: string;
}
interface DocsState {
  longtasks: { start: number; duration: number }[];
  calls: Call[];
}
const state = (page: Page) => page.evaluate('window.__docs') as Promise<DocsState>;
const now = (page: Page) => page.evaluate('performance.now()') as Promise<number>;

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

/**
 * Chooses a file as a person does: from a path on disk, so Chromium hands the page a File backed
 * by the disk (a buffer would be decoded from base64 by a script in the page, a main-thread task
 * that is Playwright's, not the app's).
 */
async function attach(page: Page, tmp: string, name: string, buffer: Buffer) {
  const file = path.join(tmp, name);
  await writeFile(file, buffer);
  const t0 = await now(page);
  await page.getByLabel('Choose files to attach').setInputFiles(file);
  const item = page
    .getByRole('list', { name: 'Attached files' })
    .getByRole('listitem')
    .filter({ hasText: name });
  await item.getByText(/Found:/).waitFor({ timeout: 180_000 });
  return { t0, t1: await now(page) };
}

async function ask(page: Page, question: string): Promise<void> {
  const answers = page.getByRole('list', { name: 'Messages' }).locator('li.from-assistant');
  const before = await answers.count();
  await page.getByRole('textbox', { name: 'Message' }).fill(question);
  await page.getByRole('button', { name: 'Send' }).click();
  await answers.nth(before).locator('.route-badge').waitFor({ timeout: 120_000 });
}

function longTasksIn(s: DocsState, from: number, to: number) {
  const tasks = s.longtasks.filter((t) => t.start >= from && t.start <= to);
  return { count: tasks.length, maxMs: r1(Math.max(0, ...tasks.map((t) => t.duration))) };
}

/**
 * Where each long task between `from` and `to` fell: while the documents worker read the file,
 * while the analysis worker ran detection, or after the last result arrived (rendering the
 * findings). Tells a task of ours from one the machine's load stretched.
 */
function longTaskPhases(s: DocsState, from: number, to: number): string {
  const inRange = (c: Call) => c.sent >= from && c.sent <= to;
  const ex = s.calls.find((c) => c.method === 'extract' && inRange(c));
  const det = s.calls.find((c) => c.method === 'analyzeDocument' && inRange(c));
  const phase = (t: number) =>
    ex && t < ex.arrived
      ? 'reading'
      : det && t < det.sent
        ? 'between'
        : det && t < det.arrived
          ? 'detection'
          : 'after results';
  return s.longtasks
    .filter((t) => t.start >= from && t.start <= to)
    .map((t) => `${r1(t.duration)} ms at +${r1(t.start - from)} ms (${phase(t.start)})`)
    .join(', ');
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Records the page's main-thread tasks with Chrome's tracing while `during` runs, and returns
 * those over `LONGTASK_MS` of wall time with the CPU time the thread spent in them (`tdur`), and
 * the most CPU time any one task used. On a
 * shared machine a task that needs 1 ms of CPU can last 80 ms because the thread waited for a
 * core; the CPU time tells that apart from work of the app's that is too long.
 */
async function traceMainThread<T>(
  page: Page,
  during: () => Promise<T>,
): Promise<{ result: T; tasks: { wallMs: number; cpuMs: number }[]; maxCpuMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReportEvents' });
  const result = await during();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  // Every renderer's main thread (a spare renderer adds only idle tasks); the top-level task
  // event is ThreadControllerImpl::RunTask in the 'toplevel' category.
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter(
      (e) =>
        mains.has(`${e.pid}:${e.tid}`) &&
        e.ph === 'X' &&
        e.name === 'ThreadControllerImpl::RunTask',
    )
    .map((e) => ({ wallMs: r1((e.dur ?? 0) / 1000), cpuMs: r1((e.tdur ?? NaN) / 1000) }));
  return {
    result,
    tasks: tasks.filter((t) => t.wallMs > LONGTASK_MS),
    maxCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs)),
  };
}

async function main() {
  const report = plantedReport(100, 7);
  const pdf = await makePdf(report.pages);
  // ~200,000 characters of the same kind of text with planted values (a 150-page report as text)
  const big = plantedReport(150, 13);
  const bigText = pagesAsText(big.pages);
  const cut = bigText.lastIndexOf('\n\n', 199_500);
  const text200k = bigText.slice(0, cut);

  let stub: StubUpstream | undefined;
  let browser: Browser | undefined;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-docs-'));
  try {
    stub = await startStubUpstream({ port: STUB_PORT, expectedApiKey: STUB_KEY });
    const server = spawn(process.execPath, ['dist-server/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        STATIC_ROOT: 'dist-e2e',
        CLOUD_BASE_URL: `${stub.url}/v1`,
        CLOUD_API_KEY: STUB_KEY,
        CLOUD_MODEL: 'stub-model',
        RATE_LIMIT_RPM: '600',
      },
      stdio: 'ignore',
    });
    children.push(server);
    await waitForServer(`${BASE}/api/health`, 20_000);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--enable-unsafe-webgpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript('globalThis.__name = (f) => f;');
    await context.addInitScript(INIT);
    const page = await context.newPage();
    await page.goto(`${BASE}/`);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();

    // 5a. A 200,000-character text document: long tasks while it is read, detected and indexed.
    log(
      `bench:docs  ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, load ${os.loadavg().map(r1).join(' ')}`,
    );
    // Control: the same page idle for 5 s. Long tasks here are the machine's load, not the app's.
    const idle0 = await now(page);
    await page.waitForTimeout(5_000);
    const ltIdle = longTasksIn(await state(page), idle0, await now(page));
    log(
      `page idle 5 s (control): main-thread long tasks: ${ltIdle.count} (longest ${ltIdle.maxMs} ms)`,
    );
    log(`200k text: ${text200k.length} characters`);
    const traced = await traceMainThread(page, () =>
      attach(page, tmp, 'text-200k.txt', Buffer.from(text200k)),
    );
    const a200 = traced.result;
    let s = await state(page);
    const det200 = s.calls.filter((c) => c.method === 'analyzeDocument').at(-1);
    const lt200 = longTasksIn(s, a200.t0, a200.t1);
    log(
      `  detection in the worker: ${r1(det200?.workerMs ?? NaN)} ms (${((det200?.chars ?? 0) / 1e6 / ((det200?.workerMs ?? NaN) / 1000)).toFixed(3)} MB/s); wall ${r1(a200.t1 - a200.t0)} ms; main-thread long tasks: ${lt200.count} (longest ${lt200.maxMs} ms)`,
    );
    if (lt200.count) log(`  long tasks: ${longTaskPhases(s, a200.t0, a200.t1)}`);
    const cpu200 = traced.maxCpuMs;
    log(
      `  main-thread tasks over ${LONGTASK_MS} ms in Chrome's trace: ${traced.tasks.length}${traced.tasks.length ? ` (wall/CPU ms: ${traced.tasks.map((t) => `${t.wallMs}/${t.cpuMs}`).join(', ')})` : ''}; most CPU time in any one task: ${cpu200} ms`,
    );
    await page.getByRole('button', { name: 'Remove text-200k.txt' }).click();

    // 1-2. The 100-page PDF.
    const aPdf = await attach(page, tmp, 'report-100p.pdf', pdf);
    s = await state(page);
    const ex = s.calls.filter((c) => c.method === 'extract').at(-1);
    const det = s.calls.filter((c) => c.method === 'analyzeDocument').at(-1);
    const ltPdf = longTasksIn(s, aPdf.t0, aPdf.t1);
    log(
      `100-page PDF: ${pdf.length} bytes, ${ex?.pages} pages, ${ex?.chars} characters, ${ex?.chunks} passages`,
    );
    log(
      `  extraction (pdf.js, worker): ${r1(ex?.timings?.extractMs ?? NaN)} ms; chunking + index: ${r1(ex?.timings?.indexMs ?? NaN)} ms`,
    );
    const mbps = (det?.chars ?? 0) / 1e6 / ((det?.workerMs ?? NaN) / 1000);
    log(
      `  detection (analysis worker, model stage ${det?.modelStage}): ${r1(det?.workerMs ?? NaN)} ms = ${mbps.toFixed(3)} MB/s`,
    );
    log(
      `  file chosen -> findings shown: ${r1(aPdf.t1 - aPdf.t0)} ms; main-thread long tasks: ${ltPdf.count} (longest ${ltPdf.maxMs} ms)`,
    );

    if (ltPdf.count) log(`  long tasks: ${longTaskPhases(s, aPdf.t0, aPdf.t1)}`);

    // 3-4. Questions: the facts, contacts on known pages, a staff table.
    const questions = [
      ...report.facts.map((f) => ({ q: f.question, expect: f.sentence })),
      ...[8, 24, 40, 64, 92].map((p) => ({
        q: `Who should I contact with questions about section ${p}, and to which account are refunds paid?`,
        expect: undefined,
      })),
      ...[45, 85].map((p) => ({
        q: `Who works the night shift according to the staff table in section ${p}?`,
        expect: undefined,
      })),
    ];
    stub.clear();
    const q0 = await now(page);
    const tracedQ = await traceMainThread(page, async () => {
      for (const [i, { q }] of questions.entries()) {
        // the first question sends the attachment with it
        await ask(page, q);
        log(`  question ${i + 1}/${questions.length} answered`);
      }
    });
    const q1 = await now(page);
    s = await state(page);
    const retrieval = s.calls
      .filter((c) => c.method === 'retrieve' && c.sent >= q0)
      .map((c) => c.arrived - c.sent);
    const bodies = stub.chatRequests().map((r) => r.body);
    const all = bodies.join('\n').toLowerCase();
    const leaked = report.planted.filter(
      (v) => all.includes(v.toLowerCase()) || all.includes(v.replace(/\s+/g, '').toLowerCase()),
    );
    const found = questions
      .filter((x) => x.expect)
      .filter((x) => all.includes((x.expect ?? '').slice(0, 40).toLowerCase())).length;
    const ltQ = longTasksIn(s, q0, q1);
    log(
      `  retrieval per question (page -> worker -> page): p50 ${r1(pct(retrieval, 0.5))} ms, max ${r1(Math.max(...retrieval))} ms (${retrieval.length} questions)`,
    );
    log(
      `  requests at the stub provider: ${bodies.length}; facts whose passage was sent: ${found}/${report.facts.length}`,
    );
    log(
      `  planted values that reached the provider: ${leaked.length} of ${report.planted.length}${leaked.length ? ` (${leaked.slice(0, 5).join(', ')})` : ''}`,
    );
    log(`  main-thread long tasks while asking: ${ltQ.count} (longest ${ltQ.maxMs} ms)`);
    if (ltQ.count)
      log(
        `  long tasks while asking (ms): ${s.longtasks
          .filter((t) => t.start >= q0 && t.start <= q1)
          .map((t) => r1(t.duration))
          .join(', ')}`,
      );
    log(
      `  the same in Chrome's trace, wall/CPU ms: ${tracedQ.tasks.map((t) => `${t.wallMs}/${t.cpuMs}`).join(', ') || 'none'}; most CPU time in any one task: ${tracedQ.maxCpuMs} ms`,
    );

    const missed: string[] = [];
    if (leaked.length)
      missed.push(`${leaked.length} planted values reached the provider (target 0)`);
    if (lt200.maxMs > LONGTASK_MS)
      missed.push(
        `a ${lt200.maxMs} ms main-thread task during the 200k detection (target none over ${LONGTASK_MS} ms; the most CPU one task used was ${cpu200} ms)`,
      );
    for (const m of missed) log(`MISSED: ${m}`);
    if (asJson)
      console.log(
        JSON.stringify({
          machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, load: os.loadavg() },
          idleControl: ltIdle,
          text200k: {
            chars: text200k.length,
            detectionMs: det200?.workerMs,
            wallMs: a200.t1 - a200.t0,
            longTasks: lt200,
            tracedTasks: traced.tasks,
            maxTaskCpuMs: cpu200,
          },
          pdf: {
            bytes: pdf.length,
            pages: ex?.pages,
            chars: ex?.chars,
            chunks: ex?.chunks,
            extractMs: ex?.timings?.extractMs,
            indexMs: ex?.timings?.indexMs,
            detectionMs: det?.workerMs,
            detectionMBps: mbps,
            wallMs: aPdf.t1 - aPdf.t0,
            longTasks: ltPdf,
          },
          questions: {
            count: questions.length,
            retrievalMs: { p50: pct(retrieval, 0.5), max: Math.max(...retrieval) },
            factsSent: found,
            planted: report.planted.length,
            leaked: leaked.length,
            longTasks: ltQ,
            tracedTasks: tracedQ.tasks,
            maxTaskCpuMs: tracedQ.maxCpuMs,
          },
          missed,
        }),
      );
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await browser?.close();
    await stub?.close();
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(
    `bench:docs failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exit(1);
});

/**
 * `npm run bench:db`: the local database in Chromium's real IndexedDB, driven through the e2e
 * build's test hook (`window.__hearthDb`, present only in `vite build --mode e2e`).
 *
 * Measures audit appends per second (one call per entry, and batched), chain verification of
 * 10,000 and 100,000 entries, opening a 5,000-message conversation, and scrolling the Audit view
 * over 100,000 entries (frame times from requestAnimationFrame). Targets: >= 2,000 appends/s
 * batched, verify 100k <= 3 s, conversation open <= 100 ms.
 *
 * Needs `npm run build:e2e` first (it runs it when dist-e2e is missing). Options: `--quick`
 * (10k instead of 100k entries), `--json`.
 */
import os from 'node:os';
import type { Page } from '@playwright/test';
import type { AuditEntryInput, AuditVerifyResult } from '../src/core/audit';
import { startE2eApp } from './lib/e2e-app';

const PORT = Number(process.env.BENCH_PORT ?? 8795);
const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const BIG = quick ? 10_000 : 100_000;

/**
 * The part of `window.__hearthDb` (src/db/testHook.ts) this benchmark uses. Declared here because
 * this script is type-checked without the DOM lib, which src/db needs.
 */
interface Db {
  deviceKey(): Promise<unknown>;
  appendAudit(e: AuditEntryInput): Promise<unknown>;
  appendAuditBatch(e: AuditEntryInput[]): Promise<unknown>;
  verifyAuditChain(opts: { signatures: 'all' | 'head' }): Promise<AuditVerifyResult>;
  createConversation(title: string): Promise<{ id: string }>;
  addMessages(m: unknown[]): Promise<void>;
  listMessages(conversationId: string): Promise<unknown[]>;
  listRecentMessages(conversationId: string, limit: number): Promise<unknown[]>;
}
const hookHandle = (page: Page) =>
  page.evaluateHandle(() => (globalThis as unknown as { __hearthDb: Db }).__hearthDb);

function log(msg: string) {
  if (!asJson) console.log(msg);
}

/** Runs `fn` in the page with the db module as its first argument. */
async function inPage<R, A>(page: Page, fn: (db: Db, arg: A) => Promise<R>, arg: A): Promise<R> {
  const handle = await hookHandle(page);
  try {
    return (await handle.evaluate(fn as never, arg as never)) as R;
  } finally {
    await handle.dispose();
  }
}

/** Appends `count` entries in batches of `batch` (1 = appendAudit per entry); returns ms. */
function append(page: Page, count: number, batch: number): Promise<number> {
  return inPage(
    page,
    async (db, { count, batch }) => {
      const make = (i: number): AuditEntryInput => ({
        requestId: `bench-${i}-${Math.random().toString(36).slice(2, 8)}`,
        route: ['local', 'cloud-redacted', 'cloud', 'private'][i % 4] ?? 'local',
        pattern: i % 4 === 1 ? 'sanitize-and-solve' : 'local',
        tiersThatSawData: i % 4 === 0 ? ['local'] : ['local', i % 4 === 3 ? 'private' : 'cloud'],
        entityCounts: i % 3 === 0 ? { PERSON: 1, EMAIL: 1 } : i % 3 === 1 ? { PHONE: 2 } : {},
        outgoingText:
          i % 4 === 1
            ? `Summarise the attached note from [PERSON_1] about the Q3 budget review, item ${i}.`
            : undefined,
        responseBytes: 1800,
        latencyMs: 250 + (i % 700),
        tokens: { prompt: 120, completion: 300 },
        costUsd: i % 4 === 2 ? 0.0021 : 0,
        kind: i % 5 === 0 ? 'step' : 'decision',
      });
      const t0 = performance.now();
      for (let i = 0; i < count; i += batch) {
        const n = Math.min(batch, count - i);
        if (batch === 1) await db.appendAudit(make(i));
        else await db.appendAuditBatch(Array.from({ length: n }, (_, j) => make(i + j)));
      }
      return performance.now() - t0;
    },
    { count, batch },
  );
}

async function verify(
  page: Page,
  signatures: 'all' | 'head',
  runs = 3,
): Promise<{ ms: number[]; count: number }> {
  const ms: number[] = [];
  let count = 0;
  for (let r = 0; r < runs; r++) {
    const res = await inPage(
      page,
      async (db, signatures) => {
        const t0 = performance.now();
        const v = await db.verifyAuditChain({ signatures });
        return { ms: performance.now() - t0, ok: v.ok, count: v.ok ? v.count : -1 };
      },
      signatures,
    );
    if (!res.ok) throw new Error('chain did not verify during the benchmark');
    ms.push(res.ms);
    count = res.count;
  }
  return { ms, count };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

/**
 * Runs in the page (a string, because this file is compiled without the DOM lib): scrolls the
 * Audit view by a fixed number of pixels per animation frame for 600 frames and records frame
 * times, and how many frames showed mostly rows still waiting for their data.
 */
const scrollScript = (pxPerFrame: number) => `(async () => {
  const el = document.querySelector('[data-testid="audit-scroller"]');
  const deltas = [];
  let placeholderFrames = 0;
  let last = performance.now();
  await new Promise((resolve) => {
    let i = 0;
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      const rows = el.querySelectorAll('[role="listitem"]');
      let waiting = 0;
      rows.forEach((r) => { if (r.textContent.startsWith('Entry ')) waiting += 1; });
      if (waiting > rows.length / 2) placeholderFrames += 1;
      el.scrollTop += ${pxPerFrame};
      if (++i >= 600) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return { deltas: deltas.slice(1), placeholderFrames };
})()`;

/**
 * What reading costs in Chromium's IndexedDB, apart from verification: 30,000 records of 600
 * bytes read in pages of 5,000, one record per entry (what the audit store does) against the same
 * bytes packed 100 entries per record, and 30,000 tiny records (the per-record overhead). In its own
 * database, so the app's data is untouched. A string for the same reason as scrollScript.
 */
const idbReadScript = `(async () => {
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const name = 'hearth-bench-idb-read';
  await req(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => { for (const s of ['tiny', 'entry', 'packed']) open.result.createObjectStore(s, { keyPath: 'seq' }); };
  const idb = await req(open);
  const N = 30000;
  const entry = (i) => ({ seq: i + 1, body: 'x'.repeat(600) + i });
  for (let i = 0; i < N; i += 1000) {
    const tx = idb.transaction(['tiny', 'entry', 'packed'], 'readwrite');
    for (let j = 0; j < 1000; j++) { tx.objectStore('tiny').put({ seq: i + j + 1 }); tx.objectStore('entry').put(entry(i + j)); }
    for (let j = 0; j < 1000; j += 100) tx.objectStore('packed').put({ seq: i + j + 1, entries: Array.from({ length: 100 }, (_, k) => entry(i + j + k)) });
    await new Promise((r) => (tx.oncomplete = r));
  }
  const readAll = async (store, page) => {
    const t = performance.now();
    let after = 0;
    for (;;) {
      const rows = await req(idb.transaction(store).objectStore(store).getAll(IDBKeyRange.lowerBound(after, true), page));
      if (!rows.length) break;
      after = rows[rows.length - 1].seq;
    }
    return performance.now() - t;
  };
  const out = { tiny: [], entry: [], packed: [] };
  for (let r = 0; r < 3; r++) {
    out.tiny.push(await readAll('tiny', 5000));
    out.entry.push(await readAll('entry', 5000));
    out.packed.push(await readAll('packed', 50));
  }
  idb.close();
  await req(indexedDB.deleteDatabase(name));
  return out;
})()`;

async function main() {
  const app = await startE2eApp(PORT, log);
  const { browser } = app;
  const results: Record<string, unknown> = {};
  try {
    const page = await app.newPage({ width: 1280, height: 900 });
    await page.goto(`${app.origin}/audit`);
    await page.waitForFunction(() => '__hearthDb' in globalThis);
    await inPage(page, async (db) => void (await db.deviceKey()), null);

    // 1. Appends: one call per entry, then batches of 100 and 1,000.
    const single = 1000;
    const singleMs = await append(page, single, 1);
    const b100Ms = await append(page, 5000, 100);
    const b1000Ms = await append(page, 4000, 1000);
    results.appendsPerSecSingle = Math.round(single / (singleMs / 1000));
    results.appendsPerSecBatch100 = Math.round(5000 / (b100Ms / 1000));
    results.appendsPerSecBatch1000 = Math.round(4000 / (b1000Ms / 1000));
    log(
      `audit appends: ${results.appendsPerSecSingle}/s one per call, ${results.appendsPerSecBatch100}/s in batches of 100, ${results.appendsPerSecBatch1000}/s in batches of 1,000 (target >= 2,000/s batched)`,
    );

    // 2. Verify 10k, then grow to BIG and verify again: every signature ('all', what the Verify
    // button and audit:verify do) and every hash + link + the head signature ('head').
    const verifyBoth = async (label: string, fullRuns: number) => {
      const full = await verify(page, 'all', fullRuns);
      const head = await verify(page, 'head', 3);
      const r = {
        count: full.count,
        allSignaturesMedianMs: Math.round(median(full.ms)),
        allSignaturesRunsMs: full.ms.map(Math.round),
        headSignatureMedianMs: Math.round(median(head.ms)),
        headSignatureRunsMs: head.ms.map(Math.round),
      };
      results[label] = r;
      log(
        `verify ${r.count.toLocaleString('en')} entries: every signature ${r.allSignaturesMedianMs} ms (runs ${r.allSignaturesRunsMs.join(', ')}); ` +
          `hashes + links + head signature ${r.headSignatureMedianMs} ms (runs ${r.headSignatureRunsMs.join(', ')})`,
      );
    };
    await verifyBoth('verify10k', 3);
    if (BIG > 10_000) {
      const t0 = Date.now();
      await append(page, BIG - 10_000, 1000);
      log(
        `(filled to ${BIG.toLocaleString('en')} entries in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
      await verifyBoth('verify100k', 1);
    }

    // 4. Open a conversation of 5,000 messages.
    const open = await inPage(
      page,
      async (db) => {
        const c = await db.createConversation('Benchmark conversation');
        const base = Date.now() - 5000 * 1000;
        const msgs = Array.from({ length: 5000 }, (_, i) => ({
          id: `bench-m-${i}`,
          conversationId: c.id,
          role: (i % 2 === 0 ? 'user' : 'assistant') as 'user' | 'assistant',
          content: `Message ${i}: ${'lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(i % 2 ? 8 : 2)}`,
          createdAt: base + i * 1000,
          route: 'local',
          pattern: 'local',
          status: 'complete' as const,
        }));
        await db.addMessages(msgs);
        // Other conversations around it, so the index has to do its job.
        const other = await db.createConversation('Other');
        await db.addMessages(
          msgs.map((m, i) => ({ ...m, id: `bench-o-${i}`, conversationId: other.id })),
        );
        const times: number[] = [];
        let n = 0;
        for (let r = 0; r < 7; r++) {
          const t0 = performance.now();
          n = (await db.listMessages(c.id)).length;
          times.push(performance.now() - t0);
        }
        const recent: number[] = [];
        for (let r = 0; r < 7; r++) {
          const t0 = performance.now();
          await db.listRecentMessages(c.id, 200);
          recent.push(performance.now() - t0);
        }
        return { times, n, recent };
      },
      null,
    );
    results.openConversation5kNewest200 = {
      medianMs: Number(median(open.recent).toFixed(1)),
      runsMs: open.recent.map((x) => Number(x.toFixed(1))),
    };
    log(
      `open the same conversation at its end (listRecentMessages, newest 200): median ${median(open.recent).toFixed(1)} ms`,
    );
    results.openConversation5k = {
      medianMs: Math.round(median(open.times)),
      runsMs: open.times.map(Math.round),
      messages: open.n,
    };
    log(
      `open a ${open.n.toLocaleString('en')}-message conversation (listMessages): median ${median(open.times).toFixed(1)} ms, first ${open.times[0]?.toFixed(1)} ms (target <= 100 ms)`,
    );

    // 5. Scroll the Audit view over BIG entries.
    await page.reload();
    await page
      .getByTestId('audit-count')
      .filter({ hasText: `${BIG.toLocaleString('en-US')} entries` })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('audit-scroller').getByRole('listitem').first().waitFor();
    for (const [name, px] of [
      ['auditScrollFast', 180],
      ['auditScrollFling', 900],
    ] as const) {
      const scroll = (await page.evaluate(scrollScript(px))) as {
        deltas: number[];
        placeholderFrames: number;
      };
      const d = scroll.deltas;
      const frame = 1000 / 60;
      const dropped = d.reduce((acc, x) => acc + Math.max(0, Math.round(x / frame) - 1), 0);
      results[name] = {
        entries: BIG,
        pxPerFrame: px,
        frames: d.length,
        frameMsMedian: Number(median(d).toFixed(1)),
        frameMsP95: Number(pct(d, 0.95).toFixed(1)),
        frameMsMax: Number(Math.max(...d).toFixed(1)),
        droppedFrames: dropped,
        framesOver25ms: d.filter((x) => x > 25).length,
        framesMostlyPlaceholders: scroll.placeholderFrames,
      };
      log(
        `audit view scroll over ${BIG.toLocaleString('en')} entries at ${px} px/frame (${px / 60} rows): ${d.length} frames, median ${median(d).toFixed(1)} ms, p95 ${pct(d, 0.95).toFixed(1)} ms, max ${Math.max(...d).toFixed(1)} ms; ${dropped} dropped frames (vs 60 Hz), ${scroll.placeholderFrames} frames with most rows still loading`,
      );
      await page.evaluate(`document.querySelector('[data-testid="audit-scroller"]').scrollTop = 0`);
    }

    // 6. Where verification time goes: the cost of reading records at all.
    const reads = (await page.evaluate(idbReadScript)) as Record<
      'tiny' | 'entry' | 'packed',
      number[]
    >;
    results.idbRead30k = {
      tinyRecordsMs: Math.round(median(reads.tiny)),
      oneRecordPerEntryMs: Math.round(median(reads.entry)),
      hundredEntriesPerRecordMs: Math.round(median(reads.packed)),
    };
    log(
      `IndexedDB reads of 30,000 entries of 600 bytes (median of 3): one record per entry ${Math.round(median(reads.entry))} ms, 100 entries per record ${Math.round(median(reads.packed))} ms; 30,000 tiny records ${Math.round(median(reads.tiny))} ms`,
    );

    results.load = os.loadavg().map((x) => Number(x.toFixed(1)));
    results.machine = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, ${browser.version()} (headless)`;
    results.date = new Date().toISOString().slice(0, 10);
    log(
      `machine: ${results.machine}; load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}; ${results.date}`,
    );
    if (asJson) console.log(JSON.stringify(results, null, 2));
  } finally {
    await app.close();
  }
}

await main();

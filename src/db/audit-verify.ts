/**
 * Verifying the stored audit chain.
 *
 * The work is CPU-bound (canonical form + SHA-256 of every entry, and ECDSA when every signature
 * is checked), so a large log is cut into slices by seq and each slice is read and checked by its
 * own worker, one per core; the slices' verdicts are then joined here in order (the links between
 * slices, gaps at the boundaries) and the head signature and truncation are checked once. The
 * joined verdict is exactly that of one pass (property-tested in core/audit). Small logs, and
 * places without workers (Node, tests), take one pass on the calling thread.
 */
import { wrap, proxy, type Remote } from 'comlink';
import { ChainVerifier, keyIdFor, type AuditVerifyResult, type RangeVerdict } from '../core/audit';
import { db, type HearthDb } from './schema';

export interface VerifyOptions {
  /** Entries read per IndexedDB request. */
  pageSize?: number;
  /** 'all' (default) checks every signature; 'head' every hash and link plus the head signature. */
  signatures?: 'all' | 'head';
  /** Called as entries are checked with the count so far and the total. */
  onProgress?: (checked: number, total: number) => void;
  /** Workers to verify with; default one per core (at most 4), 1 = on this thread. */
  workers?: number;
  /** Below this many entries one pass on this thread is faster than starting workers. */
  parallelFrom?: number;
}

const DEFAULT_PAGE = 5000;
const DEFAULT_PARALLEL_FROM = 20_000;

/** Resolves keyIds to verification keys, refusing a stored key that does not match its id. */
export async function verificationKeys(d: HearthDb): Promise<Map<string, CryptoKey>> {
  const map = new Map<string, CryptoKey>();
  for (const row of await d.auditKeys.toArray()) {
    try {
      const jwk = await crypto.subtle.exportKey('jwk', row.publicKey);
      if ((await keyIdFor(jwk)) === row.keyId) map.set(row.keyId, row.publicKey);
    } catch {
      // An unusable key is treated as unknown: its entries fail verification.
    }
  }
  return map;
}

export interface SliceRequest {
  /** The slice is the entries with afterSeq < seq <= upTo (no upper bound when null). */
  afterSeq: number;
  upTo: number | null;
  signatures: 'all' | 'head';
  pageSize: number;
}

/** Reads one slice page by page (the next page is read while one is checked) and checks it. */
export async function verifySlice(
  d: HearthDb,
  req: SliceRequest,
  onChecked?: (checked: number) => void,
): Promise<RangeVerdict> {
  const keys = await verificationKeys(d);
  const verifier = new ChainVerifier((id) => keys.get(id), req.signatures, req.afterSeq);
  const read = (after: number) =>
    (req.upTo === null
      ? d.audit.where('seq').above(after)
      : d.audit.where('seq').between(after, req.upTo, false, true)
    )
      .limit(req.pageSize)
      .toArray();
  let next = read(req.afterSeq);
  for (;;) {
    const page = await next;
    const last = page.at(-1);
    if (!last) break;
    next = read(last.seq);
    await verifier.push(page);
    onChecked?.(verifier.checked);
    if (verifier.failed) break;
  }
  return verifier.verdict();
}

/** What the verify worker exposes (audit-verify.worker.ts). */
export interface VerifyWorkerApi {
  verifySlice(
    dbName: string,
    req: SliceRequest,
    onChecked: (checked: number) => void,
  ): Promise<RangeVerdict>;
}

/**
 * Verifies the whole chain: every entry's hash, link, sequence and signature (or, with
 * `signatures: 'head'`, every hash and link and the head's signature), and that the last entry is
 * the recorded head.
 */
export async function verifyAuditChain(opts: VerifyOptions = {}): Promise<AuditVerifyResult> {
  const d = db();
  const signatures = opts.signatures ?? 'all';
  const pageSize = opts.pageSize ?? DEFAULT_PAGE;
  const total = await d.audit.count();
  const workers = Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
  const parallel =
    workers > 1 && total >= (opts.parallelFrom ?? DEFAULT_PARALLEL_FROM) && canStartWorkers();

  let verdicts: RangeVerdict[] | null = null;
  if (parallel) {
    const lastSeq = await d.audit.orderBy('seq').lastKey();
    verdicts = await verifyInWorkers(d.name, cutPoints(Number(lastSeq ?? 0), workers), {
      signatures,
      pageSize,
      total,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    }).catch((err: unknown) => {
      // A worker that cannot start or crashes: one pass on this thread instead, slower but sure.
      console.warn('Audit verification: workers failed, verifying on this thread.', err);
      return null;
    });
  }
  verdicts ??= [
    await verifySlice(d, { afterSeq: 0, upTo: null, signatures, pageSize }, (checked) =>
      opts.onProgress?.(checked, total),
    ),
  ];

  const keys = await verificationKeys(d);
  const whole = new ChainVerifier((id) => keys.get(id), signatures);
  for (const v of verdicts) whole.absorb(v);
  const head = (await d.auditMeta.get('head'))?.head ?? null;
  return whole.result(head, (seq) => d.audit.get(seq));
}

/** Slice starts (exclusive) splitting seqs 1..lastSeq into `n` even parts. */
export function cutPoints(lastSeq: number, n: number): number[] {
  const cuts = [0];
  for (let k = 1; k < n; k++) {
    const c = Math.floor((lastSeq * k) / n);
    if (c > (cuts.at(-1) ?? 0)) cuts.push(c);
  }
  return cuts;
}

function defaultWorkers(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.min(cores, 4);
}

function canStartWorkers(): boolean {
  return typeof Worker !== 'undefined' && typeof indexedDB !== 'undefined';
}

async function verifyInWorkers(
  dbName: string,
  cuts: readonly number[],
  o: {
    signatures: 'all' | 'head';
    pageSize: number;
    total: number;
    onProgress?: (checked: number, total: number) => void;
  },
): Promise<RangeVerdict[]> {
  const checked = cuts.map(() => 0);
  const started = cuts.map(() => startWorker());
  try {
    return await Promise.all(
      cuts.map((afterSeq, i) => {
        const w = started[i] as StartedWorker;
        const req: SliceRequest = {
          afterSeq,
          upTo: cuts[i + 1] ?? null,
          signatures: o.signatures,
          pageSize: o.pageSize,
        };
        const onChecked = proxy((n: number) => {
          checked[i] = n;
          o.onProgress?.(
            checked.reduce((a, b) => a + b, 0),
            o.total,
          );
        });
        return Promise.race([w.remote.verifySlice(dbName, req, onChecked), w.failed]);
      }),
    );
  } finally {
    for (const w of started) w.worker.terminate();
  }
}

interface StartedWorker {
  worker: Worker;
  remote: Remote<VerifyWorkerApi>;
  /** Rejects when the worker fails to load or throws outside a call (Comlink would wait forever). */
  failed: Promise<never>;
}

function startWorker(): StartedWorker {
  const worker = new Worker(new URL('./audit-verify.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-audit-verify',
  });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'worker failed')));
  });
  failed.catch(() => undefined); // handled by the race; never an unhandled rejection
  return { worker, remote: wrap<VerifyWorkerApi>(worker), failed };
}

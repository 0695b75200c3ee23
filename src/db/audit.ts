/**
 * The audit log: an append-only hash chain of signed entries (see core/audit for the format).
 *
 * Appending from several tabs: the Web Locks lock serialises appenders across tabs, and the write
 * itself re-reads the head inside the readwrite transaction and uses `add` (which refuses an
 * existing seq), so even without the lock two appenders can never both write seq N: the loser
 * retries on top of the winner. WebCrypto is async and would let an IndexedDB transaction
 * auto-commit, so hashing and signing happen between the read and the write, never inside one.
 */
import {
  ChainVerifier,
  buildEntries,
  formatJsonlExport,
  keyIdFor,
  type AuditEntry,
  type AuditEntryInput,
  type AuditHead,
  type AuditVerifyResult,
} from '../core/audit';
import { auditBlockOf, auditIndexRowOf, db, intoBlocks } from './schema';
import { withLock } from './lock';
import { deviceKey, publicKeys } from './keys';
import { DbError, reportWriteError } from './errors';

export const AUDIT_LOCK = 'hearth-audit';
const MAX_ATTEMPTS = 8;

class HeadMoved extends Error {}

/**
 * The head this tab wrote last. Used as the first guess on the next append (saves a read
 * transaction); the write transaction checks it, and a stale guess just costs one retry.
 */
let knownHead: { dbName: string; head: AuditHead | null } | null = null;

async function readHead(): Promise<AuditHead | null> {
  const d = db();
  const meta = await d.auditMeta.get('head');
  return meta?.head ?? null;
}

/** Appends one entry; returns it as stored, with seq, at, prevHash, hash and signature. */
export async function appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
  const [stored] = await appendAuditBatch([entry]);
  if (!stored) throw new DbError('storage_error', 'The audit entry was not stored.');
  return stored;
}

/** Appends several entries in order, in one transaction; returns them as stored. */
export async function appendAuditBatch(entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
  if (entries.length === 0) return [];
  const key = await deviceKey();
  return withLock(AUDIT_LOCK, async () => {
    const dbName = db().name;
    for (let attempt = 1; ; attempt++) {
      const guess = attempt === 1 && knownHead?.dbName === dbName ? knownHead : null;
      const head = guess ? guess.head : await readHead();
      const built = await buildEntries(entries, head, key);
      try {
        const d = db();
        await d.transaction('rw', d.auditBlocks, d.auditIndex, d.auditMeta, async () => {
          const now = (await d.auditMeta.get('head'))?.head ?? null;
          if ((now?.seq ?? 0) !== (head?.seq ?? 0) || now?.hash !== head?.hash)
            throw new HeadMoved();
          // `add` refuses an existing seq: a second guard against a fork, besides the head.
          await d.auditIndex.bulkAdd(built.map(auditIndexRowOf));
          const firsts = [...new Set(built.map((e) => auditBlockOf(e.seq)))];
          const existing = new Map(
            (await d.auditBlocks.bulkGet(firsts)).flatMap((b) => (b ? [[b.first, b.entries]] : [])),
          );
          await d.auditBlocks.bulkPut(intoBlocks(built, (first) => existing.get(first) ?? []));
          const last = built.at(-1);
          if (last) await d.auditMeta.put({ id: 'head', head: { seq: last.seq, hash: last.hash } });
        });
        const last = built.at(-1);
        knownHead = last ? { dbName, head: { seq: last.seq, hash: last.hash } } : null;
        return built;
      } catch (err) {
        knownHead = null;
        // Someone appended between our read and our write: build again on top of it. Not a
        // failure, so the error listeners do not hear about it.
        const moved = err instanceof HeadMoved || isConstraint(err);
        if (!moved) throw reportWriteError(err);
        if (attempt >= MAX_ATTEMPTS) {
          throw new DbError('conflict', 'Another tab kept appending to the audit log; try again.', {
            cause: err,
          });
        }
      }
    }
  });
}

function isConstraint(err: unknown): boolean {
  const e = err as { name?: string; inner?: { name?: string } } | undefined;
  return (
    e?.name === 'ConstraintError' || e?.inner?.name === 'ConstraintError' || e?.name === 'BulkError'
  );
}

/** Resolves keyIds to verification keys, refusing a stored key that does not match its id. */
async function verificationKeys(): Promise<Map<string, CryptoKey>> {
  const map = new Map<string, CryptoKey>();
  for (const row of await db().auditKeys.toArray()) {
    try {
      const jwk = await crypto.subtle.exportKey('jwk', row.publicKey);
      if ((await keyIdFor(jwk)) === row.keyId) map.set(row.keyId, row.publicKey);
    } catch {
      // An unusable key is treated as unknown: its entries fail verification.
    }
  }
  return map;
}

export interface VerifyOptions {
  /** Blocks (of 100 entries) read per IndexedDB request. */
  pageSize?: number;
  /** 'all' (default) checks every signature; 'head' every hash and link plus the head signature. */
  signatures?: 'all' | 'head';
  /** Called after each page with the entries checked so far and the total. */
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Verifies the whole chain: every entry's hash, link, sequence and signature, and that the last
 * entry is the recorded head; also that there is one index row per entry, so that no entry can be
 * hidden from the Audit view by deleting its row. Reads in pages so 100k entries never sit in
 * memory at once.
 */
export async function verifyAuditChain(opts: VerifyOptions = {}): Promise<AuditVerifyResult> {
  const pageSize = opts.pageSize ?? 50;
  const keys = await verificationKeys();
  const verifier = new ChainVerifier((id) => keys.get(id), opts.signatures ?? 'all');
  const d = db();
  const indexed = await d.auditIndex.count();
  let after = 0;
  // Read the next page while the current one is being checked.
  const read = () => d.auditBlocks.where('first').above(after).limit(pageSize).toArray();
  let next = read();
  for (;;) {
    const page = await next;
    const last = page.at(-1);
    if (!last) break;
    after = last.first;
    next = read();
    // A block that is not a list of entries (tampered) is handed over as is: it fails as malformed.
    await verifier.push(
      page.flatMap((b): unknown[] => (Array.isArray(b.entries) ? b.entries : [b])),
    );
    opts.onProgress?.(verifier.checked, indexed);
    if (verifier.failed) break;
  }
  const result = await verifier.result(await readHead(), getAuditEntry);
  if (result.ok && result.count !== indexed) {
    // Rare, so the keys are only read here: the first seq the index gets wrong.
    const listed = await d.auditIndex.toCollection().primaryKeys();
    let i = 0;
    while (i < listed.length && i < result.count && listed[i] === i + 1) i += 1;
    return {
      ok: false,
      firstBadSeq: i + 1,
      code: 'index_mismatch',
      reason: `the log holds ${result.count} entries but its index lists ${indexed}: index rows were added or deleted, which hides entries from the Audit view or shows ones that do not exist`,
      count: result.count,
    };
  }
  return result;
}

/** Number of stored entries. */
export function countAudit(): Promise<number> {
  return db().auditIndex.count();
}

/** One entry by seq, from its block. */
export async function getAuditEntry(seq: number): Promise<AuditEntry | undefined> {
  return (await getAuditEntries([seq]))[0];
}

/** Entries by seq, in the order asked for (missing ones are skipped). */
export async function getAuditEntries(seqs: readonly number[]): Promise<AuditEntry[]> {
  const firsts = [...new Set(seqs.map(auditBlockOf))];
  const bySeq = new Map<number, AuditEntry>();
  for (const block of await db().auditBlocks.bulkGet(firsts)) {
    // A tampered block may not hold a list; verification reports it, reading must not throw.
    if (Array.isArray(block?.entries)) for (const e of block.entries) bySeq.set(e.seq, e);
  }
  return seqs.flatMap((s) => {
    const e = bySeq.get(s);
    return e ? [e] : [];
  });
}

export interface AuditFilter {
  route?: string;
  tier?: string;
  entityType?: string;
  /** ISO date-time bounds, inclusive. */
  from?: string;
  to?: string;
}

/**
 * The seqs of the entries matching a filter, newest first. Each criterion is answered by an index
 * (primary keys only, no entry is read), then the sets are intersected.
 */
export async function auditSeqs(filter: AuditFilter = {}): Promise<number[]> {
  const t = db().auditIndex;
  const sets: number[][] = [];
  if (filter.route) sets.push(await t.where('route').equals(filter.route).primaryKeys());
  if (filter.tier) sets.push(await t.where('tiersThatSawData').equals(filter.tier).primaryKeys());
  if (filter.entityType)
    sets.push(await t.where('entityTypes').equals(filter.entityType).primaryKeys());
  if (filter.from || filter.to) {
    sets.push(
      await t
        .where('at')
        .between(filter.from ?? '', filter.to ?? '\uffff', true, true)
        .primaryKeys(),
    );
  }
  let seqs: number[];
  if (sets.length === 0) {
    seqs = await t.toCollection().primaryKeys();
  } else {
    sets.sort((a, b) => a.length - b.length);
    let acc = new Set(sets[0]);
    for (const s of sets.slice(1)) {
      const other = new Set(s);
      acc = new Set([...acc].filter((x) => other.has(x)));
    }
    seqs = [...acc];
  }
  return seqs.sort((a, b) => b - a);
}

/** The distinct values present in the log, for the filter selects. */
export async function auditFacets(): Promise<{
  routes: string[];
  tiers: string[];
  entityTypes: string[];
}> {
  const t = db().auditIndex;
  const [routes, tiers, entityTypes] = await Promise.all([
    t.orderBy('route').uniqueKeys(),
    t.orderBy('tiersThatSawData').uniqueKeys(),
    t.orderBy('entityTypes').uniqueKeys(),
  ]);
  return {
    routes: routes.map(String),
    tiers: tiers.map(String),
    entityTypes: entityTypes.map(String),
  };
}

/** Every entry, in seq order. */
export async function allAuditEntries(): Promise<AuditEntry[]> {
  const blocks = await db().auditBlocks.orderBy('first').toArray();
  return blocks.flatMap((b) => b.entries);
}

/** JSON Lines: a header with the public keys and the head, then one entry per line. */
export async function exportAuditJsonl(): Promise<string> {
  const [entries, keys, head] = await Promise.all([allAuditEntries(), publicKeys(), readHead()]);
  return formatJsonlExport(entries, keys, head);
}

const CSV_COLUMNS = [
  'seq',
  'at',
  'kind',
  'requestId',
  'route',
  'pattern',
  'tiersThatSawData',
  'entityCounts',
  'outgoingText',
  'outgoingSha256',
  'responseBytes',
  'latencyMs',
  'promptTokens',
  'completionTokens',
  'costUsd',
  'errorCode',
  'errorMessage',
  'keyId',
  'prevHash',
  'hash',
  'signature',
] as const;

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // Quote everything that could break a row, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV for spreadsheets (one row per entry); verification needs the JSON Lines export. */
export async function exportAuditCsv(): Promise<string> {
  const rows = (await allAuditEntries()).map((e) =>
    [
      e.seq,
      e.at,
      e.kind,
      e.requestId,
      e.route,
      e.pattern,
      e.tiersThatSawData.join(' '),
      Object.entries(e.entityCounts)
        .map(([k, n]) => `${k}=${n}`)
        .join(' '),
      e.outgoingText,
      e.outgoingSha256,
      e.responseBytes,
      e.latencyMs,
      e.tokens?.prompt,
      e.tokens?.completion,
      e.costUsd,
      e.error?.code,
      e.error?.message,
      e.keyId,
      e.prevHash,
      e.hash,
      e.signature,
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

import 'fake-indexeddb/auto';
import { auditBlockOf, auditIndexRowOf, switchDatabase, type HearthDb } from '../schema';
import type { AuditEntry, AuditEntryInput } from '../../core/audit';

let n = 0;
/** A fresh, empty database for each test. */
export function freshDb(): HearthDb {
  n += 1;
  return switchDatabase(`hearth-test-${process.pid}-${n}-${Math.random().toString(36).slice(2)}`);
}

export function sampleEntry(i: number, over: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    requestId: `req-${i}`,
    route: i % 3 === 0 ? 'cloud-redacted' : 'local',
    pattern: i % 3 === 0 ? 'sanitize-and-solve' : 'local',
    tiersThatSawData: i % 3 === 0 ? ['local', 'cloud'] : ['local'],
    entityCounts: i % 2 === 0 ? { PERSON: 1, EMAIL: 2 } : {},
    outgoingText: i % 3 === 0 ? `Hello [PERSON_1], request ${i}` : undefined,
    latencyMs: 100 + i,
    tokens: { prompt: 10, completion: 20 },
    costUsd: 0.0001 * i,
    kind: 'decision',
    ...over,
  };
}

/** The value, or a test failure saying it was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

export function nth<T>(items: readonly T[], i: number): T {
  return must(items[i]);
}

type Row = Record<string, unknown> & { seq: number };

/**
 * The audit log as someone with access to IndexedDB can change it: entries inside their blocks
 * (schema v3), with the index rows kept in step, so tests exercise the chain checks. Mirrors the
 * table methods the tests used when entries were one record each.
 */
export function auditEntries(d: HearthDb) {
  const rowsOf = async (first: number): Promise<Row[]> =>
    ((await d.auditBlocks.get(first))?.entries ?? []) as unknown as Row[];
  const save = async (first: number, rows: Row[]) => {
    rows.sort((a, b) => a.seq - b.seq);
    if (rows.length === 0) await d.auditBlocks.delete(first);
    else await d.auditBlocks.put({ first, entries: rows as unknown as AuditEntry[] });
  };
  const api = {
    async get(seq: number): Promise<AuditEntry | undefined> {
      return (await rowsOf(auditBlockOf(seq))).find((r) => r.seq === seq) as AuditEntry | undefined;
    },
    async toArray(): Promise<AuditEntry[]> {
      return (await d.auditBlocks.orderBy('first').toArray()).flatMap((b) => b.entries);
    },
    async put(entry: Row | AuditEntry): Promise<void> {
      const row = entry as Row;
      const first = auditBlockOf(row.seq);
      const rows = (await rowsOf(first)).filter((r) => r.seq !== row.seq);
      rows.push(row);
      await save(first, rows);
      await d.auditIndex.put(auditIndexRowOf(row as unknown as AuditEntry));
    },
    async add(entry: AuditEntry): Promise<void> {
      if (await api.get(entry.seq)) throw new Error(`entry ${entry.seq} exists`);
      await api.put(entry);
    },
    async update(seq: number, patch: Record<string, unknown>): Promise<void> {
      const e = await api.get(seq);
      if (!e) throw new Error(`no entry ${seq}`);
      await api.put({ ...e, ...patch });
    },
    async delete(seq: number): Promise<void> {
      const first = auditBlockOf(seq);
      await save(
        first,
        (await rowsOf(first)).filter((r) => r.seq !== seq),
      );
      await d.auditIndex.delete(seq);
    },
    async bulkPut(entries: readonly AuditEntry[]): Promise<void> {
      for (const e of entries) await api.put(e);
    },
  };
  return api;
}

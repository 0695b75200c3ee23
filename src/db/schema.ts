/**
 * The Dexie database: every schema version and its migration, in one place.
 *
 * Version 1 is what the first build shipped (conversations, messages, vault, outbox, audit,
 * settings). Version 2 adds memories, metrics and the audit keys/head tables, indexes messages
 * for status, and backfills fields that v1 rows lack. Never edit a released version: add one.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  AuditBlockRow,
  AuditEntry,
  AuditIndexRow,
  AuditKeyRow,
  AuditMetaRow,
  Conversation,
  DocumentIndexRow,
  DocumentTextRow,
  Memory,
  Message,
  MetricSample,
  OutboxItem,
  Setting,
  StoredDocument,
  VaultRow,
} from './types';

export const DB_NAME = 'hearth';

/** Version 1 stores, kept verbatim so old databases upgrade (and tests can build a v1 fixture). */
export const SCHEMA_V1 = {
  conversations: 'id, updatedAt',
  messages: 'id, conversationId, [conversationId+createdAt]',
  vault: '[conversationId+placeholder], conversationId',
  outbox: 'id, createdAt',
  audit: 'seq, at',
  settings: 'key',
} as const;

export const SCHEMA_V2 = {
  conversations: 'id, updatedAt, title',
  messages: 'id, conversationId, [conversationId+createdAt], requestId, status',
  memories: 'id, updatedAt, sensitivity',
  vault: '[conversationId+placeholder], conversationId',
  outbox: 'id, createdAt, conversationId',
  audit: 'seq, at, route, requestId, *tiersThatSawData, *entityTypes',
  auditKeys: 'keyId',
  auditMeta: 'id',
  metrics: 'id, at',
  settings: 'key',
} as const;

/** Version 3 moves audit entries into blocks of 100 (see AuditBlockRow) plus index rows. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  audit: null,
  auditBlocks: 'first',
  auditIndex: 'seq, at, route, requestId, *tiersThatSawData, *entityTypes',
} as const;

/**
 * Version 4 adds attached documents: one light row per document (what the Memory view lists),
 * its text with passages and known values, and its BM25 index, each keyed by the document id and
 * indexed by conversation so a conversation's deletion takes them along. Tables not named here
 * are unchanged.
 */
export const SCHEMA_V4_ADDED = {
  documents: 'id, conversationId, createdAt',
  documentTexts: 'id, conversationId',
  documentIndexes: 'id, conversationId',
} as const;

export const AUDIT_BLOCK_SIZE = 100;

/** The `first` of the block that holds entry `seq` (anything below 1 lands in the first block). */
export function auditBlockOf(seq: number): number {
  return seq < 1 ? 1 : seq - ((seq - 1) % AUDIT_BLOCK_SIZE);
}

/** The index row of an entry. */
export function auditIndexRowOf(e: AuditEntry): AuditIndexRow {
  return {
    seq: e.seq,
    at: e.at,
    route: e.route,
    requestId: e.requestId,
    tiersThatSawData: e.tiersThatSawData,
    entityTypes: e.entityTypes,
  };
}

/** Groups entries (in seq order) into the blocks they belong to, appended to what `existing` holds. */
export function intoBlocks(
  entries: readonly AuditEntry[],
  existing: (first: number) => AuditEntry[] = () => [],
): AuditBlockRow[] {
  const blocks = new Map<number, AuditEntry[]>();
  for (const e of entries) {
    const first = auditBlockOf(e.seq);
    let list = blocks.get(first);
    if (!list) {
      list = [...existing(first)];
      blocks.set(first, list);
    }
    list.push(e);
  }
  return [...blocks].map(([first, list]) => ({ first, entries: list }));
}

export class HearthDb extends Dexie {
  conversations!: EntityTable<Conversation, 'id'>;
  messages!: EntityTable<Message, 'id'>;
  memories!: EntityTable<Memory, 'id'>;
  vault!: Table<VaultRow, [string, string]>;
  outbox!: EntityTable<OutboxItem, 'id'>;
  auditBlocks!: EntityTable<AuditBlockRow, 'first'>;
  auditIndex!: EntityTable<AuditIndexRow, 'seq'>;
  auditKeys!: EntityTable<AuditKeyRow, 'keyId'>;
  auditMeta!: EntityTable<AuditMetaRow, 'id'>;
  metrics!: EntityTable<MetricSample, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  documents!: EntityTable<StoredDocument, 'id'>;
  documentTexts!: EntityTable<DocumentTextRow, 'id'>;
  documentIndexes!: EntityTable<DocumentIndexRow, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // v1 messages had no status: everything stored then was finished.
        await tx
          .table('messages')
          .toCollection()
          .modify((m: Partial<Message>) => {
            if (m.status === undefined) m.status = 'complete';
          });
        // v1 vault rows had no normalized key: fall back to the trimmed, lower-cased value.
        await tx
          .table('vault')
          .toCollection()
          .modify((v: Partial<VaultRow>) => {
            if (v.normalized === undefined)
              v.normalized = `${v.type}:${(v.value ?? '').trim().toLowerCase()}`;
          });
        // v1 conversations could lack updatedAt: use createdAt.
        await tx
          .table('conversations')
          .toCollection()
          .modify((c: Partial<Conversation>) => {
            if (c.updatedAt === undefined) c.updatedAt = c.createdAt ?? 0;
          });
        // The chain's head is now remembered separately (detects removal from the end).
        const last = (await tx.table('audit').orderBy('seq').last()) as AuditEntry | undefined;
        if (last)
          await tx.table('auditMeta').put({ id: 'head', head: { seq: last.seq, hash: last.hash } });
      });
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        // Entries move, unchanged and all of them (a tampered one stays visible to
        // verification), from one record each into blocks; Dexie drops the old table after this.
        const entries = (await tx.table('audit').orderBy('seq').toArray()) as AuditEntry[];
        await tx.table('auditBlocks').bulkPut(intoBlocks(entries));
        await tx.table('auditIndex').bulkPut(entries.map(auditIndexRowOf));
      });
    // New tables only: nothing to move or backfill.
    this.version(4).stores(SCHEMA_V4_ADDED);
  }
}

let current: HearthDb | null = null;

/** The app's database, opened on first use. */
export function db(): HearthDb {
  current ??= new HearthDb();
  return current;
}

/** Points the module at another database (tests, benchmarks); closes the previous one. */
export function switchDatabase(name: string): HearthDb {
  current?.close();
  current = new HearthDb(name);
  return current;
}

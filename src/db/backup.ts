/**
 * Backup: everything in one JSON file, and a restore that validates the whole file (zod, and the
 * audit chain against the keys it names) before touching the database, then replaces the data in
 * a single readwrite transaction, so a restore is applied completely or not at all.
 *
 * The device's private signing key is non-extractable and never part of a backup; the backup
 * carries the public keys, so restored entries still verify and new ones continue the chain.
 */
import { z } from 'zod';
import { verifyEntries, type AuditEntry } from '../core/audit';
import { auditIndexRowOf, db, intoBlocks } from './schema';
import { DbError, guardWrite } from './errors';
import { publicKeys, verifyOnlyRows } from './keys';

const structuredError = z.object({ code: z.string(), message: z.string() });
const ms = z.number().finite();

const conversation = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: ms,
  updatedAt: ms,
  instructions: z.string().optional(),
});
const message = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  raw: z.string().optional(),
  createdAt: ms,
  route: z.string().optional(),
  pattern: z.string().optional(),
  badge: z.string().optional(),
  requestId: z.string().optional(),
  status: z.enum(['complete', 'streaming', 'stopped', 'error', 'queued', 'blocked']).optional(),
  error: structuredError.optional(),
  routing: z
    .object({
      label: z.string(),
      tone: z.enum(['local', 'private', 'frontier', 'queued', 'blocked', 'error']),
      tier: z.string(),
      pattern: z.string(),
      sensitivity: z.string(),
      reasons: z.array(z.string()),
      leftDevice: z.array(z.object({ tier: z.string(), text: z.string() })),
      redacted: z.number().int().nonnegative(),
      escalated: z.boolean(),
      note: z.string().optional(),
    })
    .optional(),
  attachments: z
    .array(
      z.object({
        documentId: z.string(),
        name: z.string(),
        kind: z.string(),
        bytes: z.number(),
        chars: z.number(),
        pages: z.number(),
      }),
    )
    .optional(),
  sources: z
    .array(
      z.object({
        documentId: z.string(),
        name: z.string(),
        whole: z.boolean(),
        pages: z.array(z.number()),
        parts: z.array(z.number()),
      }),
    )
    .optional(),
});
const storedDocument = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  messageId: z.string(),
  name: z.string(),
  kind: z.enum(['text', 'markdown', 'csv', 'pdf', 'docx']),
  bytes: z.number().nonnegative(),
  chars: z.number().nonnegative(),
  pages: z.number().nonnegative(),
  chunkCount: z.number().nonnegative(),
  storedBytes: z.number().nonnegative(),
  createdAt: ms,
  counts: z.record(z.string(), z.number()),
  categories: z.array(z.object({ category: z.string(), terms: z.array(z.string()) })),
  personalColumns: z.number().nonnegative(),
  modelStage: z.enum(['ok', 'skipped', 'failed']),
});
const documentText = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  text: z.string(),
  pageStarts: z.array(z.number()),
  chunks: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      page: z.number(),
      prefix: z.string().optional(),
    }),
  ),
  knownValues: z.array(z.object({ value: z.string(), type: z.string() })),
});
const documentIndex = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  index: z.string(),
});
const memory = z.object({
  id: z.string().min(1),
  text: z.string(),
  sensitivity: z.enum(['public', 'internal', 'personal', 'regulated']),
  neverLeavesDevice: z.boolean(),
  createdAt: ms,
  updatedAt: ms,
});
const vaultRow = z.object({
  conversationId: z.string().min(1),
  placeholder: z.string().min(1),
  type: z.string(),
  value: z.string(),
  normalized: z.string(),
});
const outboxItem = z.object({
  id: z.string().min(1),
  conversationId: z.string(),
  messageId: z.string(),
  createdAt: ms,
  request: z.unknown(),
  attempts: z.number().int().nonnegative(),
  lastError: structuredError.optional(),
});
const metric = z.object({
  id: z.string().min(1),
  at: ms,
  route: z.string(),
  tier: z.string(),
  latencyMs: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  costUsd: z.number(),
  redactions: z.record(z.string(), z.number()),
  escalated: z.boolean(),
});
const setting = z.object({ key: z.string().min(1), value: z.unknown() });
// Loose: every field of an audit entry is hashed, so nothing may be dropped or added here.
const auditEntry = z.looseObject({
  v: z.literal(1),
  seq: z.number().int().positive(),
  at: z.string(),
  kind: z.enum(['decision', 'step', 'override', 'deletion']),
  requestId: z.string(),
  route: z.string(),
  pattern: z.string(),
  tiersThatSawData: z.array(z.string()),
  entityCounts: z.record(z.string(), z.number()),
  entityTypes: z.array(z.string()),
  keyId: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  signature: z.string(),
});
const jwk = z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string() });

export const backupSchema = z.object({
  format: z.literal('hearth-backup'),
  version: z.literal(1),
  exportedAt: z.string(),
  data: z.object({
    conversations: z.array(conversation),
    messages: z.array(message),
    memories: z.array(memory),
    vault: z.array(vaultRow),
    outbox: z.array(outboxItem),
    metrics: z.array(metric),
    settings: z.array(setting),
    audit: z.array(auditEntry),
    // Attached documents (schema v4); backups made before them have none.
    documents: z.array(storedDocument).optional(),
    documentTexts: z.array(documentText).optional(),
    documentIndexes: z.array(documentIndex).optional(),
  }),
  auditKeys: z.array(z.object({ keyId: z.string(), publicKeyJwk: jwk })),
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
});

export type Backup = z.infer<typeof backupSchema>;

/** Everything on this device except the private signing key, as one JSON document. */
export async function exportBackup(): Promise<string> {
  const d = db();
  const backup = await d.transaction('r', d.tables, async () => ({
    format: 'hearth-backup' as const,
    version: 1 as const,
    exportedAt: new Date().toISOString(),
    data: {
      conversations: await d.conversations.toArray(),
      messages: await d.messages.toArray(),
      memories: await d.memories.toArray(),
      vault: await d.vault.toArray(),
      outbox: await d.outbox.toArray(),
      metrics: await d.metrics.toArray(),
      settings: await d.settings.toArray(),
      audit: (await d.auditBlocks.orderBy('first').toArray()).flatMap((b) => b.entries),
      documents: await d.documents.toArray(),
      documentTexts: await d.documentTexts.toArray(),
      documentIndexes: await d.documentIndexes.toArray(),
    },
    auditHead: (await d.auditMeta.get('head'))?.head ?? null,
  }));
  return JSON.stringify({ ...backup, auditKeys: await publicKeys() });
}

export interface ImportSummary {
  conversations: number;
  messages: number;
  memories: number;
  auditEntries: number;
}

/**
 * The first row whose primary key an earlier row of the same table already has, as words for the
 * error ("data.settings.3 (setting \"model\")"). Checked before writing: the database would refuse
 * the second row halfway through the import, as a storage error instead of a bad file.
 */
function firstDuplicateKey(data: Backup['data']): string | undefined {
  const tables: [string, string, readonly unknown[], (row: never) => string][] = [
    ['conversations', 'conversation', data.conversations, (r: { id: string }) => r.id],
    ['messages', 'message', data.messages, (r: { id: string }) => r.id],
    ['memories', 'memory', data.memories, (r: { id: string }) => r.id],
    [
      'vault',
      'placeholder',
      data.vault,
      (r: { conversationId: string; placeholder: string }) =>
        `${r.conversationId} ${r.placeholder}`,
    ],
    ['outbox', 'outbox item', data.outbox, (r: { id: string }) => r.id],
    ['metrics', 'metric sample', data.metrics, (r: { id: string }) => r.id],
    ['settings', 'setting', data.settings, (r: { key: string }) => r.key],
  ];
  for (const [table, what, rows, keyOf] of tables) {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const key = keyOf(rows[i] as never);
      if (seen.has(key)) return `data.${table}.${i} (${what} ${JSON.stringify(key)})`;
      seen.add(key);
    }
  }
  return undefined;
}

function invalid(message: string, cause?: unknown): DbError {
  return new DbError('invalid_backup', message, { cause });
}

/**
 * Replaces this device's data with a backup. Throws DbError('invalid_backup') naming the first
 * problem, before anything is written, or DbError('quota_exceeded'); in both cases the data on
 * the device is unchanged.
 */
export async function importBackup(fileText: string): Promise<ImportSummary> {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (err) {
    throw invalid('The file is not JSON, so it is not a Hearth backup.', err);
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the file';
    throw invalid(
      `The backup is not valid at ${where}: ${issue?.message ?? 'unknown problem'}. Nothing was imported.`,
      parsed.error,
    );
  }
  const backup = parsed.data;
  const duplicate = firstDuplicateKey(backup.data);
  if (duplicate) {
    throw invalid(`The backup lists ${duplicate} twice. Nothing was imported.`);
  }
  let keyRows;
  try {
    keyRows = await verifyOnlyRows(backup.auditKeys);
  } catch (err) {
    throw invalid(
      'A public key in the backup does not match its fingerprint. Nothing was imported.',
      err,
    );
  }
  const keys = new Map(keyRows.map((k) => [k.keyId, k.publicKey]));
  const audit = backup.data.audit as unknown as AuditEntry[];
  const verdict = await verifyEntries(audit, (id) => keys.get(id), backup.auditHead);
  if (!verdict.ok) {
    throw invalid(
      `The backup's audit log does not verify: ${verdict.reason}. Nothing was imported.`,
    );
  }
  const d = db();
  const { data } = backup;
  await guardWrite(() =>
    d.transaction('rw', d.tables, async () => {
      const own = (await d.auditKeys.toArray()).filter((k) => k.privateKey);
      for (const t of d.tables) await t.clear();
      await d.conversations.bulkAdd(data.conversations);
      await d.messages.bulkAdd(data.messages);
      await d.memories.bulkAdd(data.memories);
      await d.vault.bulkAdd(data.vault);
      await d.outbox.bulkAdd(data.outbox);
      await d.metrics.bulkAdd(data.metrics);
      await d.settings.bulkAdd(data.settings);
      await d.documents.bulkAdd(data.documents ?? []);
      await d.documentTexts.bulkAdd(data.documentTexts ?? []);
      await d.documentIndexes.bulkAdd(data.documentIndexes ?? []);
      await d.auditBlocks.bulkAdd(intoBlocks(audit));
      await d.auditIndex.bulkAdd(audit.map(auditIndexRowOf));
      await d.auditKeys.bulkPut([
        ...keyRows.filter((k) => !own.some((o) => o.keyId === k.keyId)),
        ...own,
      ]);
      if (backup.auditHead) await d.auditMeta.put({ id: 'head', head: backup.auditHead });
    }),
  );
  return {
    conversations: data.conversations.length,
    messages: data.messages.length,
    memories: data.memories.length,
    auditEntries: audit.length,
  };
}

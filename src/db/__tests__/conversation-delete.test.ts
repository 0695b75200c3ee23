import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, nth } from './helpers';
import {
  addMessage,
  createConversation,
  deleteConversation,
  listConversations,
  listMessages,
} from '../conversations';
import { addMessageWithDocuments, listConversationDocuments } from '../documents';
import { loadVault, saveVaultEntries } from '../vault';
import { enqueueOutbox, listOutbox } from '../outbox';
import { allAuditEntries, appendAudit, verifyAuditChain } from '../audit';
import { exportBackup, importBackup } from '../backup';
import { db } from '../schema';
import { sampleEntry } from './helpers';

beforeEach(() => {
  freshDb();
});

const TITLE = 'Letter to Maren Vandersloot';
const SECRET = 'maren.vandersloot@example.org';

/** A conversation with two messages, two vault values, one document and a queued request. */
async function filled() {
  const c = await createConversation(TITLE);
  const m = await addMessageWithDocuments(
    { conversationId: c.id, role: 'user', content: `Write to ${SECRET} about the lease.` },
    [
      {
        document: {
          id: 'lease',
          name: 'lease-vandersloot.txt',
          kind: 'text',
          bytes: 20,
          chars: 20,
          pages: 0,
          chunkCount: 1,
          counts: { PERSON: 1 },
          categories: [],
          personalColumns: 0,
          modelStage: 'ok',
        },
        text: {
          text: 'Tenant: M. Vandersloot',
          pageStarts: [0],
          chunks: [{ start: 0, end: 22, page: 1 }],
          knownValues: [{ value: 'M. Vandersloot', type: 'PERSON' }],
        },
        index: '{"index":1}',
      },
    ],
  );
  await addMessage({ conversationId: c.id, role: 'assistant', content: 'Dear Maren, …' });
  await saveVaultEntries(c.id, [
    { placeholder: '[EMAIL_1]', type: 'EMAIL', value: SECRET },
    { placeholder: '[PERSON_1]', type: 'PERSON', value: 'Maren Vandersloot' },
  ]);
  await enqueueOutbox({ conversationId: c.id, messageId: m.id, request: { q: 1 } });
  return c;
}

describe('deleteConversation', () => {
  it('removes the conversation and everything of it, and nothing of another one', async () => {
    const c = await filled();
    const keep = await createConversation('Kept');
    await addMessage({ conversationId: keep.id, role: 'user', content: 'stays' });
    await saveVaultEntries(keep.id, [{ placeholder: '[EMAIL_1]', type: 'EMAIL', value: 'k@x.y' }]);

    const record = await deleteConversation(c.id);

    expect(record).toEqual({
      what: 'conversation',
      messages: 2,
      vaultEntries: 2,
      documents: 1,
      queued: 1,
    });
    expect((await listConversations()).map((x) => x.id)).toEqual([keep.id]);
    expect(await listMessages(c.id)).toEqual([]);
    expect(await loadVault(c.id)).toEqual([]);
    expect(await listConversationDocuments(c.id)).toEqual([]);
    const d = db();
    expect(await d.documentTexts.where('conversationId').equals(c.id).count()).toBe(0);
    expect(await d.documentIndexes.where('conversationId').equals(c.id).count()).toBe(0);
    expect(await listOutbox()).toEqual([]);
    // The other conversation is untouched.
    expect(await listMessages(keep.id)).toHaveLength(1);
    expect(await loadVault(keep.id)).toHaveLength(1);
  });

  it('records the deletion in the audit log with an id and counts, and no content', async () => {
    await appendAudit(sampleEntry(1));
    const c = await filled();
    await deleteConversation(c.id);

    const entries = await allAuditEntries();
    expect(entries).toHaveLength(2);
    const entry = nth(entries, 1);
    expect(entry).toMatchObject({
      kind: 'deletion',
      requestId: c.id,
      tiersThatSawData: [],
      entityCounts: {},
      deleted: { what: 'conversation', messages: 2, vaultEntries: 2, documents: 1, queued: 1 },
    });
    expect(entry.outgoingText).toBeUndefined();
    // Nothing the user wrote, titled or had redacted is in the entry, in any field.
    const stored = JSON.stringify(entry);
    for (const content of [TITLE, 'Vandersloot', SECRET, 'lease', 'Dear Maren'])
      expect(stored).not.toContain(content);
    // It is part of the signed chain like any other entry.
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 2 });
  });

  it('deletion entries survive a backup and its restore', async () => {
    const c = await filled();
    await deleteConversation(c.id);
    const backup = await exportBackup();
    freshDb();
    await importBackup(backup);
    expect(nth(await allAuditEntries(), 0).kind).toBe('deletion');
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 1 });
  });

  it('audits a conversation that had nothing yet with zero counts', async () => {
    const c = await createConversation('');
    expect(await deleteConversation(c.id)).toEqual({
      what: 'conversation',
      messages: 0,
      vaultEntries: 0,
      documents: 0,
      queued: 0,
    });
    expect(await allAuditEntries()).toHaveLength(1);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, sampleEntry } from './helpers';
import { exportBackup, importBackup } from '../backup';
import { addMessage, createConversation, listConversations, listMessages } from '../conversations';
import { addMemory, listMemories } from '../memories';
import { appendAuditBatch, appendAudit, verifyAuditChain } from '../audit';
import { saveVaultEntries, loadVault } from '../vault';
import { setSetting, getSetting } from '../settings';
import { DbError } from '../errors';

beforeEach(() => {
  freshDb();
});

async function seedDevice() {
  const c = await createConversation('Tax return');
  await addMessage({ conversationId: c.id, role: 'user', content: 'My IBAN is [IBAN_1]' });
  await addMessage({
    conversationId: c.id,
    role: 'assistant',
    content: 'Noted.',
    route: 'local',
    pattern: 'local',
  });
  await addMemory({
    text: 'Prefers metric units',
    sensitivity: 'public',
    neverLeavesDevice: false,
  });
  await saveVaultEntries(c.id, [
    { placeholder: '[IBAN_1]', type: 'IBAN', value: 'DE89370400440532013000' },
  ]);
  await setSetting('model', 'qwen2.5-1.5b');
  await appendAuditBatch([sampleEntry(1), sampleEntry(2), sampleEntry(3)]);
  return c;
}

describe('backup', () => {
  it('round-trips everything into a fresh profile; the chain verifies and continues there', async () => {
    const c = await seedDevice();
    const file = await exportBackup();
    expect(file).not.toContain('privateKey');

    freshDb(); // another browser profile, with its own device key
    const summary = await importBackup(file);
    expect(summary).toEqual({ conversations: 1, messages: 2, memories: 1, auditEntries: 3 });
    expect((await listConversations())[0]).toMatchObject({ id: c.id, title: 'Tax return' });
    expect(await listMessages(c.id)).toHaveLength(2);
    expect(await listMemories()).toHaveLength(1);
    expect(await loadVault(c.id)).toHaveLength(1);
    expect(await getSetting('model')).toBe('qwen2.5-1.5b');
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 3 });
    const next = await appendAudit(sampleEntry(4));
    expect(next.seq).toBe(4);
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 4 });
  });

  it('never half-applies: a bad record halfway leaves the existing data untouched', async () => {
    const file = JSON.parse(await (async () => (await seedDevice(), exportBackup()))());
    const target = freshDb();
    await createConversation('Existing');
    const before = await target.conversations.toArray();

    file.data.messages[1].role = 'robot';
    await expect(importBackup(JSON.stringify(file))).rejects.toMatchObject({
      code: 'invalid_backup',
      message: expect.stringMatching(/data\.messages\.1\.role/),
    });
    expect(await target.conversations.toArray()).toEqual(before);
    expect(await target.messages.count()).toBe(0);
  });

  it('rolls back when the database refuses a record halfway through the transaction', async () => {
    const file = await (async () => (await seedDevice(), exportBackup()))();
    const target = freshDb();
    await createConversation('Existing');
    const before = await target.conversations.toArray();
    target.memories.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    const err = await importBackup(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect((err as DbError).toJSON()).toMatchObject({ code: 'quota_exceeded' });
    expect(await target.conversations.toArray()).toEqual(before);
    expect(await target.messages.count()).toBe(0);
    expect(await target.auditIndex.count()).toBe(0);
  });

  it('refuses a backup that lists a key twice as a bad file, before writing anything', async () => {
    const file = JSON.parse(await (async () => (await seedDevice(), exportBackup()))());
    file.data.settings.push({ ...file.data.settings[0], value: 'other' });
    const target = freshDb();
    await createConversation('Existing');
    const before = await target.conversations.toArray();
    await expect(importBackup(JSON.stringify(file))).rejects.toMatchObject({
      code: 'invalid_backup',
      message: expect.stringMatching(/data\.settings\.1 \(setting "model"\) twice/),
    });
    expect(await target.conversations.toArray()).toEqual(before);
  });

  it('keeps the answer as the model wrote it (raw) through export and import', async () => {
    const c = await createConversation('Links');
    await addMessage({
      conversationId: c.id,
      role: 'assistant',
      content: 'Mail ana@x.io',
      raw: 'Mail [EMAIL_1]',
    });
    const file = await exportBackup();
    freshDb();
    await importBackup(file);
    expect((await listMessages(c.id))[0]).toMatchObject({ raw: 'Mail [EMAIL_1]' });
  });

  it('refuses a backup whose audit log was tampered with', async () => {
    const file = JSON.parse(await (async () => (await seedDevice(), exportBackup()))());
    file.data.audit[1].route = 'nowhere';
    freshDb();
    await expect(importBackup(JSON.stringify(file))).rejects.toMatchObject({
      code: 'invalid_backup',
      message: expect.stringMatching(/entry 2 .*edited/),
    });
  });

  it('refuses files that are not backups', async () => {
    await expect(importBackup('not json')).rejects.toMatchObject({ code: 'invalid_backup' });
    await expect(importBackup('{"format":"other"}')).rejects.toMatchObject({
      code: 'invalid_backup',
    });
  });
});

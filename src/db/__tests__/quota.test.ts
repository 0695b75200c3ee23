import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb, sampleEntry } from './helpers';
import { must } from './helpers';
import { addMessage, createConversation, listMessages } from '../conversations';
import { appendAudit, appendAuditBatch, verifyAuditChain } from '../audit';
import { addMemory } from '../memories';
import { DbError, onDbError, QUOTA_MESSAGE } from '../errors';
import { storageHealth } from '../health';
import type { HearthDb } from '../schema';

let d: HearthDb;
beforeEach(() => {
  d = freshDb();
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('QuotaExceededError', () => {
  it('is reported as {code: "quota_exceeded", message} and earlier messages stay intact', async () => {
    const c = await createConversation('Notes');
    await addMessage({ conversationId: c.id, role: 'user', content: 'first' });
    const updatedAt = must(await d.conversations.get(c.id)).updatedAt;
    const seen: unknown[] = [];
    const off = onDbError((e) => seen.push(e.toJSON()));
    d.messages.hook('creating', () => {
      throw quota();
    });
    const err = await addMessage({ conversationId: c.id, role: 'user', content: 'second' }).catch(
      (e: unknown) => e,
    );
    off();
    expect(err).toBeInstanceOf(DbError);
    expect((err as DbError).toJSON()).toEqual({ code: 'quota_exceeded', message: QUOTA_MESSAGE });
    expect(QUOTA_MESSAGE).toMatch(/Models page/);
    expect(seen).toEqual([{ code: 'quota_exceeded', message: QUOTA_MESSAGE }]);
    expect((await listMessages(c.id)).map((m) => m.content)).toEqual(['first']);
    // The conversation's updatedAt was part of the same transaction and did not move either.
    expect(must(await d.conversations.get(c.id)).updatedAt).toBe(updatedAt);
    expect((await storageHealth()).lastQuotaError).toMatchObject({ message: QUOTA_MESSAGE });
  });

  it('from a mocked put: the memory is not stored', async () => {
    vi.spyOn(d.memories, 'add').mockRejectedValue(quota());
    await expect(
      addMemory({ text: 'x', sensitivity: 'public', neverLeavesDevice: true }),
    ).rejects.toMatchObject({
      code: 'quota_exceeded',
    });
    expect(await d.memories.count()).toBe(0);
  });

  it('halfway through an audit batch: nothing of the batch is written and the chain still verifies', async () => {
    await appendAuditBatch([sampleEntry(1), sampleEntry(2)]);
    let n = 0;
    const failSecond = () => {
      n += 1;
      if (n === 2) throw quota();
    };
    d.auditIndex.hook('creating', failSecond);
    await expect(
      appendAuditBatch([sampleEntry(3), sampleEntry(4), sampleEntry(5)]),
    ).rejects.toMatchObject({
      code: 'quota_exceeded',
    });
    expect(await d.auditIndex.count()).toBe(2);
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 2 });
    d.auditIndex.hook('creating').unsubscribe(failSecond);
    expect((await appendAudit(sampleEntry(6))).seq).toBe(3);
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 3 });
  });
});

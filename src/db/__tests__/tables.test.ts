import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from './helpers';
import { must, nth } from './helpers';
import {
  addMessage,
  addMessages,
  listRecentMessages,
  createConversation,
  deleteConversation,
  listConversations,
  listMessages,
  searchConversations,
  updateMessage,
} from '../conversations';
import { addMemory, deleteMemory, getMemory, listMemories, updateMemory } from '../memories';
import { loadVault, saveVaultEntries } from '../vault';
import { enqueueOutbox, listOutbox, markOutboxAttempt, removeOutbox } from '../outbox';
import { listMetrics, recordMetric } from '../metrics';
import { getSetting, setSetting } from '../settings';
import type { HearthDb } from '../schema';

let d: HearthDb;
beforeEach(() => {
  d = freshDb();
});

describe('conversations and messages', () => {
  it('stores messages in order with route and pattern, and updates them', async () => {
    const c = await createConversation('Holiday');
    const m1 = await addMessage({
      conversationId: c.id,
      role: 'user',
      content: 'Where to go?',
      createdAt: 10,
    });
    await addMessage({
      conversationId: c.id,
      role: 'assistant',
      content: '',
      createdAt: 20,
      status: 'streaming',
      route: 'local',
      pattern: 'local',
    });
    const [, m2] = await listMessages(c.id);
    await updateMessage(must(m2).id, {
      content: 'Lisbon.',
      status: 'complete',
      badge: 'answered locally',
    });
    expect(await listMessages(c.id)).toMatchObject([
      { id: m1.id, content: 'Where to go?' },
      {
        content: 'Lisbon.',
        status: 'complete',
        route: 'local',
        pattern: 'local',
        badge: 'answered locally',
      },
    ]);
  });

  it('reads the newest messages of a long conversation, and older ones page by page', async () => {
    const c = await createConversation('Long');
    await addMessages(
      Array.from({ length: 50 }, (_, i) => ({
        id: `m${i}`,
        conversationId: c.id,
        role: 'user' as const,
        content: `message ${i}`,
        createdAt: 1000 + i,
      })),
    );
    const last = await listRecentMessages(c.id, 10);
    expect(last.map((m) => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${40 + i}`));
    const older = await listRecentMessages(c.id, 10, nth(last, 0).createdAt);
    expect(older.map((m) => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${30 + i}`));
  });

  it('lists the most recently active first and searches titles and text', async () => {
    const a = await createConversation('Tax return 2025');
    const b = await createConversation('Cooking');
    await addMessage({
      conversationId: b.id,
      role: 'user',
      content: 'How long to boil an egg for a TAX-free brunch?',
    });
    expect((await listConversations()).map((c) => c.id)).toEqual([b.id, a.id]);
    const hits = await searchConversations('tax');
    expect(hits.map((h) => h.conversation.id)).toEqual([b.id, a.id]);
    expect(nth(hits, 0).snippet).toContain('TAX-free');
    expect(await searchConversations('nothing like this')).toEqual([]);
    expect(await searchConversations('  ')).toHaveLength(2);
  });

  it('deletes a conversation with its messages, vault and outbox items', async () => {
    const c = await createConversation('Gone');
    const keep = await createConversation('Kept');
    const m = await addMessage({ conversationId: c.id, role: 'user', content: 'x' });
    await addMessage({ conversationId: keep.id, role: 'user', content: 'y' });
    await saveVaultEntries(c.id, [{ placeholder: '[EMAIL_1]', type: 'EMAIL', value: 'a@b.c' }]);
    await enqueueOutbox({ conversationId: c.id, messageId: m.id, request: { q: 1 } });
    await deleteConversation(c.id);
    expect((await listConversations()).map((x) => x.id)).toEqual([keep.id]);
    expect(await d.messages.count()).toBe(1);
    expect(await loadVault(c.id)).toEqual([]);
    expect(await listOutbox()).toEqual([]);
  });
});

describe('memories', () => {
  it('supports add, edit, list and delete', async () => {
    let clock = 1_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1));
    const m = await addMemory({
      text: 'Allergic to peanuts',
      sensitivity: 'personal',
      neverLeavesDevice: true,
    });
    await addMemory({ text: 'Works at Acme', sensitivity: 'internal', neverLeavesDevice: false });
    await updateMemory(m.id, { sensitivity: 'regulated' });
    expect(await getMemory(m.id)).toMatchObject({
      sensitivity: 'regulated',
      neverLeavesDevice: true,
    });
    expect(nth(await listMemories(), 0).id).toBe(m.id);
    await deleteMemory(m.id);
    expect((await listMemories()).map((x) => x.text)).toEqual(['Works at Acme']);
  });
});

describe('vault, outbox, metrics, settings', () => {
  it('vault entries are per conversation and replace by placeholder', async () => {
    await saveVaultEntries('c1', [
      { placeholder: '[PERSON_1]', type: 'PERSON', value: 'Ada', normalized: 'PERSON:ada' },
      { placeholder: '[EMAIL_1]', type: 'EMAIL', value: 'ada@x.org' },
    ]);
    await saveVaultEntries('c2', [{ placeholder: '[PERSON_1]', type: 'PERSON', value: 'Bob' }]);
    await saveVaultEntries('c1', [{ placeholder: '[PERSON_1]', type: 'PERSON', value: 'Ada L.' }]);
    const v = await loadVault('c1');
    expect(v).toHaveLength(2);
    expect(v.find((e) => e.placeholder === '[PERSON_1]')).toMatchObject({
      value: 'Ada L.',
      normalized: 'PERSON:ada l.',
    });
  });

  it('outbox keeps order, counts attempts with structured errors and removes', async () => {
    const a = await enqueueOutbox({
      conversationId: 'c',
      messageId: 'm1',
      request: { messages: [] },
    });
    const b = await enqueueOutbox({
      conversationId: 'c',
      messageId: 'm2',
      request: { messages: [] },
    });
    await markOutboxAttempt(a.id, { code: 'offline', message: 'No network' });
    await markOutboxAttempt(a.id, { code: 'http_429', message: 'Too many requests' });
    const items = await listOutbox();
    expect(items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect(items[0]).toMatchObject({ attempts: 2, lastError: { code: 'http_429' } });
    await removeOutbox(a.id);
    expect((await listOutbox()).map((i) => i.id)).toEqual([b.id]);
  });

  it('metrics filter by time; settings round-trip JSON', async () => {
    const base = {
      route: 'local',
      tier: 'local',
      latencyMs: 5,
      promptTokens: 1,
      completionTokens: 2,
      costUsd: 0,
      redactions: { PERSON: 1 },
      escalated: false,
    };
    await recordMetric({ ...base, at: 1000 });
    await recordMetric({ ...base, at: 3000, escalated: true });
    expect(await listMetrics()).toHaveLength(2);
    expect(await listMetrics(2000)).toMatchObject([{ at: 3000, escalated: true }]);
    await setSetting('policy', { version: 1, rules: [] });
    expect(await getSetting('policy')).toEqual({ version: 1, rules: [] });
    expect(await getSetting('missing')).toBeUndefined();
  });
});

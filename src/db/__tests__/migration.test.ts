import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { HearthDb, SCHEMA_V1 } from '../schema';

/** A database as the first build wrote it (schema version 1), with rows lacking v2 fields. */
async function v1Fixture(name: string) {
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  await old.open();
  await old.table('conversations').bulkAdd([
    { id: 'c1', title: 'Trip planning', createdAt: 1000, updatedAt: 2000 },
    { id: 'c2', title: 'Old one', createdAt: 500 },
  ]);
  await old.table('messages').bulkAdd([
    { id: 'm1', conversationId: 'c1', role: 'user', content: 'Book a flight', createdAt: 1000 },
    {
      id: 'm2',
      conversationId: 'c1',
      role: 'assistant',
      content: 'Done',
      createdAt: 1500,
      route: 'local',
      status: 'stopped',
    },
  ]);
  await old.table('vault').add({
    conversationId: 'c1',
    placeholder: '[PERSON_1]',
    type: 'PERSON',
    value: ' Ada Lovelace ',
  });
  await old.table('settings').add({ key: 'model', value: 'qwen' });
  old.close();
}

describe('schema migrations', () => {
  it('upgrades a v1 database to the current version without losing rows', async () => {
    const name = `migrate-${Math.random()}`;
    await v1Fixture(name);
    const d = new HearthDb(name);
    await d.open();
    expect(d.verno).toBe(2);
    expect(await d.conversations.get('c2')).toMatchObject({ updatedAt: 500 });
    expect(await d.messages.get('m1')).toMatchObject({
      status: 'complete',
      content: 'Book a flight',
    });
    expect(await d.messages.get('m2')).toMatchObject({ status: 'stopped', route: 'local' });
    expect(await d.vault.get(['c1', '[PERSON_1]'])).toMatchObject({
      normalized: 'PERSON:ada lovelace',
    });
    expect(await d.settings.get('model')).toEqual({ key: 'model', value: 'qwen' });
    // New v2 tables exist and are empty; new indexes work on migrated rows.
    expect(await d.memories.count()).toBe(0);
    expect(await d.messages.where('status').equals('complete').primaryKeys()).toEqual(['m1']);
    d.close();
  });

  it('opens a brand-new database at the current version', async () => {
    const d = new HearthDb(`fresh-${Math.random()}`);
    await d.open();
    expect(d.verno).toBe(2);
    expect(d.tables.map((t) => t.name).sort()).toEqual([
      'audit',
      'auditKeys',
      'auditMeta',
      'conversations',
      'memories',
      'messages',
      'metrics',
      'outbox',
      'settings',
      'vault',
    ]);
    d.close();
  });
});

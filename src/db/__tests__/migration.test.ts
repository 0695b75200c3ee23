import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { HearthDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, switchDatabase } from '../schema';
import { appendAudit, verifyAuditChain } from '../audit';
import { forgetCachedKey } from '../keys';
import { KEY_ALGORITHM, buildEntries, keyIdFor } from '../../core/audit';
import { sampleEntry } from './helpers';

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
    expect(d.verno).toBe(4);
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

  it('moves a v2 audit log (one record per entry) into blocks; it still verifies and continues', async () => {
    const name = `migrate-v2-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    await old.open();
    const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const publicKeyJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    const keyId = await keyIdFor(publicKeyJwk);
    await old.table('auditKeys').put({
      keyId,
      publicKeyJwk,
      publicKey: pair.publicKey,
      privateKey: pair.privateKey,
      createdAt: 1,
    });
    const entries = await buildEntries(
      Array.from({ length: 150 }, (_, i) => sampleEntry(i + 1)),
      null,
      { keyId, privateKey: pair.privateKey },
    );
    await old.table('audit').bulkAdd(entries);
    const last = entries.at(-1);
    await old.table('auditMeta').put({ id: 'head', head: { seq: 150, hash: last?.hash } });
    old.close();

    const d = switchDatabase(name);
    forgetCachedKey();
    await d.open();
    expect(d.verno).toBe(4);
    const blocks = await d.auditBlocks.orderBy('first').toArray();
    expect(blocks.map((b) => [b.first, b.entries.length])).toEqual([
      [1, 100],
      [101, 50],
    ]);
    expect(blocks.flatMap((b) => b.entries)).toEqual(entries);
    expect(await d.auditIndex.where('route').equals('cloud-redacted').count()).toBe(50);
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 150 });
    expect((await appendAudit(sampleEntry(151))).seq).toBe(151);
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 151 });
    d.close();
  });

  it('opens a brand-new database at the current version', async () => {
    const d = new HearthDb(`fresh-${Math.random()}`);
    await d.open();
    expect(d.verno).toBe(4);
    expect(d.tables.map((t) => t.name).sort()).toEqual([
      'auditBlocks',
      'auditIndex',
      'auditKeys',
      'auditMeta',
      'conversations',
      'documentIndexes',
      'documentTexts',
      'documents',
      'memories',
      'messages',
      'metrics',
      'outbox',
      'settings',
      'vault',
    ]);
    d.close();
  });

  it('adds the document tables to a v3 database; its rows stay as they were', async () => {
    const name = `migrate-v3-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    await old.open();
    await old.table('conversations').add({ id: 'c1', title: 'Old', createdAt: 1, updatedAt: 2 });
    await old
      .table('messages')
      .add({ id: 'm1', conversationId: 'c1', role: 'user', content: 'Hi', createdAt: 1 });
    old.close();
    const d = new HearthDb(name);
    await d.open();
    expect(d.verno).toBe(4);
    expect(await d.messages.get('m1')).toMatchObject({ content: 'Hi' });
    expect(await d.documents.count()).toBe(0);
    expect(await d.documentTexts.where('conversationId').equals('c1').count()).toBe(0);
    d.close();
  });
});

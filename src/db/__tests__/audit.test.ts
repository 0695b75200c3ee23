import { beforeEach, describe, expect, it } from 'vitest';
import { auditEntries, freshDb, sampleEntry } from './helpers';
import { must, nth } from './helpers';
import {
  KEY_ALGORITHM,
  buildEntries,
  keyIdFor,
  hashBody,
  entryBody,
  signHash,
  verifyJsonlExport,
} from '../../core/audit';
import {
  appendAudit,
  appendAuditBatch,
  auditFacets,
  auditSeqs,
  exportAuditCsv,
  exportAuditJsonl,
  getAuditEntries,
  verifyAuditChain,
} from '../audit';
import { deviceKey } from '../keys';
import { onDbError } from '../errors';
import { HearthDb, auditIndexRowOf, intoBlocks } from '../schema';
import type { AuditEntry } from '../types';

let d: HearthDb;
beforeEach(() => {
  d = freshDb();
});

async function seed(n: number) {
  return appendAuditBatch(Array.from({ length: n }, (_, i) => sampleEntry(i + 1)));
}

describe('appendAudit', () => {
  it('returns the stored entry with seq, at, prevHash, hash and signature', async () => {
    const e = await appendAudit(sampleEntry(1));
    expect(e).toMatchObject({
      seq: 1,
      requestId: 'req-1',
      prevHash: '0'.repeat(64),
      kind: 'decision',
    });
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.signature.length).toBeGreaterThan(40);
    expect(new Date(e.at).toISOString()).toBe(e.at);
    expect(await auditEntries(d).get(1)).toEqual(e);
    const next = await appendAudit(sampleEntry(2));
    expect(next).toMatchObject({ seq: 2, prevHash: e.hash });
  });

  it('keeps the private key non-extractable and in IndexedDB', async () => {
    const k = await deviceKey();
    expect(k.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', k.privateKey)).rejects.toThrow();
    expect((await d.auditKeys.get(k.keyId))?.privateKey).toBeDefined();
  });

  it('never forks under concurrent appends', async () => {
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => appendAudit(sampleEntry(i))),
      appendAuditBatch([sampleEntry(100), sampleEntry(101)]),
      ...Array.from({ length: 20 }, (_, i) => appendAudit(sampleEntry(200 + i))),
    ]);
    const seqs = (await auditEntries(d).toArray()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 42 });
  });

  it('retries on top of an entry another writer slipped in', async () => {
    await seed(2);
    // Another tab (without the lock) writes seq 3 between our read and our write.
    let injected = false;
    d.auditIndex.hook('creating', function (_pk, obj) {
      if (!injected && obj.requestId === 'mine') {
        injected = true;
        throw Object.assign(new Error('Key already exists'), { name: 'ConstraintError' });
      }
    });
    const reported: unknown[] = [];
    const off = onDbError((err) => reported.push(err));
    const e = await appendAudit(sampleEntry(3, { requestId: 'mine' }));
    off();
    expect(injected).toBe(true);
    expect(reported).toEqual([]); // a retry is not a failure
    expect(e.seq).toBe(3);
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 3 });
  });

  it("appends correctly after another tab moved the head behind this tab's back", async () => {
    await seed(3);
    // "Another tab": its own connection to the same database, appending entry 4.
    const other = new HearthDb(d.name);
    const key = await deviceKey();
    const head = must(await other.auditMeta.get('head')).head;
    const [e4] = await buildEntries([sampleEntry(4, { requestId: 'other-tab' })], head, key);
    await other.transaction(
      'rw',
      other.auditBlocks,
      other.auditIndex,
      other.auditMeta,
      async () => {
        const block = must(await other.auditBlocks.get(1));
        await other.auditBlocks.put(intoBlocks([must(e4)], () => block.entries)[0] ?? block);
        await other.auditIndex.add(auditIndexRowOf(must(e4)));
        await other.auditMeta.put({ id: 'head', head: { seq: 4, hash: must(e4).hash } });
      },
    );
    other.close();
    expect((await appendAudit(sampleEntry(5))).seq).toBe(5);
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 5 });
  });
});

describe('verifyAuditChain detects tampering', () => {
  it('accepts an untouched chain and an empty one', async () => {
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 0 });
    await seed(30);
    expect(await verifyAuditChain({ pageSize: 7 })).toEqual({ ok: true, count: 30 });
  });

  it('an edited entry', async () => {
    await seed(10);
    await auditEntries(d).update(4, {
      route: 'local' === must(await auditEntries(d).get(4)).route ? 'cloud' : 'local',
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 4, code: 'edited' });
  });

  it('an added field', async () => {
    await seed(5);
    const e = must(await auditEntries(d).get(2));
    await auditEntries(d).put({ ...e, note: 'hi' } as typeof e);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 2, code: 'edited' });
  });

  it('an edit with the hash recomputed (the signature no longer matches)', async () => {
    await seed(10);
    const e = must(await auditEntries(d).get(6));
    const forged = { ...e, outgoingText: 'something else' };
    forged.hash = await hashBody(entryBody(forged));
    await auditEntries(d).put(forged);
    // Entry 7 still points at the old hash: the earliest visible break is 7's link or 6's signature.
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      code: 'bad_signature',
    });
  });

  it('a deleted entry in the middle', async () => {
    await seed(10);
    await auditEntries(d).delete(5);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 5, code: 'sequence' });
  });

  it('a deleted entry at the end (the head remembers it)', async () => {
    await seed(10);
    await auditEntries(d).delete(10);
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 10,
      code: 'truncated',
    });
  });

  it('an inserted entry (renumbered after it)', async () => {
    const entries = await seed(6);
    const copy = { ...nth(entries, 2), requestId: 'inserted' };
    // Shift 4..6 up by one and put the forged entry at 4.
    for (const e of entries.slice(3).reverse()) {
      await auditEntries(d).delete(e.seq);
      await auditEntries(d).put({ ...e, seq: e.seq + 1 });
    }
    await auditEntries(d).put({ ...copy, seq: 4 });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('two entries swapped (reordered)', async () => {
    const entries = await seed(6);
    await auditEntries(d).put({ ...nth(entries, 1), seq: 3 });
    await auditEntries(d).put({ ...nth(entries, 2), seq: 2 });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 2, code: 'edited' });
  });

  it('signatures swapped between two entries', async () => {
    const entries = await seed(6);
    await auditEntries(d).update(3, { signature: nth(entries, 4).signature });
    await auditEntries(d).update(5, { signature: nth(entries, 2).signature });
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      code: 'bad_signature',
    });
  });

  it('the device key swapped for another one', async () => {
    await seed(4);
    const k = await deviceKey();
    const other = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
    // Same keyId, different key: refused because the key does not match its fingerprint.
    await d.auditKeys.update(k.keyId, { publicKey: other.publicKey });
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      code: 'unknown_key',
    });
    // Everything re-signed with an attacker's key that is registered as well: the entries name
    // the device key, so they fail; renaming them breaks their hashes.
    const jwk = await crypto.subtle.exportKey('jwk', other.publicKey);
    const otherId = await keyIdFor(jwk);
    await d.auditKeys.put({
      keyId: otherId,
      publicKeyJwk: jwk,
      publicKey: other.publicKey,
      createdAt: 0,
    });
    await d.auditKeys.update(k.keyId, { publicKey: k.publicKey });
    const e1 = must(await auditEntries(d).get(1));
    await auditEntries(d).put({
      ...e1,
      keyId: otherId,
      signature: await signHash(other.privateKey, e1.hash),
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 1, code: 'edited' });
  });
});

describe("verifyAuditChain({signatures: 'head'})", () => {
  it('proves the content with the head signature and finds a forged entry by bisection', async () => {
    await seed(40);
    expect(await verifyAuditChain({ signatures: 'head' })).toEqual({ ok: true, count: 40 });
    // Forge entry 23 and recompute every hash after it, so hashes and links all hold.
    // (Hashing is async WebCrypto, so it happens outside any transaction.)
    const forgedChain: AuditEntry[] = [];
    let prev = must(await auditEntries(d).get(22)).hash;
    for (let seq = 23; seq <= 40; seq++) {
      const e = must(await auditEntries(d).get(seq));
      const forged = {
        ...e,
        prevHash: prev,
        route: seq === 23 ? 'local' : e.route,
        requestId: seq === 23 ? 'forged' : e.requestId,
      };
      forged.hash = await hashBody(entryBody(forged));
      prev = forged.hash;
      forgedChain.push(forged);
    }
    await auditEntries(d).bulkPut(forgedChain);
    await d.auditMeta.put({ id: 'head', head: { seq: 40, hash: prev } });
    expect(await verifyAuditChain({ signatures: 'head' })).toMatchObject({
      ok: false,
      firstBadSeq: 23,
      code: 'bad_signature',
    });
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 23,
      code: 'bad_signature',
    });
  });

  it('still catches edits, deletions and truncation; only a swapped signature on intact content needs the full check', async () => {
    const entries = await seed(10);
    await auditEntries(d).update(3, { signature: nth(entries, 5).signature });
    expect(await verifyAuditChain({ signatures: 'head' })).toEqual({ ok: true, count: 10 });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 3 });
    await auditEntries(d).update(7, { latencyMs: 1 });
    expect(await verifyAuditChain({ signatures: 'head' })).toMatchObject({
      ok: false,
      firstBadSeq: 7,
      code: 'edited',
    });
    await auditEntries(d).put(nth(entries, 6));
    await auditEntries(d).delete(10);
    expect(await verifyAuditChain({ signatures: 'head' })).toMatchObject({
      ok: false,
      firstBadSeq: 10,
      code: 'truncated',
    });
  });

  it('reports progress page by page', async () => {
    await seed(250);
    const seen: [number, number][] = [];
    // pageSize counts blocks of 100 entries.
    await verifyAuditChain({ pageSize: 1, onProgress: (n, total) => seen.push([n, total]) });
    expect(seen).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
  });
});

describe('the per-entry index', () => {
  it('a block that no longer holds a list: reading skips it, verification reports it', async () => {
    await seed(150);
    await d.auditBlocks.put({ first: 101, entries: 'gone' } as never);
    expect((await getAuditEntries([100, 101, 150])).map((e) => e.seq)).toEqual([100]);
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 101,
      count: 100,
    });
  });

  it('an index row deleted (an entry hidden from the Audit view) fails verification', async () => {
    await seed(130);
    await d.auditIndex.delete(120);
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 120,
      code: 'index_mismatch',
      count: 130,
    });
  });

  it('an index row added for an entry that does not exist fails verification', async () => {
    await seed(5);
    await d.auditIndex.add({
      seq: 6,
      at: new Date().toISOString(),
      route: 'local',
      requestId: 'ghost',
      tiersThatSawData: ['local'],
      entityTypes: [],
    });
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      code: 'index_mismatch',
    });
  });

  it('entries fill blocks of 100 across batches and single appends', async () => {
    await seed(150);
    await appendAudit(sampleEntry(151));
    await appendAuditBatch(Array.from({ length: 60 }, (_, i) => sampleEntry(200 + i)));
    const blocks = await d.auditBlocks.orderBy('first').toArray();
    expect(blocks.map((b) => [b.first, b.entries.length])).toEqual([
      [1, 100],
      [101, 100],
      [201, 11],
    ]);
    expect(blocks.flatMap((b) => b.entries.map((e) => e.seq))).toEqual(
      Array.from({ length: 211 }, (_, i) => i + 1),
    );
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 211 });
  });
});

describe('exports', () => {
  it('JSON Lines verifies offline; any changed byte in an entry fails', async () => {
    await seed(8);
    const text = await exportAuditJsonl();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(JSON.parse(nth(lines, 0))).toMatchObject({
      type: 'hearth-audit-export',
      count: 8,
      head: { seq: 8 },
    });
    expect(await verifyJsonlExport(text)).toMatchObject({ ok: true, count: 8 });
    const bad = text.replace('"req-5"', '"req-6"');
    expect(await verifyJsonlExport(bad)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('CSV has a header and one quoted-where-needed row per entry', async () => {
    await appendAudit(
      sampleEntry(3, {
        outgoingText: 'a, "quoted"\nline',
        error: { code: 'x', message: '=SUM(A1)' },
      }),
    );
    const csv = await exportAuditCsv();
    const [header, row] = csv.split('\r\n');
    expect(must(header).split(',')[0]).toBe('seq');
    expect(row).toContain('"a, ""quoted""\nline"');
    expect(row).toContain(`"'=SUM(A1)"`);
  });
});

describe('filters', () => {
  it('answers route, tier, entity type and date filters from indexes, newest first', async () => {
    await seed(12);
    expect(await auditSeqs()).toEqual(Array.from({ length: 12 }, (_, i) => 12 - i));
    expect(await auditSeqs({ route: 'cloud-redacted' })).toEqual([12, 9, 6, 3]);
    expect(await auditSeqs({ tier: 'cloud', entityType: 'EMAIL' })).toEqual([12, 6]);
    expect(await auditSeqs({ from: '2999-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await auditFacets()).toEqual({
      routes: ['cloud-redacted', 'local'],
      tiers: ['cloud', 'local'],
      entityTypes: ['EMAIL', 'PERSON'],
    });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, sampleEntry } from './helpers';
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
  verifyAuditChain,
} from '../audit';
import { deviceKey } from '../keys';
import { onDbError } from '../errors';
import { HearthDb } from '../schema';
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
    expect(await d.audit.get(1)).toEqual(e);
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
    const seqs = (await d.audit.toArray()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(await verifyAuditChain()).toEqual({ ok: true, count: 42 });
  });

  it('retries on top of an entry another writer slipped in', async () => {
    await seed(2);
    // Another tab (without the lock) writes seq 3 between our read and our write.
    let injected = false;
    d.audit.hook('creating', function (_pk, obj) {
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
    await other.transaction('rw', other.audit, other.auditMeta, async () => {
      await other.audit.add(must(e4));
      await other.auditMeta.put({ id: 'head', head: { seq: 4, hash: must(e4).hash } });
    });
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
    await d.audit.update(4, {
      route: 'local' === must(await d.audit.get(4)).route ? 'cloud' : 'local',
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 4, code: 'edited' });
  });

  it('an added field', async () => {
    await seed(5);
    const e = must(await d.audit.get(2));
    await d.audit.put({ ...e, note: 'hi' } as typeof e);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 2, code: 'edited' });
  });

  it('an edit with the hash recomputed (the signature no longer matches)', async () => {
    await seed(10);
    const e = must(await d.audit.get(6));
    const forged = { ...e, outgoingText: 'something else' };
    forged.hash = await hashBody(entryBody(forged));
    await d.audit.put(forged);
    // Entry 7 still points at the old hash: the earliest visible break is 7's link or 6's signature.
    expect(await verifyAuditChain()).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      code: 'bad_signature',
    });
  });

  it('a deleted entry in the middle', async () => {
    await seed(10);
    await d.audit.delete(5);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 5, code: 'sequence' });
  });

  it('a deleted entry at the end (the head remembers it)', async () => {
    await seed(10);
    await d.audit.delete(10);
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
    await d.transaction('rw', d.audit, async () => {
      for (const e of entries.slice(3).reverse()) {
        await d.audit.delete(e.seq);
        await d.audit.put({ ...e, seq: e.seq + 1 });
      }
      await d.audit.put({ ...copy, seq: 4 });
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('two entries swapped (reordered)', async () => {
    const entries = await seed(6);
    await d.audit.put({ ...nth(entries, 1), seq: 3 });
    await d.audit.put({ ...nth(entries, 2), seq: 2 });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 2, code: 'edited' });
  });

  it('signatures swapped between two entries', async () => {
    const entries = await seed(6);
    await d.audit.update(3, { signature: nth(entries, 4).signature });
    await d.audit.update(5, { signature: nth(entries, 2).signature });
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
    const e1 = must(await d.audit.get(1));
    await d.audit.put({
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
    let prev = must(await d.audit.get(22)).hash;
    for (let seq = 23; seq <= 40; seq++) {
      const e = must(await d.audit.get(seq));
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
    await d.audit.bulkPut(forgedChain);
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
    await d.audit.update(3, { signature: nth(entries, 5).signature });
    expect(await verifyAuditChain({ signatures: 'head' })).toEqual({ ok: true, count: 10 });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBadSeq: 3 });
    await d.audit.update(7, { latencyMs: 1 });
    expect(await verifyAuditChain({ signatures: 'head' })).toMatchObject({
      ok: false,
      firstBadSeq: 7,
      code: 'edited',
    });
    await d.audit.put(nth(entries, 6));
    await d.audit.delete(10);
    expect(await verifyAuditChain({ signatures: 'head' })).toMatchObject({
      ok: false,
      firstBadSeq: 10,
      code: 'truncated',
    });
  });

  it('reports progress page by page', async () => {
    await seed(25);
    const seen: [number, number][] = [];
    await verifyAuditChain({ pageSize: 10, onProgress: (n, total) => seen.push([n, total]) });
    expect(seen).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
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

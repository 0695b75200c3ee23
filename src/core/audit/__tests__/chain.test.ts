import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  KEY_ALGORITHM,
  buildEntries,
  formatJsonlExport,
  keyIdFor,
  verifyEntries,
  verifyJsonlExport,
  type AuditEntry,
  type AuditEntryInput,
} from '..';
import { nth } from './must';

const input = (i: number): AuditEntryInput => ({
  requestId: `r${i}`,
  route: 'local',
  pattern: 'local',
  tiersThatSawData: ['local'],
  entityCounts: { PERSON: i % 2 },
  kind: 'decision',
});

async function makeKey() {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKeyJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  return { pair, publicKeyJwk, keyId: await keyIdFor(publicKeyJwk) };
}

describe('buildEntries + verifyEntries', () => {
  it('chains from the genesis hash and verifies', async () => {
    const k = await makeKey();
    const entries = await buildEntries([input(1), input(2), input(3)], null, {
      keyId: k.keyId,
      privateKey: k.pair.privateKey,
    });
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(nth(entries, 0).prevHash).toBe(GENESIS_HASH);
    expect(nth(entries, 1).prevHash).toBe(nth(entries, 0).hash);
    expect(nth(entries, 0).entityTypes).toEqual(['PERSON']);
    expect(nth(entries, 1).entityTypes).toEqual([]);
    const keys = (id: string) => (id === k.keyId ? k.pair.publicKey : undefined);
    expect(await verifyEntries(entries, keys, { seq: 3, hash: nth(entries, 2).hash })).toEqual({
      ok: true,
      count: 3,
    });
  });

  it('reports a malformed entry', async () => {
    const r = await verifyEntries([{ seq: 1, nope: true }], () => undefined);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1, code: 'malformed' });
  });
});

describe('JSON Lines export', () => {
  async function exported(n = 5) {
    const k = await makeKey();
    const entries: AuditEntry[] = await buildEntries(
      Array.from({ length: n }, (_, i) => input(i + 1)),
      null,
      { keyId: k.keyId, privateKey: k.pair.privateKey },
    );
    const last = nth(entries, entries.length - 1);
    return {
      k,
      text: formatJsonlExport(entries, [{ keyId: k.keyId, publicKeyJwk: k.publicKeyJwk }], {
        seq: last.seq,
        hash: last.hash,
      }),
    };
  }

  it('verifies an untouched export, also with the key pinned', async () => {
    const { k, text } = await exported();
    expect(await verifyJsonlExport(text)).toMatchObject({ ok: true, count: 5 });
    expect(await verifyJsonlExport(text, [k.keyId])).toMatchObject({ ok: true, count: 5 });
    expect(await verifyJsonlExport(text, ['someone-else'])).toMatchObject({
      ok: false,
      code: 'unknown_key',
      firstBadSeq: 1,
    });
  });

  it('fails when any single content character of an entry line is changed', async () => {
    const { text } = await exported(3);
    const lines = text.split('\n');
    const line = nth(lines, 2);
    const i = line.indexOf('"r2"') + 2; // the request id of entry 2
    lines[2] = line.slice(0, i) + 'X' + line.slice(i + 1);
    expect(await verifyJsonlExport(lines.join('\n'))).toMatchObject({
      ok: false,
      firstBadSeq: 2,
      code: 'edited',
    });
  });

  it('fails when the last line is dropped or the header key is swapped', async () => {
    const { text } = await exported(3);
    const lines = text.trim().split('\n');
    expect(await verifyJsonlExport(lines.slice(0, -1).join('\n'))).toMatchObject({
      ok: false,
      code: 'truncated',
    });
    const other = await makeKey();
    const header = JSON.parse(nth(lines, 0));
    header.keys = [{ keyId: header.keys[0].keyId, publicKeyJwk: other.publicKeyJwk }];
    expect(
      await verifyJsonlExport([JSON.stringify(header), ...lines.slice(1)].join('\n')),
    ).toMatchObject({
      ok: false,
      code: 'malformed',
    });
    header.keys = [{ keyId: other.keyId, publicKeyJwk: other.publicKeyJwk }];
    expect(
      await verifyJsonlExport([JSON.stringify(header), ...lines.slice(1)].join('\n')),
    ).toMatchObject({
      ok: false,
      code: 'unknown_key',
      firstBadSeq: 1,
    });
  });

  it('rejects files that are not exports', async () => {
    expect(await verifyJsonlExport('')).toMatchObject({ ok: false, code: 'malformed' });
    expect(await verifyJsonlExport('{"type":"other"}\n')).toMatchObject({
      ok: false,
      code: 'malformed',
    });
    expect(await verifyJsonlExport('nope')).toMatchObject({ ok: false, code: 'malformed' });
  });
});

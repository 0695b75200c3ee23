/**
 * Verifying the chain in slices (in parallel workers) must reach exactly the verdict of one pass
 * over the whole chain, whatever was tampered with and wherever the slice boundaries fall.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ChainVerifier,
  KEY_ALGORITHM,
  buildEntries,
  keyIdFor,
  verifyEntries,
  type AuditEntry,
  type AuditEntryInput,
  type AuditVerifyResult,
  type KeyResolver,
} from '..';

const input = (i: number): AuditEntryInput => ({
  requestId: `r${i}`,
  route: i % 3 === 0 ? 'cloud-redacted' : 'local',
  pattern: 'local',
  tiersThatSawData: ['local'],
  entityCounts: { PERSON: i % 2 },
  kind: 'decision',
});

async function chain(n: number) {
  const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const keyId = await keyIdFor({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
  const key = { keyId, privateKey: pair.privateKey };
  const inputs = Array.from({ length: n }, (_, i) => input(i + 1));
  const entries = await buildEntries(inputs, null, key);
  // A second chain signed by the same device: every entry is genuine, only the links differ.
  const other = await buildEntries(
    inputs.map((e) => ({ ...e, requestId: `other-${e.requestId}` })),
    null,
    key,
  );
  const keys: KeyResolver = (id) => (id === keyId ? pair.publicKey : undefined);
  return { entries, other, keys };
}

type Row = Record<string, unknown> & { seq: number };

/** What the store holds: rows keyed (and so ordered) by seq; only seq > 0 is read. */
function stored(rows: readonly Row[]): Row[] {
  return rows.filter((r) => r.seq > 0).sort((a, b) => a.seq - b.seq);
}

/** Verifies in slices split after the given seqs, as the parallel path does, then combines. */
async function verifySliced(
  rows: readonly Row[],
  keys: KeyResolver,
  boundaries: readonly number[],
  signatures: 'all' | 'head',
  head: { seq: number; hash: string },
): Promise<AuditVerifyResult> {
  const cuts = [0, ...[...new Set(boundaries)].filter((b) => b > 0).sort((a, b) => a - b)];
  const verdicts = [];
  for (const [i, after] of cuts.entries()) {
    const upTo = cuts[i + 1] ?? Infinity;
    const slice = new ChainVerifier(keys, signatures, after);
    const part = rows.filter((r) => r.seq > after && r.seq <= upTo);
    // Fed in pages, as the worker reads them.
    for (let p = 0; p < part.length; p += 7) await slice.push(part.slice(p, p + 7));
    verdicts.push(slice.verdict());
  }
  const whole = new ChainVerifier(keys, signatures);
  for (const v of verdicts) whole.absorb(v);
  return whole.result(head, async (seq) => rows.find((r) => r.seq === seq));
}

type Tamper =
  | { kind: 'delete'; at: number }
  | { kind: 'edit'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'reseq'; at: number; to: number }
  | { kind: 'malformed'; at: number }
  | { kind: 'forge-signature'; at: number }
  | { kind: 'foreign'; at: number; length: number }
  | { kind: 'none' };

function apply(rows: Row[], other: readonly AuditEntry[], t: Tamper): void {
  const n = rows.length;
  if (n === 0) return;
  const i = 'at' in t ? t.at % n : 0;
  const row = rows[i] as Row;
  switch (t.kind) {
    case 'delete':
      rows.splice(i, 1);
      break;
    case 'edit':
      row.route = 'edited';
      break;
    case 'swap': {
      // Contents trade places while the store keys (seq) stay: a reordering.
      const j = t.with % n;
      const other = rows[j] as Row;
      rows[i] = { ...other, seq: row.seq };
      rows[j] = { ...row, seq: other.seq };
      break;
    }
    case 'reseq':
      if (!rows.some((r) => r.seq === t.to)) row.seq = t.to;
      break;
    case 'malformed':
      rows[i] = { seq: row.seq, nope: true };
      break;
    case 'forge-signature':
      row.signature = (rows[(i + 1) % n] as Row).signature;
      break;
    case 'foreign':
      // Genuine entries of another chain spliced in under the same seqs.
      for (let k = i; k < Math.min(n, i + t.length); k++) {
        const seq = (rows[k] as Row).seq;
        const alien = other.find((e) => e.seq === seq);
        if (alien) rows[k] = { ...alien };
      }
      break;
    case 'none':
      break;
  }
}

function tampered(entries: readonly AuditEntry[], other: readonly AuditEntry[], ts: Tamper[]) {
  let rows: Row[] = entries.map((e) => ({ ...e }));
  for (const t of ts) {
    apply(rows, other, t);
    rows = stored(rows);
  }
  return rows;
}

const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    kind: fc.constant('reseq' as const),
    at: fc.nat(),
    to: fc.integer({ min: -2, max: 60 }),
  }),
  fc.record({ kind: fc.constant('malformed' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('forge-signature' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('foreign' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 45 }),
  }),
);

describe('verifying in slices', () => {
  it('gives the single-pass verdict for any tampering and any slice boundaries', async () => {
    const { entries, other, keys } = await chain(40);
    const last = entries.at(-1) as AuditEntry;
    const head = { seq: last.seq, hash: last.hash };
    await fc.assert(
      fc.asyncProperty(
        fc.array(tamper, { maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 45 }), { maxLength: 5 }),
        fc.constantFrom('all' as const, 'head' as const),
        async (ts, boundaries, signatures) => {
          const rows = tampered(entries, other, ts);
          const single = await verifyEntries(rows, keys, head, signatures, 7);
          const sliced = await verifySliced(rows, keys, boundaries, signatures, head);
          expect(sliced).toEqual(single);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('catches a deletion exactly at a slice boundary', async () => {
    const { entries, keys } = await chain(30);
    const last = entries.at(-1) as AuditEntry;
    const rows = stored(entries.filter((e) => e.seq !== 20).map((e) => ({ ...e })));
    const r = await verifySliced(rows, keys, [10, 20], 'head', { seq: last.seq, hash: last.hash });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 20, code: 'sequence', count: 19 });
  });

  it('reports a malformed first entry after a gap as a single pass does', async () => {
    const { entries, keys } = await chain(30);
    const last = entries.at(-1) as AuditEntry;
    const rows = stored(
      entries
        .filter((e) => e.seq !== 20)
        .map((e): Row => (e.seq === 21 ? { seq: 21, nope: true } : { ...e })),
    );
    const head = { seq: last.seq, hash: last.hash };
    const single = await verifyEntries(rows, keys, head, 'head');
    expect(single).toMatchObject({ ok: false, firstBadSeq: 21, code: 'malformed' });
    expect(await verifySliced(rows, keys, [20], 'head', head)).toEqual(single);
  });

  it('catches a slice whose first entry was replaced by one from another chain', async () => {
    const a = await chain(30);
    const b = await chain(30);
    const rows = stored(
      a.entries.map((e) => (e.seq === 21 ? { ...(b.entries[20] as AuditEntry) } : { ...e })),
    );
    const last = a.entries.at(-1) as AuditEntry;
    const r = await verifySliced(rows, a.keys, [20], 'all', { seq: last.seq, hash: last.hash });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 21, code: 'broken_link', count: 20 });
  });
});

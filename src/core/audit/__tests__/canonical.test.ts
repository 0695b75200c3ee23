import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalize, canonicalizeWithout } from '../canonical';
import { sha256Hex, keyIdFor } from '../signing';
import { sha256HexSync } from '../sha256';

describe('canonicalize', () => {
  it('sorts keys, drops undefined members and has no whitespace', () => {
    expect(canonicalize({ b: 1, a: [1, 'x', null], c: undefined, d: { z: true, y: 1.5 } })).toBe(
      '{"a":[1,"x",null],"b":1,"d":{"y":1.5,"z":true}}',
    );
  });

  it('leaving out top-level members is the same as removing them first', () => {
    const omit = new Set(['hash', 'signature']);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'hash', 'signature', 'z', 'seq'), fc.jsonValue()),
        (obj) => {
          const rest = Object.fromEntries(Object.entries(obj).filter(([k]) => !omit.has(k)));
          expect(canonicalizeWithout(obj, omit)).toBe(canonicalize(rest));
        },
      ),
    );
    expect(canonicalizeWithout({ a: { hash: 1 }, hash: 2 }, omit)).toBe('{"a":{"hash":1}}');
  });

  it('rejects values JSON cannot carry faithfully', () => {
    expect(() => canonicalize({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalize({ a: 1n })).toThrow(/unsupported/);
  });

  it('is independent of key order and stable through a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalize(value);
        expect(canonicalize(JSON.parse(once))).toBe(once);
        const reversed = JSON.parse(
          JSON.stringify(value),
          function (this: unknown, _k, v: unknown) {
            if (v && typeof v === 'object' && !Array.isArray(v)) {
              return Object.fromEntries(Object.entries(v).reverse());
            }
            return v;
          },
        );
        expect(canonicalize(reversed)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('crypto helpers', () => {
  it('hashes UTF-8 with SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('the synchronous SHA-256 agrees with WebCrypto on any text, across block boundaries', async () => {
    for (let n = 0; n < 200; n++) {
      const text = 'é'.repeat(n);
      expect(sha256HexSync(text)).toBe(await sha256Hex(text));
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 3000 }), async (text) => {
        expect(sha256HexSync(text)).toBe(await sha256Hex(text));
      }),
      { numRuns: 300 },
    );
  });

  it('fingerprints a key from its public members only', async () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'abc', y: 'def' };
    expect(await keyIdFor({ ...jwk, ext: true, key_ops: ['verify'] })).toBe(await keyIdFor(jwk));
  });
});

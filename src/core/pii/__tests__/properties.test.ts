import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Vault, detectPatterns, redact, restore } from '../index';
import { ADVERSARIAL_UNITS, repeatTo } from '../../../../testing/pii-adversarial';

const ZW = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const pieces = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'a@b.co',
    '+1 415 555 2671',
    '4111 1111 1111 1111',
    'DE89 3704 0044 0532 0130 00',
    '1.2.3.4',
    ' ',
    '\n',
    ...ZW,
  ),
  fc.constantFrom(
    '\u05e9\u05dc\u05d5\u05dd',
    'e\u0301',
    '\ud83d\ude00',
    '\u202e',
    '\ud800',
    '\udfff',
    '𝔸𝔹',
  ),
);
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

const text = fc.array(pieces, { maxLength: 30 }).map((a) => a.join(''));

describe('property tests', () => {
  it('offsets are always valid UTF-16 ranges whose slice is the entity text', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const e of detectPatterns(t, { threshold: 0 })) {
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(t.length);
          expect(e.start).toBeLessThan(e.end);
          expect(t.slice(e.start, e.end)).toBe(e.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('redact then restore gives back the original for any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        const v = new Vault();
        const r = redact(t, detectPatterns(t), v);
        expect(restore(r.text, v).text).toBe(t.replace(/\[\s*[A-Za-z_]+_\d+\s*\]/g, (m) => m));
      }),
      { numRuns: 200 },
    );
  });

  it('adversarial repeated inputs stay within a time bound per KB (no catastrophic backtracking)', () => {
    for (let i = 0; i < 3; i++)
      detectPatterns('warm up: 12 Main St, a@b.co, +1 415 555 2671, Mr. A B '.repeat(50));
    const units = [
      '1',
      '1 ',
      '1-',
      'a',
      'a@',
      '@',
      '.',
      'A1',
      'AKIA',
      'ey',
      'x.',
      '1.',
      ':',
      'a:',
      'Mr. A ',
      '12 Main ',
      ' ',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.constantFrom(...units),
        fc.integer({ min: 2000, max: 20000 }),
        (u, v, n) => {
          const t = (u.repeat(n) + v.repeat(n / 4)).slice(0, 40000);
          // CPU time, so a busy machine does not make the bound flaky
          const t0 = cpuMs();
          detectPatterns(t);
          const msPerKb = (cpuMs() - t0) / (t.length / 1024);
          // typical text costs ~0.2 ms/KB; catastrophic backtracking would be orders of magnitude above
          expect(msPerKb).toBeLessThan(40);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('every hostile input of the benchmark stays far from quadratic (256 KB each)', () => {
    // CPU time, with a margin of 16x over the benchmark's target (250 ms per MiB): this catches
    // a quadratic or exponential regression (which costs seconds to minutes here), not noise
    for (const [name, unit] of Object.entries(ADVERSARIAL_UNITS)) {
      const t = repeatTo(unit, 256 * 1024);
      detectPatterns(t.slice(0, 4096));
      const t0 = cpuMs();
      detectPatterns(t);
      expect({ name, ms: cpuMs() - t0 < 1000 }).toEqual({ name, ms: true });
    }
  }, 120_000);

  it('a 10 MB input does not crash and finds the needle at the right offset', () => {
    const filler = 'lorem ipsum dolor sit amet 12 '.repeat(350_000);
    const t = filler + 'write to needle@example.com' + '\u200b'.repeat(1000);
    expect(t.length).toBeGreaterThan(10_000_000);
    const ents = detectPatterns(t);
    const email = ents.find((e) => e.type === 'EMAIL');
    expect(email?.start).toBe(filler.length + 9);
    expect(email?.text).toBe('needle@example.com');
  }, 60_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Vault,
  cleanForwarded,
  detectPatterns,
  forwardedThreshold,
  restore,
  scanForwarded,
  type ForwardedDetector,
} from '..';

const detect: ForwardedDetector = (text, options) => detectPatterns(text, options);

describe('cleanForwarded: the proxy re-scan, run before sending, redacting what it finds', () => {
  it('leaves clean texts as they are, after one scan', () => {
    const texts = ['Be brief.', 'What is the capital of Australia?'];
    expect(cleanForwarded(texts, new Vault(), { detect })).toEqual({
      ok: true,
      texts,
      added: [],
      scans: 1,
    });
  });

  it('redacts both halves of a card split across two messages; the answer restores them', () => {
    const vault = new Vault();
    const r = cleanForwarded(['Pay with card 4111 1111', '1111 1111 today'], vault, { detect });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.texts.join(' ')).not.toMatch(/1111/);
    expect(scanForwarded(r.texts, detect)).toEqual({ verdict: 'clean' });
    expect(restore(r.texts.join(' '), vault).text).toBe('Pay with card 4111 1111 1111 1111 today');
  });

  it.each([
    // each redaction brings the next copy within reach of the phone word: one copy a round
    // outlasted the four rounds and the send was refused
    [
      'invoice 2024-117 invoice 2024-117 invoice 2024-117 ',
      'invoice 2024-117 invoice 2024-117 invoice 2024-117 Call ',
    ],
    ['Rechnung 2024-117, Rechnung 2024-117, Rechnung 2024-117', 'Rechnung 2024-117 2024-117 Tel.'],
    ['fatura 2024-117 fatura 2024-117', 'fatura 2024-117 fatura 2024-117 ligue'],
  ])('a value it found is redacted wherever else it occurs: %j', (...texts) => {
    const vault = new Vault();
    const r = cleanForwarded(texts, vault, { detect });
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.scans).toBeLessThanOrEqual(3);
    expect(scanForwarded(r.texts, detect)).toEqual({ verdict: 'clean' });
    expect(r.texts.map((t) => restore(t, vault).text)).toEqual(texts);
  });

  it('never redacts a fixed text: a finding there fails closed', () => {
    const r = cleanForwarded(['Write to ann@example.com', 'Summarise this.'], new Vault(), {
      detect,
      fixed: new Set([0]),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'pii_remaining', types: ['EMAIL'] } });
  });

  it('fails closed when the detector fails or gives no offsets', () => {
    const throwing: ForwardedDetector = () => {
      throw new Error('boom');
    };
    expect(cleanForwarded(['x'], new Vault(), { detect: throwing })).toMatchObject({
      ok: false,
      error: { code: 'detector_failed' },
    });
    const blind: ForwardedDetector = () => [{ type: 'PHONE', score: 0.9 }];
    expect(cleanForwarded(['x'], new Vault(), { detect: blind })).toMatchObject({
      ok: false,
      error: { code: 'pii_remaining' },
    });
  });

  it('scans at the lower of the policy threshold and the proxy threshold', () => {
    expect(forwardedThreshold(0.7)).toBe(0.5);
    expect(forwardedThreshold(0.3)).toBe(0.3);
    expect(forwardedThreshold(0.7, 0.4)).toBe(0.4);
    expect(forwardedThreshold(undefined)).toBe(0.5);
  });

  it('property: whatever it returns, the same scan finds nothing in it', () => {
    const piece = fc.constantFrom(
      'invoice 2024-117',
      '+34 612 345 678',
      'maria.g@example.com',
      '4111 1111',
      '1111 1111',
      'DE89 3704 0044',
      '0532 0130 00',
      '853-37-1694',
      '[PERSON_1]',
      'Call',
      'on 12 March 2024',
      'ref 30 12',
      '2025 / 118',
      'hello',
    );
    const text = fc
      .array(fc.tuple(piece, fc.constantFrom(' ', '', ', ', '\n')), { maxLength: 6 })
      .map((ps) => ps.map(([p, s]) => p + s).join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
        const r = cleanForwarded(texts, new Vault(), { detect });
        expect(r.ok).toBe(true);
        if (r.ok) expect(scanForwarded(r.texts, detect)).toEqual({ verdict: 'clean' });
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  PiiRemainingError,
  Vault,
  assertClean,
  detect,
  detectPatterns,
  redact,
  rescan,
  restore,
  type Entity,
} from '../index';

const ent = (text: string, value: string, type: Entity['type'], from = 0): Entity => {
  const start = text.indexOf(value, from);
  return { start, end: start + value.length, type, score: 0.9, source: 'test', text: value };
};

describe('redact / restore', () => {
  it('uses stable typed placeholders; the same value maps to the same placeholder', () => {
    const text = 'Anna Berg (anna@x.de) met Tom. Later Anna Berg wrote to ANNA@X.DE.';
    const ents = [
      ent(text, 'Anna Berg', 'PERSON'),
      ent(text, 'anna@x.de', 'EMAIL'),
      ent(text, 'Tom', 'PERSON'),
      ent(text, 'Anna Berg', 'PERSON', 20),
      ent(text, 'ANNA@X.DE', 'EMAIL'),
    ];
    const vault = new Vault();
    const r = redact(text, ents, vault);
    expect(r.text).toBe(
      '[PERSON_1] ([EMAIL_1]) met [PERSON_2]. Later [PERSON_1] wrote to [EMAIL_1].',
    );
    expect(r.placeholders.map((p) => p.placeholder)).toEqual([
      '[PERSON_1]',
      '[EMAIL_1]',
      '[PERSON_2]',
      '[PERSON_1]',
      '[EMAIL_1]',
    ]);
    for (const p of r.placeholders) expect(r.text.slice(p.start, p.end)).toBe(p.placeholder);
    expect(restore(r.text, vault).text).toBe(
      'Anna Berg (anna@x.de) met Tom. Later Anna Berg wrote to anna@x.de.',
    );
  });

  it('normalises phone numbers, cards and IBANs to digits for identity', () => {
    const v = new Vault();
    expect(v.placeholderFor('PHONE', '+49 30 1234567')).toBe(
      v.placeholderFor('PHONE', '+49-30-123 45 67'),
    );
    expect(v.placeholderFor('CREDIT_CARD', '4111 1111 1111 1111')).toBe(
      v.placeholderFor('CREDIT_CARD', '4111-1111-1111-1111'),
    );
    expect(v.placeholderFor('IBAN', 'DE89 3704 0044 0532 0130 00')).toBe(
      v.placeholderFor('IBAN', 'de89370400440532013000'),
    );
    expect(v.placeholderFor('EMAIL', ' Jo@X.de')).toBe(v.placeholderFor('EMAIL', 'jo@x.DE'));
    expect(v.placeholderFor('PHONE', '+49 30 1234567')).not.toBe(
      v.placeholderFor('PHONE', '+49 30 7654321'),
    );
  });

  it('restores casing/spacing/punctuation variants and never invents unknown values', () => {
    const v = new Vault();
    v.placeholderFor('PERSON', 'Ada Lovelace');
    v.placeholderFor('EMAIL', 'ada@example.org');
    const answer =
      'Dear [person_1], I wrote to [ EMAIL_1 ]. (PERSON_1) and PERSON_1, also [Person-1]! Not [PERSON_7] nor [PHONE_1].';
    const r = restore(answer, v);
    expect(r.text).toBe(
      'Dear Ada Lovelace, I wrote to ada@example.org. Ada Lovelace and Ada Lovelace, also Ada Lovelace! Not [PERSON_7] nor [PHONE_1].',
    );
    expect(r.unknown).toEqual(['[PERSON_7]', '[PHONE_1]']);
  });

  it('the vault survives a JSON round trip and keeps numbering', () => {
    const v = new Vault();
    v.placeholderFor('PERSON', 'Ada');
    v.placeholderFor('PERSON', 'Bob');
    const copy = Vault.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(copy.placeholderFor('PERSON', 'ada')).toBe('[PERSON_1]');
    expect(copy.placeholderFor('PERSON', 'Cleo')).toBe('[PERSON_3]');
    expect(restore('[PERSON_2]', copy).text).toBe('Bob');
  });

  it('round trip on detected entities', () => {
    const text = 'Call +44 20 7946 0958 or mail jane.doe@example.com; card 4111 1111 1111 1111.';
    const v = new Vault();
    const red = redact(text, detectPatterns(text), v);
    expect(red.text).toBe('Call [PHONE_1] or mail [EMAIL_1]; card [CREDIT_CARD_1].');
    expect(restore(red.text, v).text).toBe(text);
  });
});

describe('re-scan', () => {
  it('placeholders themselves are never detected', async () => {
    const t = 'Hello [PERSON_1], your card [CREDIT_CARD_12] and [DATE_OF_BIRTH_3] at [ADDRESS_2].';
    expect(detectPatterns(t)).toEqual([]);
    const r = await detect(t, {
      ner: async (s) => {
        const i = s.indexOf('PERSON_1');
        return [
          { start: i, end: i + 8, type: 'PERSON', score: 0.9, source: 'ner', text: 'PERSON_1' },
        ];
      },
    });
    expect(r.entities).toEqual([]);
  });

  it('assertClean throws a structured pii_remaining error', () => {
    expect(() => assertClean('all good [EMAIL_1]')).not.toThrow();
    try {
      assertClean('leaked: bob@example.com and 192.168.0.1');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PiiRemainingError);
      expect((e as PiiRemainingError).toJSON()).toMatchObject({
        code: 'pii_remaining',
        types: ['EMAIL', 'IP_ADDRESS'],
      });
    }
  });

  it('rescan fails closed when the model fails', async () => {
    const failing = async () => {
      throw new Error('boom');
    };
    expect(await rescan('nothing here', { ner: failing })).toMatchObject({
      ok: false,
      error: { code: 'detector_failed' },
    });
    expect(await rescan('nothing here', { ner: async () => [] })).toEqual({ ok: true });
    expect(await rescan('x@y.com', { ner: async () => [] })).toMatchObject({
      ok: false,
      error: { code: 'pii_remaining', types: ['EMAIL'] },
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  detect,
  detectPatterns,
  mergeStages,
  resolveOverlaps,
  type Entity,
  type EntityType,
} from '../index';

const types = (text: string, opts = {}) => detectPatterns(text, opts).map((e) => [e.type, e.text]);
const has = (text: string, type: EntityType, value: string) =>
  expect(detectPatterns(text).some((e) => e.type === type && e.text === value)).toBe(true);

describe('pattern recognizers', () => {
  it('finds structured PII with exact offsets', () => {
    const text =
      'Mail jane.doe@example.com, call +44 20 7946 0958, IBAN DE89 3704 0044 0532 0130 00.';
    const ents = detectPatterns(text);
    for (const e of ents) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(ents.map((e) => e.type)).toEqual(['EMAIL', 'PHONE', 'IBAN']);
  });

  it('a 16-digit number that fails Luhn is not a card; one that passes is', () => {
    expect(types('order 4111 1111 1111 1112 shipped')).toEqual([]);
    expect(types('card 4111 1111 1111 1111 expires')).toEqual([
      ['CREDIT_CARD', '4111 1111 1111 1111'],
    ]);
  });

  it('rejects invalid SSN ranges and accepts valid ones with context', () => {
    // an invalid area alone is not reported; with the label right before it, the label wins
    expect(types('ref 666-12-3456 ok')).toEqual([]);
    expect(types('SSN 666-12-3456')).toEqual([['NATIONAL_ID', '666-12-3456']]);
    expect(types('my social security number is 853-37-1694')).toEqual([
      ['NATIONAL_ID', '853-37-1694'],
    ]);
  });

  it('national ids of several countries', () => {
    has('Codice fiscale: RSSMRA85T10A562S', 'NATIONAL_ID', 'RSSMRA85T10A562S');
    has('DNI 12345678Z', 'NATIONAL_ID', '12345678Z');
    has('Mein BSN is 111222333', 'NATIONAL_ID', '111222333');
    has('Steuer-ID: 86095742719', 'NATIONAL_ID', '86095742719');
    has('CPF 529.982.247-25', 'NATIONAL_ID', '529.982.247-25');
    has('personnummer 811218-9876', 'NATIONAL_ID', '811218-9876');
    has('NI number AB 12 34 56 C', 'NATIONAL_ID', 'AB 12 34 56 C');
  });

  it('ip addresses, urls, dates and date of birth', () => {
    has('server at 192.168.10.4 is down', 'IP_ADDRESS', '192.168.10.4');
    has('v6 2001:db8::8a2e:370:7334 ok', 'IP_ADDRESS', '2001:db8::8a2e:370:7334');
    expect(types('version 999.1.1.1')).toEqual([]);
    has('see https://example.com/a?b=c.', 'URL', 'https://example.com/a?b=c');
    has('meeting on 2024-03-05 at noon', 'DATE', '2024-03-05');
    has('born on 12/03/1985 in Lyon', 'DATE_OF_BIRTH', '12/03/1985');
    has('Geburtsdatum: 3. März 1990', 'DATE_OF_BIRTH', '3. März 1990');
    has('since 12 June 2019', 'DATE', '12 June 2019');
  });

  it('secrets by provider format, PEM blocks and keyword assignments', () => {
    has('key AKIAIOSFODNN7EXAMPLE here', 'SECRET', 'AKIAIOSFODNN7EXAMPLE');
    has(
      'token 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',
      'SECRET',
      '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',
    );
    has('sk_live_ReTllpYQYfIZu2Jnf2lAPFjD', 'SECRET', 'sk_live_ReTllpYQYfIZu2Jnf2lAPFjD');
    has(
      'xoxb-523423-234243-234233-e039d02840a0b9379c',
      'SECRET',
      'xoxb-523423-234243-234233-e039d02840a0b9379c',
    );
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    has(`here: ${pem} ok`, 'SECRET', pem);
    has('password = "hunter2-Xy9!"', 'SECRET', 'hunter2-Xy9!');
    expect(types('Please reset your password tomorrow')).toEqual([]);
    expect(types('The letter went to Passauer Strasse 33')).not.toContainEqual([
      'SECRET',
      'Strasse',
    ]);
  });

  it('postal addresses in several languages', () => {
    has('He lives at 221B Baker Street, London.', 'ADDRESS', '221B Baker Street, London');
    has('Die Post ging an Villacher Strasse 89', 'ADDRESS', 'Villacher Strasse 89');
    has('Morada: Rua do Arenque 1634, Goiânia', 'ADDRESS', 'Rua do Arenque 1634, Goiânia');
    has('my zip code is 35350', 'ADDRESS', '35350');
  });
});

describe('context enhancement', () => {
  it('context words raise a weak phone candidate above the threshold', () => {
    expect(types('the total was 467 3395 units')).toEqual([]);
    expect(types('Phone: 467 3395')).toEqual([['PHONE', '467 3395']]);
  });

  it('context words raise a card of an unknown issuer range above the threshold', () => {
    // Luhn-valid but outside the known issuer ranges
    const plain = detectPatterns('ref 9000000000000001 done');
    expect(plain).toEqual([]);
    expect(types('my credit card 9000000000000001 was lost')).toEqual([
      ['CREDIT_CARD', '9000000000000001'],
    ]);
  });

  it('scores are raised, not just filtered', () => {
    const low = detectPatterns('853-37-1694', { threshold: 0 }).find(
      (e) => e.type === 'NATIONAL_ID',
    );
    const high = detectPatterns('SSN: 853-37-1694', { threshold: 0 }).find(
      (e) => e.type === 'NATIONAL_ID',
    );
    expect(low && high && high.score > low.score).toBe(true);
  });
});

describe('normalisation', () => {
  it('zero-width characters inside emails and phones: matched, offsets into the original', () => {
    const text =
      'write to jo\u200bhn.d\u200doe@exa\u2060mple.com or +49\u200b 30 1234\ufeff567 now';
    const ents = detectPatterns(text);
    const email = ents.find((e) => e.type === 'EMAIL');
    const phone = ents.find((e) => e.type === 'PHONE');
    expect(email?.text).toBe('jo\u200bhn.d\u200doe@exa\u2060mple.com');
    expect(phone?.text).toBe('+49\u200b 30 1234\ufeff567');
    for (const e of ents) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
});

describe('allow and deny lists, entity type filter', () => {
  it('allow-list suppresses exact values (case-insensitive)', () => {
    expect(types('contact support@hearth.app', { allowList: ['SUPPORT@hearth.app'] })).toEqual([]);
  });
  it('deny-list always reports its values', () => {
    expect(
      types('ask Project Bluebird about it', {
        denyList: [{ value: 'project bluebird', type: 'ORGANIZATION' }],
      }),
    ).toEqual([['ORGANIZATION', 'Project Bluebird']]);
    expect(types('ping zorblax today', { denyList: ['Zorblax'] })).toEqual([['PERSON', 'zorblax']]);
  });
  it('entityTypes restricts the output', () => {
    const t = 'a@b.de and 192.168.0.1';
    expect(types(t, { entityTypes: ['IP_ADDRESS'] })).toEqual([['IP_ADDRESS', '192.168.0.1']]);
  });
});

describe('overlap resolution', () => {
  const mk = (
    start: number,
    end: number,
    type: EntityType,
    score: number,
    source = 'pattern',
  ): Entity => ({
    start,
    end,
    type,
    score,
    source,
    text: '',
  });
  it('is deterministic regardless of input order', () => {
    const ents = [
      mk(0, 10, 'PHONE', 0.8),
      mk(5, 20, 'CREDIT_CARD', 0.8),
      mk(0, 10, 'DATE', 0.8),
      mk(30, 40, 'PERSON', 0.6),
      mk(32, 38, 'LOCATION', 0.9),
    ];
    const text = 'x'.repeat(50);
    const a = resolveOverlaps(text, ents);
    for (let i = 0; i < 20; i++) {
      const shuffled = [...ents].sort(() => Math.random() - 0.5);
      expect(resolveOverlaps(text, shuffled)).toEqual(a);
    }
    // equal scores: type priority (CREDIT_CARD before PHONE), higher score wins otherwise; the
    // loser keeps what lies outside the winner when that still holds three characters or more
    expect(a.map((e) => [e.type, e.start, e.end])).toEqual([
      ['PHONE', 0, 5],
      ['CREDIT_CARD', 5, 20],
      ['LOCATION', 32, 38],
    ]);
  });
});

describe('detect() with a model stage', () => {
  it('merges model entities that do not overlap pattern entities', async () => {
    const text = 'Ask Alice at alice@example.com';
    const r = await detect(text, {
      ner: async () => [
        { start: 4, end: 9, type: 'PERSON', score: 0.9, source: 'ner', text: 'Alice' },
        { start: 13, end: 18, type: 'PERSON', score: 0.99, source: 'ner', text: 'alice' },
      ],
    });
    expect(r.modelStage).toBe('ok');
    expect(r.entities.map((e) => [e.type, e.text])).toEqual([
      ['PERSON', 'Alice'],
      ['EMAIL', 'alice@example.com'],
    ]);
  });

  it('reports a failing model as failed (callers fail closed), keeps pattern entities', async () => {
    const r = await detect('mail a@b.de', {
      ner: async () => {
        throw new Error('wasm crashed');
      },
    });
    expect(r.modelStage).toBe('failed');
    expect(r.error).toEqual({ code: 'ner_failed', message: 'wasm crashed' });
    expect(r.entities.map((e) => e.type)).toEqual(['EMAIL']);
  });

  it('accepts a runner object and reports skipped without one', async () => {
    const r = await detect('Bob', {
      ner: {
        run: async () => [
          { start: 0, end: 3, type: 'PERSON', score: 0.8, source: 'ner', text: 'Bob' },
        ],
      },
    });
    expect(r.entities).toHaveLength(1);
    expect((await detect('Bob')).modelStage).toBe('skipped');
  });

  it('maps model offsets back through zero-width normalisation', async () => {
    const text = 'Hi An\u200bna!';
    const r = await detect(text, {
      ner: async (t) => {
        const i = t.indexOf('Anna');
        return i < 0
          ? []
          : [{ start: i, end: i + 4, type: 'PERSON', score: 0.9, source: 'ner', text: 'Anna' }];
      },
    });
    expect(r.entities[0]?.text).toBe('An\u200bna');
  });
});

describe('merging the pattern stage with the model', () => {
  const e = (
    start: number,
    end: number,
    type: EntityType,
    score: number,
    source: string,
    recognizer?: string,
  ): Entity => ({
    start,
    end,
    type,
    score,
    source,
    text: '',
    ...(recognizer ? { recognizer } : {}),
  });
  it('validated patterns always win; name rules and the model compete by score', () => {
    const patterns = [
      e(20, 40, 'EMAIL', 0.95, 'pattern', 'email'),
      e(0, 8, 'PERSON', 0.7, 'pattern', 'honorific'),
    ];
    const model = [e(0, 12, 'ORGANIZATION', 0.9, 'ner'), e(25, 30, 'PERSON', 0.99, 'ner')];
    const text = 'x'.repeat(50);
    expect(mergeStages(text, patterns, model).map((x) => [x.type, x.start])).toEqual([
      ['ORGANIZATION', 0],
      ['EMAIL', 20],
    ]);
    // the weaker model span loses the overlap but keeps its own part (recall first)
    const weakModel = [e(0, 12, 'ORGANIZATION', 0.6, 'ner')];
    expect(mergeStages(text, patterns, weakModel).map((x) => [x.type, x.start, x.end])).toEqual([
      ['PERSON', 0, 8],
      ['ORGANIZATION', 8, 12],
      ['EMAIL', 20, 40],
    ]);
    // a model span overlapping a validated pattern entity is trimmed, not dropped
    const overEmail = [e(12, 24, 'PERSON', 0.8, 'ner')];
    expect(mergeStages(text, patterns, overEmail).map((x) => [x.type, x.start, x.end])).toEqual([
      ['PERSON', 0, 8],
      ['PERSON', 12, 20],
      ['EMAIL', 20, 40],
    ]);
  });
});

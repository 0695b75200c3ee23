import { describe, expect, it } from 'vitest';
import { redactUntilClean, type DetectFn } from '../redact-loop';
import { Vault } from '../vault';
import type { Entity, EntityType } from '../types';

const ent = (text: string, value: string, type: EntityType, from = 0): Entity => {
  const start = text.indexOf(value, from);
  return { start, end: start + value.length, type, score: 0.9, source: 'pattern', text: value };
};

describe('redactUntilClean', () => {
  it('maps findings of later rounds back to the original and redacts the original once', async () => {
    const text = 'Ines Valkonen wrote to ines@example.com about Valkonen Oy.';
    // round 1 sees the first name and the email; only once "Ines" is a placeholder does the
    // surname next to it look like a name (as a model would behave)
    const detectFn: DetectFn = async (t) => {
      const out: Entity[] = [];
      if (t.startsWith('Ines')) out.push(ent(t, 'Ines', 'PERSON'));
      if (t.includes('ines@example.com')) out.push(ent(t, 'ines@example.com', 'EMAIL'));
      if (t.startsWith('[PERSON_1] Valkonen')) out.push(ent(t, 'Valkonen', 'PERSON'));
      return { ok: true, entities: out };
    };
    const r = await redactUntilClean(text, detectFn, new Vault());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toBe('[PERSON_1] [PERSON_2] wrote to [EMAIL_1] about Valkonen Oy.');
    expect(r.ranges.map((x) => text.slice(x.start, x.end))).toEqual([
      'Ines',
      'Valkonen',
      'ines@example.com',
    ]);
    expect(r.rounds).toBe(3);
  });

  it('a finding that spans a placeholder and its neighbour becomes one range of the original', async () => {
    const text = 'card 4111 1111 1111 1111 and 2222';
    const detectFn: DetectFn = async (t) => {
      if (t.includes('4111'))
        return { ok: true, entities: [ent(t, '4111 1111 1111 1111', 'CREDIT_CARD')] };
      if (t.includes('[CREDIT_CARD_1] and 2222'))
        return { ok: true, entities: [ent(t, '[CREDIT_CARD_1] and 2222', 'CREDIT_CARD')] };
      return { ok: true, entities: [] };
    };
    const r = await redactUntilClean(text, detectFn, new Vault());
    expect(r.ok && r.text).toBe('card [CREDIT_CARD_2]');
  });

  it('fails closed on a detector error and when findings never stop', async () => {
    const failing: DetectFn = async () => ({
      ok: false,
      error: { code: 'ner_failed', message: 'x' },
    });
    expect(await redactUntilClean('a', failing, new Vault())).toEqual({
      ok: false,
      error: { code: 'ner_failed', message: 'x' },
    });
    let n = 0;
    const endless: DetectFn = async (t) => {
      n++;
      const i = t.indexOf(' ') + 1;
      return { ok: true, entities: i > 0 ? [ent(t, t.slice(i, i + 1), 'PERSON', i)] : [] };
    };
    const r = await redactUntilClean('a b c d e f g h', endless, new Vault(), 2);
    expect(r.ok).toBe(false);
    expect(n).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { tieEntities } from '../../analysis';
import { detectPatterns, type DetectResult, type Entity } from '../../pii';
import { PROFILE_POLICIES, type Policy } from '../../policy';
import { detectorOptions, evaluate, healthFromFlags } from '..';
import { PUBLIC_PERSONAL, type PublicPersonalCase } from './fixtures/public-personal';

const BALANCED = PROFILE_POLICIES.balanced;
/** No local model: everything that may leave goes to the frontier tier, so `outgoing` shows it. */
const CLOUD_ONLY = healthFromFlags({ local: false });
const PLACEHOLDER = /\[[A-Z_]+_\d+\]/;

/** The pattern stage's findings plus every occurrence of the case's values, as a detector gives them. */
function detectionOf(
  c: Pick<PublicPersonalCase, 'text' | 'entities'>,
  policy: Policy,
): DetectResult {
  const entities: Entity[] = detectPatterns(c.text, detectorOptions(policy));
  for (const [value, type] of c.entities) {
    for (let at = c.text.indexOf(value); at !== -1; at = c.text.indexOf(value, at + 1)) {
      const end = at + value.length;
      if (entities.some((e) => e.start < end && at < e.end)) continue;
      entities.push({ start: at, end, type, score: 0.95, source: 'ner', text: value });
    }
  }
  entities.sort((a, b) => a.start - b.start);
  return { entities, modelStage: 'ok' };
}

function outgoingOf(c: PublicPersonalCase, policy: Policy = BALANCED) {
  return evaluate(c.text, policy, CLOUD_ONLY, { detection: detectionOf(c, policy) });
}

const isPublic = (c: PublicPersonalCase) => c.redact.length === 0;

describe('public questions keep their subject, values tied to a person are redacted', () => {
  it('covers the eight languages with both kinds, at least 60 requests', () => {
    expect(PUBLIC_PERSONAL.length).toBeGreaterThanOrEqual(60);
    for (const lang of ['en', 'de', 'pt', 'da', 'sv', 'nl', 'fr', 'es']) {
      const cases = PUBLIC_PERSONAL.filter((c) => c.lang === lang);
      expect(cases.some(isPublic), lang).toBe(true);
      expect(
        cases.some((c) => !isPublic(c)),
        lang,
      ).toBe(true);
    }
  });

  it.each(PUBLIC_PERSONAL.filter(isPublic).map((c) => [c.text, c] as const))(
    'public, sent as written: %s',
    (_t, c) => {
      const r = outgoingOf(c);
      expect(r.outgoing, r.decision.reasons.join('\n')).not.toBeNull();
      expect(r.outgoing).not.toMatch(PLACEHOLDER);
      for (const k of c.keep) expect(r.outgoing).toContain(k);
      expect(r.decision.sensitivity).toBe('public');
    },
  );

  it.each(PUBLIC_PERSONAL.filter((c) => !isPublic(c)).map((c) => [c.text, c] as const))(
    'personal, never leaves as written: %s',
    (_t, c) => {
      const r = outgoingOf(c);
      // Nothing leaving at all is fine too (a regulated word keeps it here).
      if (r.outgoing === null) return;
      for (const v of c.redact) expect(r.outgoing, r.decision.reasons.join('\n')).not.toContain(v);
      for (const k of c.keep) expect(r.outgoing).toContain(k);
      expect(r.decision.sensitivity).not.toBe('public');
    },
  );

  it("says in the decision's reasons why a value was kept or tied", () => {
    const pub = outgoingOf(PUBLIC_PERSONAL[0] as PublicPersonalCase);
    expect(pub.decision.reasons.join('\n')).toMatch(
      /about the world, not about a person: sent as written/,
    );
    const lisbon = PUBLIC_PERSONAL.find((c) => c.text.includes('Lisbon')) as PublicPersonalCase;
    expect(outgoingOf(lisbon).decision.reasons.join('\n')).toMatch(/"live" ties it to a person/);
  });

  it("the policy switch 'always' replaces every place, organisation and date", () => {
    const always: Policy = {
      ...BALANCED,
      sensitivity: { ...BALANCED.sensitivity, contextualEntities: 'always' },
    };
    const r = outgoingOf(PUBLIC_PERSONAL[0] as PublicPersonalCase, always);
    expect(r.outgoing).toBe('What is the capital of [LOCATION_1]?');
    expect(PROFILE_POLICIES.private.sensitivity.contextualEntities).toBe('always');
    expect(BALANCED.sensitivity.contextualEntities).toBe('tied');
  });
});

describe('tieEntities', () => {
  const e = (text: string, value: string, type: Entity['type']): Entity => {
    const start = text.indexOf(value);
    return { start, end: start + value.length, type, score: 0.9, source: 'ner', text: value };
  };

  it('a person named in the sentence ties its place (recall first)', () => {
    const t = 'Please ask Jonas Berg to send the Oslo contract.';
    const ties = tieEntities(t, [e(t, 'Jonas Berg', 'PERSON'), e(t, 'Oslo', 'LOCATION')]);
    expect(ties).toEqual([expect.objectContaining({ index: 1, tied: true })]);
  });

  it('only the sentence about the writer is tied', () => {
    const t = 'Berlin is large. I moved to Hamburg last year.';
    const ties = tieEntities(t, [e(t, 'Berlin', 'LOCATION'), e(t, 'Hamburg', 'LOCATION')]);
    expect(ties.map((x) => x.tied)).toEqual([false, true]);
  });

  it('a full date is tied by a life event; a year alone never', () => {
    const t = 'My wedding is on 3 May 2027, we met in 2015.';
    const ties = tieEntities(t, [e(t, '3 May 2027', 'DATE'), e(t, '2015', 'DATE')]);
    expect(ties.map((x) => x.tied)).toEqual([true, false]);
  });

  it('a possessive owns the tie word even where it is not an anchor for health topics', () => {
    const t = 'A minha empresa, a Sonae, não pagou as horas extra.';
    expect(tieEntities(t, [e(t, 'Sonae', 'ORGANIZATION')])[0]?.tied).toBe(true);
  });

  it('other entity types are left out', () => {
    const t = 'Mail ann@example.com about Paris.';
    expect(tieEntities(t, [e(t, 'ann@example.com', 'EMAIL')])).toEqual([]);
  });
});

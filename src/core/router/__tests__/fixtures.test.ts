import { describe, expect, it } from 'vitest';
import { PROFILE_POLICIES, type ShippedProfile } from '../../policy';
import { evaluate, healthFromFlags, type HealthFlags } from '..';
import requests from './fixtures/requests.json';

interface Fixture {
  id: string;
  text: string;
  profile?: ShippedProfile;
  health?: HealthFlags;
  expect: { route: string; pattern: string; sensitivity: string };
}

const table = requests as Fixture[];

describe('routing fixture table (pattern-stage detector, no local judgements)', () => {
  it('has at least 60 realistic requests with unique ids', () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
    expect(new Set(table.map((f) => f.id)).size).toBe(table.length);
  });

  it.each(table.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    const policy = PROFILE_POLICIES[f.profile ?? 'balanced'];
    const { decision } = evaluate(f.text, policy, healthFromFlags(f.health));
    expect(
      { route: decision.route, pattern: decision.pattern, sensitivity: decision.sensitivity },
      decision.reasons.join('\n'),
    ).toEqual(f.expect);
  });
});

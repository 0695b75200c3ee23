import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../policy';
import { evaluate, healthFromFlags } from '..';

const PERSONAL = 'Please write to anna.berg@example.com about the meeting on Friday.';

describe('availabilityNote', () => {
  it('says why a cloud-bound request is answered here when the cloud is down', () => {
    const { decision } = evaluate(PERSONAL, DEFAULT_POLICY, healthFromFlags({ cloud: false }));
    expect(decision.route).toBe('local');
    expect(decision.availabilityNote).toMatch(/unavailable -> answered on this device instead/);
  });

  it('is absent when the rules alone chose the route', () => {
    const healthy = evaluate(PERSONAL, DEFAULT_POLICY, healthFromFlags());
    expect(healthy.decision.route).toBe('frontier');
    expect(healthy.decision.availabilityNote).toBeUndefined();
  });
});

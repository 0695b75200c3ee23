import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis';
import { detectPatterns, type DetectResult } from '../../pii';
import {
  CATEGORIES,
  DIFFICULTIES,
  ENTITY_TYPES_FOR_POLICY,
  LATENCY_BUDGETS,
  PATTERNS,
  PROFILE_POLICIES,
  PROFILES,
  ROUTES,
  SENSITIVITY_LEVELS,
  TASK_TYPES,
  TIERS,
  validatePolicy,
  type Policy,
  type Rule,
} from '../../policy';
import { decide, evaluate, type Health } from '..';

const FRAGMENTS = [
  'Please email maria.silva@example.com',
  'call +44 20 7946 0958',
  'IBAN DE89 3704 0044 0532 0130 00',
  'card 4111 1111 1111 1111',
  "const key = 'sk-live-abcdef0123456789abcdef'",
  'server 10.0.0.12',
  'I was diagnosed with asthma',
  'written warning for the employee',
  'my bank statement',
  'Mein Sohn (7 Jahre alt)',
  'CONFIDENTIAL',
  'What is the capital of France?',
  'the heart of the matter',
  'Compare these in detail.',
  'Translate to Swedish:',
  'Dear John Smith,',
  'ana@x.io and ANA@X.IO',
];

const text = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 30 })), { maxLength: 8 })
  .map((parts) => parts.join(' '));

const subset = <T>(values: readonly T[]) =>
  fc.option(fc.subarray([...values], { minLength: 1 }), { nil: undefined });

const rule: fc.Arbitrary<Rule> = fc.record({
  id: fc.uuid(),
  when: fc.record(
    {
      sensitivity: subset(SENSITIVITY_LEVELS),
      difficulty: subset(DIFFICULTIES),
      taskType: subset(TASK_TYPES),
      latency: subset(LATENCY_BUDGETS),
      entityTypes: subset(ENTITY_TYPES_FOR_POLICY),
    },
    { requiredKeys: [] },
  ),
  then: fc.record(
    {
      route: fc.constantFrom(...ROUTES),
      pattern: fc.constantFrom(...PATTERNS),
      tiers: fc.subarray(['private', 'frontier'] as ('private' | 'frontier')[]),
    },
    { requiredKeys: ['route', 'pattern'] },
  ),
});

const tier = fc.constantFrom(...TIERS);
const policy: fc.Arbitrary<Policy> = fc
  .record({
    base: fc.constantFrom(...(Object.keys(PROFILE_POLICIES) as (keyof typeof PROFILE_POLICIES)[])),
    profile: fc.constantFrom(...PROFILES),
    rules: fc.array(rule, { maxLength: 6 }),
    ceilings: fc.record({ public: tier, internal: tier, personal: tier }),
    categories: fc.dictionary(
      fc.constantFrom(...CATEGORIES),
      fc.constantFrom(...SENSITIVITY_LEVELS),
    ),
    cloudUnavailable: fc.constantFrom('local', 'queue', 'block' as const),
    allUnavailable: fc.constantFrom('queue', 'block' as const),
    useLocalJudgement: fc.boolean(),
    privateOn: fc.boolean(),
    frontierOn: fc.boolean(),
    denyList: fc.subarray(['Maria', 'Acme', 'Lukas', 'heart']),
    allowList: fc.subarray(['maria.silva@example.com', 'France', 'John Smith']),
  })
  .map((g) => {
    const p = structuredClone(PROFILE_POLICIES[g.base]) as Policy;
    p.profile = g.profile;
    p.rules = [...g.rules, ...p.rules];
    p.sensitivity.ceilings =
      g.profile === 'private'
        ? { public: 'local', internal: 'local', personal: 'local', regulated: 'local' }
        : { ...g.ceilings, regulated: 'local' };
    p.sensitivity.categories = { ...p.sensitivity.categories, ...g.categories };
    p.sensitivity.useLocalJudgement = g.useLocalJudgement;
    p.fallbacks = {
      ...p.fallbacks,
      cloudUnavailable: g.cloudUnavailable,
      allUnavailable: g.allUnavailable,
    };
    p.tiers = {
      local: { enabled: true },
      private: { enabled: g.privateOn },
      frontier: { enabled: g.frontierOn },
    };
    p.denyList = g.denyList;
    p.allowList = g.allowList;
    return p;
  });

const tierHealth = fc.record({ configured: fc.boolean(), available: fc.boolean() });
const health: fc.Arbitrary<Health> = fc.record({
  online: fc.boolean(),
  local: fc.boolean(),
  private: tierHealth,
  frontier: tierHealth,
  cascadeSuppressed: fc.boolean(),
});

const CLOUD = new Set(['private', 'frontier']);

describe('router properties (fast-check)', () => {
  it('generated policies are valid documents', () => {
    fc.assert(fc.property(policy, (p) => validatePolicy(p).ok));
  });

  it('no detected entity value appears in the outgoing text', () => {
    fc.assert(
      fc.property(text, policy, health, (t, p, h) => {
        const { analysis, outgoing } = evaluate(t, p, h);
        if (outgoing === null) return true;
        const out = outgoing.toLowerCase();
        return analysis.entities.every((e) => !out.includes(e.text.toLowerCase()));
      }),
      { numRuns: 400 },
    );
  });

  it('regulated content never yields a cloud route, a cloud tier or outgoing text', () => {
    fc.assert(
      fc.property(text, policy, health, (t, p, h) => {
        const { decision, outgoing } = evaluate(t, p, h);
        if (decision.sensitivity !== 'regulated') return true;
        return (
          !CLOUD.has(decision.route) &&
          decision.tier === 'local' &&
          decision.waitingFor === undefined &&
          outgoing === null
        );
      }),
      { numRuns: 400 },
    );
  });

  it('a detector failure counts as regulated, whatever the policy', () => {
    fc.assert(
      fc.property(text, policy, health, (t, p, h) => {
        const detection: DetectResult = {
          entities: detectPatterns(t),
          modelStage: 'failed',
          error: { code: 'ner_failed', message: 'boom' },
        };
        const d = decide(analyze(t, { detection, localModel: h.local }), p, h);
        return d.sensitivity === 'regulated' && d.tier === 'local' && !CLOUD.has(d.route);
      }),
    );
  });

  it('profile Private never yields a cloud route', () => {
    fc.assert(
      fc.property(text, policy, health, (t, p, h) => {
        const priv = { ...p, profile: 'private' as const };
        const { decision, outgoing } = evaluate(t, priv, h);
        return (
          !CLOUD.has(decision.route) &&
          decision.tier === 'local' &&
          !decision.waitingFor &&
          outgoing === null
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the local judgement can only raise the level', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...SENSITIVITY_LEVELS), health, (t, judged, h) => {
        const detection: DetectResult = { entities: detectPatterns(t), modelStage: 'skipped' };
        const base = decide(
          analyze(t, { detection, localModel: true }),
          PROFILE_POLICIES.balanced,
          h,
        );
        const judgedA = analyze(t, {
          detection,
          localModel: true,
          judgements: {
            sensitivity: { kind: 'sensitivity', level: judged, categories: [], confidence: 0.9 },
          },
        });
        const raised = decide(judgedA, PROFILE_POLICIES.balanced, h);
        const rank = (s: string) =>
          SENSITIVITY_LEVELS.indexOf(s as (typeof SENSITIVITY_LEVELS)[number]);
        return (
          rank(raised.sensitivity) >= rank(base.sensitivity) &&
          rank(raised.sensitivity) >= rank(judged)
        );
      }),
    );
  });

  it('the categories a judgement names map through the policy', () => {
    const t = 'Is it normal to feel this tired?';
    const a = analyze(t, {
      detection: { entities: [], modelStage: 'ok' },
      localModel: true,
      judgements: {
        sensitivity: {
          kind: 'sensitivity',
          level: 'personal',
          categories: ['health'],
          confidence: 0.7,
        },
      },
    });
    const d = decide(a, PROFILE_POLICIES.balanced, {
      online: true,
      local: true,
      private: { configured: false, available: false },
      frontier: { configured: true, available: true },
    });
    expect(d.sensitivity).toBe('regulated');
    expect(d.route).toBe('local');
  });

  it('the name parts of a detected email address are redacted too', () => {
    const { outgoing } = evaluate(
      'Write to jonas.berg@acme.example: Hi Jonas, tell support@acme.example too.',
      PROFILE_POLICIES.balanced,
      {
        online: true,
        local: true,
        private: { configured: false, available: false },
        frontier: { configured: true, available: true },
      },
    );
    expect(outgoing).toBe('Write to [EMAIL_1]: Hi [PERSON_1], tell [EMAIL_2] too.');
  });

  it('decisions are deterministic', () => {
    fc.assert(
      fc.property(text, policy, health, (t, p, h) => {
        expect(evaluate(t, p, h)).toEqual(evaluate(t, structuredClone(p), { ...h }));
      }),
      { numRuns: 200 },
    );
  });
});

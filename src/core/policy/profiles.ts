/** The three shipped profiles, as data. Balanced is the default. */
import { DEFAULT_PII_CHECK, DEFAULT_PRICES, type Policy, type Rule } from './schema';

const ENTITY_LEVELS: Policy['sensitivity']['entities'] = {
  PERSON: 'personal',
  EMAIL: 'personal',
  PHONE: 'personal',
  ADDRESS: 'personal',
  DATE_OF_BIRTH: 'personal',
  NATIONAL_ID: 'personal',
  IBAN: 'personal',
  CREDIT_CARD: 'personal',
  IP_ADDRESS: 'personal',
  SECRET: 'personal',
  USERNAME: 'personal',
  ID_NUMBER: 'personal',
  LOCATION: 'public',
  ORGANIZATION: 'public',
  DATE: 'public',
  URL: 'public',
};

const CATEGORY_LEVELS: Policy['sensitivity']['categories'] = {
  health: 'regulated',
  hr: 'regulated',
  financial: 'regulated',
  children: 'regulated',
  internal: 'internal',
};

const THRESHOLDS: Policy['thresholds'] = {
  detection: 0.5,
  escalateBelow: 0.6,
  cascadeMaxRate: 0.5,
  cascadeWindow: 20,
  longRequestChars: 1200,
};

const REGULATED_LOCAL: Rule = {
  id: 'regulated-stays-local',
  description: 'Health, HR, financial records and children’s data never leave this device.',
  when: { sensitivity: ['regulated'] },
  then: { route: 'local', pattern: 'local' },
};

const INTERNAL_PRIVATE: Rule = {
  id: 'internal-private-tier',
  description: 'Internal material goes only to the organisation’s own endpoint (else local).',
  when: { sensitivity: ['internal'] },
  then: { route: 'private', pattern: 'sanitize-and-solve', tiers: ['private'] },
};

export const BALANCED: Policy = {
  version: 1,
  name: 'Balanced',
  profile: 'balanced',
  description:
    'Personal data may go to the cloud only redacted; regulated data never leaves the device; internal data only to the private tier.',
  tiers: { local: { enabled: true }, private: { enabled: true }, frontier: { enabled: true } },
  sensitivity: {
    entities: ENTITY_LEVELS,
    categories: CATEGORY_LEVELS,
    ceilings: { public: 'frontier', internal: 'private', personal: 'frontier', regulated: 'local' },
    useLocalJudgement: true,
    contextualEntities: 'tied',
  },
  rules: [
    REGULATED_LOCAL,
    INTERNAL_PRIVATE,
    {
      id: 'personal-long-writing-draft',
      description:
        'Long personal writing: drafted locally, the redacted draft is improved in the cloud.',
      when: { sensitivity: ['personal'], taskType: ['writing'], difficulty: ['complex'] },
      then: { route: 'frontier', pattern: 'draft-then-refine', tiers: ['frontier', 'private'] },
    },
    {
      id: 'personal-analysis-plan',
      description:
        'Complex personal analysis: the cloud plans on a redacted abstraction, the local model fills in the details.',
      when: { sensitivity: ['personal'], taskType: ['analysis'], difficulty: ['complex'] },
      then: { route: 'frontier', pattern: 'plan-then-ground', tiers: ['frontier', 'private'] },
    },
    {
      id: 'personal-redacted-cloud',
      description:
        'Personal details are replaced by placeholders before the cloud, and restored here.',
      when: { sensitivity: ['personal'] },
      then: { route: 'frontier', pattern: 'sanitize-and-solve', tiers: ['frontier', 'private'] },
    },
    {
      id: 'public-verify-cross-check',
      description: 'Fact checks: both models answer and disagreement is shown.',
      when: { sensitivity: ['public'], taskType: ['verify'] },
      then: { route: 'frontier', pattern: 'cross-check', tiers: ['frontier', 'private'] },
    },
    {
      id: 'public-simple-cascade',
      description:
        'Simple public requests: answered locally, escalated when the local model is unsure.',
      when: { sensitivity: ['public'], difficulty: ['simple'] },
      then: { route: 'local', pattern: 'escalate-on-hard', tiers: ['frontier', 'private'] },
    },
    {
      id: 'public-complex-cloud',
      description: 'Hard public requests go straight to the frontier model.',
      when: { sensitivity: ['public'], difficulty: ['complex'] },
      then: { route: 'frontier', pattern: 'cloud', tiers: ['frontier', 'private'] },
    },
  ],
  defaultAction: { route: 'local', pattern: 'local' },
  fallbacks: { cloudUnavailable: 'local', localUnavailable: 'block', allUnavailable: 'queue' },
  thresholds: THRESHOLDS,
  prices: DEFAULT_PRICES,
  localPiiCheck: DEFAULT_PII_CHECK,
  allowList: [],
  denyList: [],
};

export const CLOUD_FIRST: Policy = {
  ...BALANCED,
  name: 'Cloud-first',
  profile: 'cloud-first',
  description:
    'Public and redacted personal requests prefer the cloud; regulated data still stays on this device.',
  rules: [
    REGULATED_LOCAL,
    INTERNAL_PRIVATE,
    {
      id: 'personal-redacted-cloud',
      description:
        'Personal details are replaced by placeholders before the cloud, and restored here.',
      when: { sensitivity: ['personal'] },
      then: { route: 'frontier', pattern: 'sanitize-and-solve', tiers: ['frontier', 'private'] },
    },
    {
      id: 'public-verify-cross-check',
      description: 'Fact checks: both models answer and disagreement is shown.',
      when: { sensitivity: ['public'], taskType: ['verify'] },
      then: { route: 'frontier', pattern: 'cross-check', tiers: ['frontier', 'private'] },
    },
    {
      id: 'public-cloud',
      description: 'Public requests go to the frontier model.',
      when: { sensitivity: ['public'] },
      then: { route: 'frontier', pattern: 'cloud', tiers: ['frontier', 'private'] },
    },
  ],
};

export const PRIVATE: Policy = {
  ...BALANCED,
  name: 'Private',
  profile: 'private',
  description: 'Nothing leaves this device.',
  tiers: { local: { enabled: true }, private: { enabled: false }, frontier: { enabled: false } },
  sensitivity: {
    ...BALANCED.sensitivity,
    ceilings: { public: 'local', internal: 'local', personal: 'local', regulated: 'local' },
    // Nothing leaves under Private; should a copy of it be edited to allow a tier, every place,
    // organisation and date is still replaced.
    contextualEntities: 'always',
  },
  rules: [
    {
      id: 'everything-local',
      description: 'Every request is answered on this device.',
      when: {},
      then: { route: 'local', pattern: 'local' },
    },
  ],
  fallbacks: { cloudUnavailable: 'local', localUnavailable: 'block', allUnavailable: 'block' },
};

export const PROFILE_POLICIES = {
  private: PRIVATE,
  balanced: BALANCED,
  'cloud-first': CLOUD_FIRST,
} as const satisfies Record<string, Policy>;

export type ShippedProfile = keyof typeof PROFILE_POLICIES;

export const DEFAULT_POLICY: Policy = BALANCED;

/** A deep copy of a shipped profile, safe to edit. */
export function profilePolicy(id: ShippedProfile): Policy {
  return structuredClone(PROFILE_POLICIES[id]);
}

/**
 * The policy as data: a versioned document validated with zod. Pure (runs in page, worker, CLI).
 * Everything the router does is read from here, so users can predict it, read it and change it.
 */
import { z } from 'zod';
import { ENTITY_TYPES, type EntityType } from '../pii';

export const POLICY_VERSION = 1;

export const SENSITIVITY_LEVELS = ['public', 'internal', 'personal', 'regulated'] as const;
export type Sensitivity = (typeof SENSITIVITY_LEVELS)[number];

export const TIERS = ['local', 'private', 'frontier'] as const;
export type Tier = (typeof TIERS)[number];
export type CloudTier = Exclude<Tier, 'local'>;

export const ROUTES = ['local', 'private', 'frontier', 'blocked', 'queued'] as const;
export type Route = (typeof ROUTES)[number];

export const PATTERNS = [
  'local',
  'sanitize-and-solve',
  'escalate-on-hard',
  'draft-then-refine',
  'plan-then-ground',
  'cross-check',
  'cloud',
  'blocked',
  'queued',
] as const;
export type PatternName = (typeof PATTERNS)[number];

/** Regulated content categories the deterministic stage recognises (see src/core/analysis). */
export const CATEGORIES = ['health', 'hr', 'financial', 'children', 'internal'] as const;
export type Category = (typeof CATEGORIES)[number];

export const DIFFICULTIES = ['simple', 'complex'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const TASK_TYPES = [
  'chat',
  'question',
  'writing',
  'code',
  'summarize',
  'translate',
  'analysis',
  'math',
  'verify',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const LATENCY_BUDGETS = ['interactive', 'relaxed'] as const;
export type LatencyBudget = (typeof LATENCY_BUDGETS)[number];

export const PROFILES = ['private', 'balanced', 'cloud-first', 'custom'] as const;
export type ProfileId = (typeof PROFILES)[number];

const sensitivity = z.enum(SENSITIVITY_LEVELS);
const entityType = z.enum(ENTITY_TYPES as unknown as [EntityType, ...EntityType[]]);

/** The entity types a rule or mapping may name (the detector's types). */
export const ENTITY_TYPES_FOR_POLICY: readonly EntityType[] = ENTITY_TYPES;
const nonEmptyList = <T extends z.ZodType>(t: T) => z.array(t).min(1);

export const RuleSchema = z
  .object({
    id: z.string().min(1).max(64),
    description: z.string().max(500).optional(),
    /** All given conditions must hold; a missing condition matches anything. */
    when: z
      .object({
        sensitivity: nonEmptyList(sensitivity).optional(),
        entityTypes: nonEmptyList(entityType).optional(),
        difficulty: nonEmptyList(z.enum(DIFFICULTIES)).optional(),
        taskType: nonEmptyList(z.enum(TASK_TYPES)).optional(),
        latency: nonEmptyList(z.enum(LATENCY_BUDGETS)).optional(),
        profile: nonEmptyList(z.enum(PROFILES)).optional(),
      })
      .strict(),
    then: z
      .object({
        route: z.enum(ROUTES),
        pattern: z.enum(PATTERNS),
        /** Cloud tiers the request may use, in order of preference; defaults to the route's tier. */
        tiers: z.array(z.enum(['private', 'frontier'])).optional(),
      })
      .strict(),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

const price = z
  .object({
    /** USD per million prompt tokens. */
    inputPerMTok: z.number().min(0).max(10_000),
    /** USD per million completion tokens. */
    outputPerMTok: z.number().min(0).max(10_000),
  })
  .strict();

/** Prices the dashboard's cost estimates use: roughly a current frontier model's list price. */
export const DEFAULT_PRICES = {
  frontier: { inputPerMTok: 3, outputPerMTok: 15 },
  private: { inputPerMTok: 0, outputPerMTok: 0 },
};

/** When the local model is asked for personal values the detector may have missed. */
export const PII_CHECK_WHEN = ['leaving-with-free-text', 'leaving', 'never'] as const;
export type PiiCheckWhen = (typeof PII_CHECK_WHEN)[number];

/** The local model's PII second opinion, as shipped: see docs/policy.md. */
export const DEFAULT_PII_CHECK = {
  when: 'leaving-with-free-text' as PiiCheckWhen,
  budgetMs: 5000,
};

const tierSwitch = z
  .object({ enabled: z.boolean(), label: z.string().max(80).optional() })
  .strict();

export const PolicySchema = z
  .object({
    version: z.literal(POLICY_VERSION),
    name: z.string().min(1).max(80),
    profile: z.enum(PROFILES),
    description: z.string().max(2000).optional(),
    tiers: z.object({ local: tierSwitch, private: tierSwitch, frontier: tierSwitch }).strict(),
    sensitivity: z
      .object({
        /** The level each detected entity type raises a request to. */
        entities: z.partialRecord(entityType, sensitivity),
        /** The level each recognised content category raises a request to. */
        categories: z.partialRecord(z.enum(CATEGORIES), sensitivity),
        /** The farthest tier each level may reach (regulated is always local, see decide()). */
        ceilings: z
          .object({
            public: z.enum(TIERS),
            internal: z.enum(TIERS),
            personal: z.enum(TIERS),
            regulated: z.literal('local'),
          })
          .strict(),
        /** May the local model's judgement raise the level (it can never lower it)? */
        useLocalJudgement: z.boolean(),
        /**
         * Places, organisations and dates: 'tied' replaces them by placeholders only when the
         * analysis ties them to a person ("I live in…", "my employer…"), so that questions about
         * the world keep the words they are about; 'always' replaces every one.
         */
        contextualEntities: z.enum(['tied', 'always']).default('tied'),
      })
      .strict(),
    rules: z.array(RuleSchema),
    /** Used when no rule matches. */
    defaultAction: RuleSchema.shape.then,
    fallbacks: z
      .object({
        /** The chosen cloud tier is down or offline. */
        cloudUnavailable: z.enum(['local', 'queue', 'block']),
        /**
         * No local model loaded: requests whose level allows the cloud go there; the others are
         * blocked (never sent elsewhere, never queued for a cloud): load a model to answer them.
         * A single value today, kept as a field so documents state it explicitly.
         */
        localUnavailable: z.enum(['block']),
        /** Neither local nor any allowed cloud tier: */
        allUnavailable: z.enum(['queue', 'block']),
      })
      .strict(),
    thresholds: z
      .object({
        /** Detector score at or above which an entity counts. */
        detection: z.number().min(0).max(1),
        /** escalate-on-hard escalates when the local self-confidence is below this. */
        escalateBelow: z.number().min(0).max(1),
        /** Stop cascading when more than this share of recent requests escalated. */
        cascadeMaxRate: z.number().min(0).max(1),
        /** How many recent cascades the rate is computed over. */
        cascadeWindow: z.number().int().min(1).max(1000),
        /** Requests longer than this (characters) count as complex. */
        longRequestChars: z.number().int().min(50).max(1_000_000),
      })
      .strict(),
    /**
     * The local model's second opinion on personal values (it can only add redactions). It runs
     * `when` a request would leave the device (by default only with a sentence of free text), and
     * not on devices whose last measured decode speed cannot answer within `budgetMs`.
     */
    localPiiCheck: z
      .object({
        when: z.enum(PII_CHECK_WHEN),
        /** How long to wait for its answer before deciding without it, ms. */
        budgetMs: z.number().int().min(250).max(60_000),
      })
      .strict()
      .default(() => ({ ...DEFAULT_PII_CHECK })),
    allowList: z.array(z.string().min(1)),
    denyList: z.array(z.string().min(1)),
    /** Cloud prices per million tokens, for the estimated cost (and cost saved) on the dashboard. */
    prices: z
      .object({ frontier: price, private: price })
      .strict()
      .default(() => structuredClone(DEFAULT_PRICES)),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    p.rules.forEach((r, i) => {
      if (ids.has(r.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate rule id "${r.id}"`,
        });
      }
      ids.add(r.id);
    });
    if (p.profile === 'private') {
      for (const level of SENSITIVITY_LEVELS) {
        if (p.sensitivity.ceilings[level] !== 'local') {
          ctx.addIssue({
            code: 'custom',
            path: ['sensitivity', 'ceilings', level],
            message:
              'the Private profile keeps everything on this device: every ceiling must be "local"',
          });
        }
      }
    }
  });

export type Policy = z.infer<typeof PolicySchema>;

const ORDER: Record<Sensitivity, number> = { public: 0, internal: 1, personal: 2, regulated: 3 };
/** The higher of two levels. */
export function maxLevel(a: Sensitivity, b: Sensitivity): Sensitivity {
  return ORDER[a] >= ORDER[b] ? a : b;
}
export function levelRank(s: Sensitivity): number {
  return ORDER[s];
}
const TIER_ORDER: Record<Tier, number> = { local: 0, private: 1, frontier: 2 };
export function tierRank(t: Tier): number {
  return TIER_ORDER[t];
}

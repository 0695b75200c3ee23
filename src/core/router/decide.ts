/**
 * decide(analysis, policy, health) -> Decision. Pure, synchronous and allocation-light: it runs on
 * every keystroke of the Policy view's "try it" box and for every request.
 *
 * Invariants enforced here whatever the policy says: regulated content never leaves the device;
 * the Private profile never leaves the device; a detector failure counts as regulated; the local
 * model's judgement can only raise the level; whatever leaves is redacted.
 */
import type { Analysis } from '../analysis/analyze';
import type { EntityType } from '../pii';
import {
  levelRank,
  tierRank,
  type CloudTier,
  type PatternName,
  type Policy,
  type Rule,
  type Sensitivity,
  type Tier,
} from '../policy/schema';
import type { Decision, Health, RedactionPlan } from './types';

const NOUN: Record<EntityType, [string, string]> = {
  PERSON: ['person', 'people'],
  EMAIL: ['email address', 'email addresses'],
  PHONE: ['phone number', 'phone numbers'],
  CREDIT_CARD: ['card number', 'card numbers'],
  NATIONAL_ID: ['national ID', 'national IDs'],
  IBAN: ['IBAN', 'IBANs'],
  IP_ADDRESS: ['IP address', 'IP addresses'],
  LOCATION: ['place', 'places'],
  ADDRESS: ['postal address', 'postal addresses'],
  DATE: ['date', 'dates'],
  DATE_OF_BIRTH: ['date of birth', 'dates of birth'],
  ORGANIZATION: ['organisation', 'organisations'],
  URL: ['link', 'links'],
  SECRET: ['secret (key or password)', 'secrets (keys or passwords)'],
  USERNAME: ['user name', 'user names'],
  ID_NUMBER: ['account or reference number', 'account or reference numbers'],
};

const CATEGORY_NOUN: Record<string, string> = {
  health: 'health details',
  hr: 'an HR or disciplinary matter',
  financial: 'financial account records',
  children: "children's data",
  internal: 'internal material',
};

/** Patterns that need the local model as well as a cloud tier. */
const HYBRID_NEEDS_LOCAL: ReadonlySet<PatternName> = new Set([
  'escalate-on-hard',
  'draft-then-refine',
  'plan-then-ground',
  'cross-check',
]);

function list(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function matchRule(rule: Rule, a: Analysis, level: Sensitivity, policy: Policy): boolean {
  const w = rule.when;
  if (w.sensitivity && !w.sensitivity.includes(level)) return false;
  if (w.difficulty && !w.difficulty.includes(a.difficulty)) return false;
  if (w.taskType && !w.taskType.includes(a.taskType)) return false;
  if (w.latency && !w.latency.includes(a.latency)) return false;
  if (w.profile && !w.profile.includes(policy.profile)) return false;
  if (w.entityTypes && !w.entityTypes.some((t) => (a.entityCounts[t] ?? 0) > 0)) return false;
  return true;
}

/**
 * The entities to replace by placeholders if the request leaves: all of them, except places,
 * organisations and dates the analysis found to be about the world, when the policy keeps those.
 * Only the model stage's findings can be kept: what the pattern stage found, the re-scan before
 * sending (here and at the proxy) finds again, and a value known from earlier turns stays
 * redacted; keeping those would only make the re-scan redact them after all, or block.
 */
export function redactionTargets(a: Analysis, policy: Policy): Analysis['entities'] {
  if (policy.sensitivity.contextualEntities === 'always') return a.entities;
  const kept = new Set(
    a.ties.filter((t) => !t.tied && a.entities[t.index]?.source === 'ner').map((t) => t.index),
  );
  return kept.size ? a.entities.filter((_, i) => !kept.has(i)) : a.entities;
}

function sensitivityOf(a: Analysis, policy: Policy, reasons: string[]): Sensitivity {
  const found: string[] = [];
  let entityLevel: Sensitivity = 'public';
  // A place, organisation or date tied to a person is personal whatever its type's level.
  const tied = new Set(a.ties.filter((t) => t.tied).map((t) => a.entities[t.index]?.type));
  for (const type in a.entityCounts) {
    const t = type as EntityType;
    const n = a.entityCounts[t] ?? 0;
    found.push(`${n} ${NOUN[t][n === 1 ? 0 : 1]}`);
    let l = policy.sensitivity.entities[t] ?? 'personal';
    if (tied.has(t) && levelRank(l) < levelRank('personal')) l = 'personal';
    if (levelRank(l) > levelRank(entityLevel)) entityLevel = l;
  }
  if (found.length) reasons.push(`contains ${list(found)} -> ${entityLevel}`);
  for (const t of a.ties) {
    const e = a.entities[t.index];
    if (!e || !t.tied) continue;
    reasons.push(`the ${NOUN[e.type][0]} is about a person (${t.why}) -> personal`);
  }
  let level: Sensitivity = entityLevel;
  for (const hit of a.categories) {
    const l =
      policy.sensitivity.categories[hit.category] ??
      (hit.category === 'internal' ? 'internal' : 'regulated');
    const noun = CATEGORY_NOUN[hit.category] ?? hit.category;
    const terms = `("${hit.terms.join('", "')}")`;
    reasons.push(
      hit.source === 'local-model'
        ? `the local model found ${noun} about a person ${terms} -> ${l}`
        : `mentions ${noun} ${terms} -> ${l}`,
    );
    if (levelRank(l) > levelRank(level)) level = l;
  }
  if (a.detector === 'failed') {
    reasons.push(
      `the detector's model stage failed${a.detectorError ? ` (${a.detectorError})` : ''}: when in doubt, local -> treated as regulated`,
    );
    level = 'regulated';
  }
  const j = a.judgedSensitivity;
  if (j && policy.sensitivity.useLocalJudgement) {
    // The categories the model names map through the policy too ("health" -> regulated).
    let judged = j.level;
    for (const c of j.categories) {
      const l = policy.sensitivity.categories[c as keyof Policy['sensitivity']['categories']];
      if (l && levelRank(l) > levelRank(judged)) judged = l;
    }
    if (levelRank(judged) > levelRank(level)) {
      const cats = j.categories.length ? ` (${j.categories.join(', ')})` : '';
      reasons.push(
        `the local model judged it ${j.level}${cats} -> raised from ${level} to ${judged}`,
      );
      level = judged;
    }
  } else if (a.judgementNote && a.localModel) {
    reasons.push(
      `no sensitivity judgement from the local model (${a.judgementNote}): deterministic level kept`,
    );
  }
  if (!found.length && !a.categories.length && level === 'public')
    reasons.push('nothing personal or regulated found -> public');
  return level;
}

function tierLabel(t: Tier): string {
  return t === 'frontier'
    ? 'the frontier cloud'
    : t === 'private'
      ? "the organisation's private endpoint"
      : 'this device';
}

function why(t: CloudTier, h: Health, policy: Policy): string {
  if (!policy.tiers[t].enabled) return `${tierLabel(t)} is switched off in this policy`;
  if (!h[t].configured) return `${tierLabel(t)} is not configured`;
  if (!h.online) return 'this device is offline';
  return `${tierLabel(t)} is unavailable`;
}

/** The pure router. See the module comment for the invariants. */
export function decide(analysis: Analysis, policy: Policy, health: Health): Decision {
  const reasons: string[] = [];
  if (!analysis.localModel)
    reasons.push('no local model is loaded: decided from the on-device analysis alone');
  const sensitivity = sensitivityOf(analysis, policy, reasons);

  const ceiling: Tier =
    policy.profile === 'private' || sensitivity === 'regulated'
      ? 'local'
      : policy.sensitivity.ceilings[sensitivity];
  if (policy.profile === 'private') reasons.push('profile Private: nothing leaves this device');
  else if (sensitivity === 'regulated') reasons.push('regulated content never leaves this device');

  let rule: Rule | undefined;
  for (const r of policy.rules) {
    if (matchRule(r, analysis, sensitivity, policy)) {
      rule = r;
      break;
    }
  }
  const action = rule?.then ?? policy.defaultAction;
  reasons.push(
    rule
      ? `rule "${rule.id}"${rule.description ? `: ${rule.description}` : ''}`
      : 'no rule matched: default action',
  );

  const allowed = (t: CloudTier): boolean =>
    policy.tiers[t].enabled && tierRank(t) <= tierRank(ceiling);
  const usable = (t: CloudTier): boolean =>
    allowed(t) && health.online && health[t].configured && health[t].available;
  const wanted: CloudTier[] =
    action.tiers ??
    (action.route === 'private' || action.route === 'frontier'
      ? [action.route]
      : ['frontier', 'private']);
  const allowedTiers = wanted.filter(allowed);
  const cloud = allowedTiers.find(usable);
  const targets = redactionTargets(analysis, policy);
  const hasEntities = targets.length > 0;
  const keptAsWritten = analysis.entities.length - targets.length;
  const cloudPattern = (p: PatternName): PatternName =>
    p === 'cloud' && hasEntities ? 'sanitize-and-solve' : p;

  const out = (
    route: Decision['route'],
    pattern: PatternName,
    tier: Tier,
    waitingFor?: CloudTier,
  ): Decision => {
    const leaves = tier !== 'local' || waitingFor !== undefined;
    const redaction: RedactionPlan = leaves
      ? {
          required: hasEntities,
          targets: targets.map((e) => ({ start: e.start, end: e.end, type: e.type })),
        }
      : { required: false, targets: [] };
    if (leaves && hasEntities)
      reasons.push(
        `${targets.length} value(s) replaced by placeholders before anything leaves; restored here`,
      );
    if (leaves && keptAsWritten > 0)
      reasons.push(
        `${keptAsWritten} place(s), organisation(s) or date(s) about the world, not about a person: sent as written`,
      );
    const d: Decision = {
      route,
      pattern,
      tier,
      sensitivity,
      difficulty: analysis.difficulty,
      taskType: analysis.taskType,
      redaction,
      ruleId: rule?.id ?? null,
      reasons,
    };
    if (waitingFor) d.waitingFor = waitingFor;
    return d;
  };

  /**
   * Blocked only because no local model is loaded: the request stays on this device and can be
   * answered once one is (the chat keeps it as "Waiting for a local model"). Never sent elsewhere.
   */
  const waitForLocal = (why: string): Decision => {
    reasons.push(why);
    const d = out('blocked', 'blocked', 'local');
    if (!health.local && policy.tiers.local.enabled) d.waitsForLocal = true;
    return d;
  };

  /** No local model and no usable cloud tier for this request. */
  const nothingAvailable = (): Decision => {
    const waitFor =
      allowedTiers.find((t) => health[t].configured) ??
      (['frontier', 'private'] as const).find((t) => allowed(t) && health[t].configured);
    if (waitFor && policy.fallbacks.allUnavailable === 'queue') {
      reasons.push(
        `${why(waitFor, health, policy)} and no local model is loaded -> queued until ${tierLabel(waitFor)} is back`,
      );
      return out('queued', 'queued', 'local', waitFor);
    }
    return waitForLocal(
      'no local model is loaded and no allowed cloud tier can take it -> kept on this device until a local model is loaded',
    );
  };

  if (action.route === 'blocked') return out('blocked', 'blocked', 'local');
  if (action.route === 'queued') {
    const waitFor = allowedTiers[0];
    if (waitFor) return out('queued', 'queued', 'local', waitFor);
    reasons.push('may not leave this device, so it cannot wait for the cloud -> blocked');
    return out('blocked', 'blocked', 'local');
  }

  const wantsCloud =
    action.route === 'private' ||
    action.route === 'frontier' ||
    action.pattern === 'escalate-on-hard';
  if (!wantsCloud || ceiling === 'local') {
    if (wantsCloud)
      reasons.push(
        `${sensitivity} content may not reach ${tierLabel(wanted[0] ?? 'frontier')} -> this device`,
      );
    if (health.local) return out('local', 'local', 'local');
    // No model: requests whose level allows the cloud still go there (the app stays useful).
    const anyCloud = (['frontier', 'private'] as const).find(usable);
    if (anyCloud && ceiling !== 'local') {
      reasons.push(
        `the local model is not available; ${sensitivity} content may go to ${tierLabel(anyCloud)}`,
      );
      return out(anyCloud, cloudPattern('cloud'), anyCloud);
    }
    if (ceiling === 'local') {
      return waitForLocal(
        'the local model is not available and this may not leave the device -> kept on this device until a local model is loaded',
      );
    }
    return nothingAvailable();
  }

  // The action wants a cloud tier and the level allows at least the ceiling.
  if (allowedTiers.length < wanted.length) {
    const refused = wanted.filter((t) => !allowed(t));
    reasons.push(`${sensitivity} content may not reach ${list(refused.map(tierLabel))}`);
  }
  if (!cloud) {
    const first = allowedTiers[0] ?? wanted[0] ?? 'frontier';
    if (action.pattern === 'escalate-on-hard' && health.local) {
      reasons.push(`${why(first, health, policy)}: answered locally without escalation`);
      return out('local', 'local', 'local');
    }
    const fb = policy.fallbacks.cloudUnavailable;
    if (fb === 'local' && health.local) {
      const note = `${why(first, health, policy)} -> answered on this device instead`;
      reasons.push(note);
      return { ...out('local', 'local', 'local'), availabilityNote: note };
    }
    if (fb === 'block') {
      reasons.push(`${why(first, health, policy)} -> blocked by the policy's fallback`);
      return out('blocked', 'blocked', 'local');
    }
    if (fb === 'queue' && allowedTiers.some((t) => health[t].configured)) {
      const waitFor = allowedTiers.find((t) => health[t].configured) ?? first;
      reasons.push(`${why(first, health, policy)} -> queued until it is back`);
      return out('queued', 'queued', 'local', waitFor);
    }
    return nothingAvailable();
  }
  if (cloud !== wanted[0])
    reasons.push(`${why(wanted[0] ?? 'frontier', health, policy)} -> ${tierLabel(cloud)}`);

  let pattern = action.pattern;
  if (pattern === 'local' || pattern === 'blocked' || pattern === 'queued') pattern = 'cloud';
  if (HYBRID_NEEDS_LOCAL.has(pattern) && !health.local) {
    reasons.push(
      `${pattern} needs the local model, which is not available -> straight to ${tierLabel(cloud)}`,
    );
    pattern = 'cloud';
  }
  if (pattern === 'escalate-on-hard') {
    if (health.cascadeSuppressed) {
      reasons.push(
        'too many recent requests escalated: cascading paused, routed by the rules instead',
      );
      return analysis.difficulty === 'complex'
        ? out(cloud, cloudPattern('cloud'), cloud)
        : out('local', 'local', 'local');
    }
    return out('local', 'escalate-on-hard', cloud);
  }
  return out(cloud, cloudPattern(pattern), cloud);
}

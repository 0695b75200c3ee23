/** The one entry point: patterns + rules + (optional) model, merged deterministically. */
import { normalize, mapRange } from './normalize';
import { runRecognizers, type Candidate } from './patterns';
import { isPlaceholderSpan } from './placeholders';
import {
  DEFAULT_THRESHOLD,
  type DenyListEntry,
  type DetectOptions,
  type DetectResult,
  type Entity,
  type EntityType,
  type NerRunner,
} from './types';

/** Tie-break order when two overlapping candidates have the same score (lower wins). */
const PRIORITY: Record<EntityType, number> = {
  SECRET: 0,
  EMAIL: 1,
  URL: 2,
  IBAN: 3,
  CREDIT_CARD: 4,
  NATIONAL_ID: 5,
  IP_ADDRESS: 6,
  DATE_OF_BIRTH: 7,
  PHONE: 8,
  DATE: 9,
  ADDRESS: 10,
  PERSON: 11,
  ORGANIZATION: 12,
  LOCATION: 13,
};

function compare(a: Entity, b: Entity): number {
  return (
    b.score - a.score ||
    PRIORITY[a.type] - PRIORITY[b.type] ||
    b.end - b.start - (a.end - a.start) ||
    a.start - b.start ||
    (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)
  );
}

/**
 * Deterministic overlap resolution: best-first greedy (score, then type priority, then longer,
 * then earlier), keeping only candidates that overlap nothing already kept. Output sorted by start.
 */
export function resolveOverlaps(entities: readonly Entity[]): Entity[] {
  const sorted = [...entities].sort(compare);
  const kept: Entity[] = [];
  for (const e of sorted) {
    if (kept.some((k) => k.start < e.end && e.start < k.end)) continue;
    kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function denyListEntities(text: string, deny: readonly (string | DenyListEntry)[]): Entity[] {
  const out: Entity[] = [];
  for (const d of deny) {
    const entry = typeof d === 'string' ? { value: d } : d;
    const v = entry.value.trim();
    if (!v) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(v)}(?![\\p{L}\\p{N}])`, 'giu');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: entry.type ?? 'PERSON',
        score: 1,
        source: 'deny-list',
        text: m[0],
      });
    }
  }
  return out;
}

function allowed(e: Entity, allow: ReadonlySet<string>): boolean {
  return !allow.has(e.text.trim().toLowerCase());
}

function toEntities(
  original: string,
  cands: Candidate[],
  n: ReturnType<typeof normalize>,
): Entity[] {
  return cands.map((c) => {
    const [start, end] = mapRange(n, c.start, c.end);
    return {
      start,
      end,
      type: c.type,
      score: Math.round(c.score * 1000) / 1000,
      source: 'pattern',
      text: original.slice(start, end),
      recognizer: c.recognizer,
    };
  });
}

/** Drops entities that sit inside a redaction placeholder like [PERSON_1]. */
function notPlaceholder(text: string) {
  return (e: Entity) => !isPlaceholderSpan(text, e.start, e.end);
}

/** Pattern stage only (synchronous, fast). Offsets are UTF-16 offsets into `text`. */
export function detectPatterns(text: string, options: Omit<DetectOptions, 'ner'> = {}): Entity[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const types = options.entityTypes ? new Set(options.entityTypes) : undefined;
  const n = normalize(text);
  const cands = runRecognizers(n.text, types);
  let ents = toEntities(text, cands, n);
  if (options.denyList?.length) ents.push(...denyListEntities(text, options.denyList));
  const allow = new Set((options.allowList ?? []).map((a) => a.trim().toLowerCase()));
  ents = ents.filter((e) => e.score >= threshold && allowed(e, allow) && notPlaceholder(text)(e));
  if (types) ents = ents.filter((e) => types.has(e.type));
  return resolveOverlaps(ents);
}

function runnerFn(r: NerRunner): (t: string) => Promise<Entity[]> {
  return typeof r === 'function' ? r : (t) => r.run(t);
}

/** Name/organisation rules (honorifics, legal forms, head nouns): weaker than validated patterns. */
const RULE_RECOGNIZERS = new Set(['honorific', 'org-suffix']);

/**
 * Merges pattern-stage and model-stage entities: validated pattern entities first; then the
 * name/organisation rules and the model compete by score (resolveOverlaps order) for what is left.
 */
export function mergeStages(patterns: readonly Entity[], model: readonly Entity[]): Entity[] {
  const isRule = (e: Entity) => e.recognizer !== undefined && RULE_RECOGNIZERS.has(e.recognizer);
  const kept = patterns.filter((e) => !isRule(e));
  for (const e of [...patterns.filter(isRule), ...model].sort(compare)) {
    if (kept.some((k) => k.start < e.end && e.start < k.end)) continue;
    kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Full detection. When `options.ner` throws, `modelStage` is 'failed' with a structured error and
 * the entities are the pattern-stage ones only: callers must then fail closed (treat the whole
 * text as sensitive and not send it anywhere).
 */
export async function detect(text: string, options: DetectOptions = {}): Promise<DetectResult> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const types = options.entityTypes ? new Set(options.entityTypes) : undefined;
  const patterns = detectPatterns(text, options);
  if (!options.ner) return { entities: patterns, modelStage: 'skipped' };
  let model: Entity[];
  try {
    const n = normalize(text);
    const raw = await runnerFn(options.ner)(n.text);
    model = raw.map((e) => {
      const [start, end] = mapRange(n, e.start, e.end);
      return { ...e, start, end, text: text.slice(start, end) };
    });
  } catch (err) {
    return {
      entities: patterns,
      modelStage: 'failed',
      error: { code: 'ner_failed', message: err instanceof Error ? err.message : String(err) },
    };
  }
  const allow = new Set((options.allowList ?? []).map((a) => a.trim().toLowerCase()));
  model = model.filter(
    (e) =>
      e.score >= threshold &&
      e.start >= 0 &&
      e.end <= text.length &&
      e.start < e.end &&
      allowed(e, allow) &&
      notPlaceholder(text)(e) &&
      (!types || types.has(e.type)),
  );
  return { entities: mergeStages(patterns, model), modelStage: 'ok' };
}

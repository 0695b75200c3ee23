/**
 * The one entry point: normalise → recognizers by family → context → (model) → merge.
 * Every stage is linear or O(m log m) in the input and its matches. The pattern stage works in
 * the coordinates of the normalised view and maps only what it reports back to the original
 * text, which is what gets replaced: entity offsets are UTF-16 offsets into the ORIGINAL text.
 */
import { mapRange, normalize, type Normalized } from './normalize';
import {
  compareEntities,
  dropContained,
  resolveOverlaps,
  subtractRanges,
  unionSameType,
} from './overlaps';
import { placeholderRanges } from './placeholders';
import { runRecognizers, type Candidate } from './recognizers';
import { roundScore } from './recognizers/shared';
import {
  DEFAULT_THRESHOLD,
  type DenyListEntry,
  type DetectOptions,
  type DetectResult,
  type Entity,
  type EntityType,
  type NerRunner,
} from './types';

export { resolveOverlaps } from './overlaps';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Types whose values are compared by their letters and digits only ("4111-1111…" = "4111 1111…"). */
const ALNUM_TYPES: ReadonlySet<EntityType> = new Set([
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'NATIONAL_ID',
  'ID_NUMBER',
]);

const denyCache = new Map<string, RegExp | null>();

/** A regex for a known value, tolerant of how it may be written again (case, spacing, grouping). */
function denyRegex(entry: DenyListEntry): RegExp | null {
  const type = entry.type ?? 'PERSON';
  const key = `${type}\u0000${entry.value}`;
  const hit = denyCache.get(key);
  if (hit !== undefined) return hit;
  // the value as the detector sees text (fullwidth digits, invisible characters removed)
  const v = normalize(entry.value).text.trim();
  let re: RegExp | null = null;
  if (ALNUM_TYPES.has(type)) {
    const chars = v.replace(/[^\p{L}\p{N}]/gu, '');
    if (chars.length >= 4)
      re = new RegExp(
        `(?<![\\p{L}\\p{N}])${[...chars].map(escapeRe).join('[\\s.\\-/_()]{0,3}')}(?![\\p{L}\\p{N}])`,
        'giu',
      );
  } else if (v.length >= 2) {
    re = new RegExp(
      `(?<![\\p{L}\\p{N}])${v.split(/\s+/).map(escapeRe).join('\\s{1,3}')}(?![\\p{L}\\p{N}])`,
      'giu',
    );
  }
  if (denyCache.size > 5000) denyCache.clear();
  denyCache.set(key, re);
  return re;
}

/** Deny-list values found in the normalised view, as certain candidates. */
function denyListCandidates(t: string, deny: readonly (string | DenyListEntry)[]): Candidate[] {
  const out: Candidate[] = [];
  for (const d of deny) {
    const entry = typeof d === 'string' ? { value: d } : d;
    const re = denyRegex(entry);
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t))
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: entry.type ?? 'PERSON',
        score: 1,
        recognizer: 'deny-list',
      });
  }
  return out;
}

function toEntity(original: string, c: Candidate, n: Normalized): Entity | null {
  const [start, end] = mapRange(n, c.start, c.end);
  if (end <= start) return null;
  const deny = c.recognizer === 'deny-list';
  return {
    start,
    end,
    type: c.type,
    score: roundScore(c.score),
    source: deny ? 'deny-list' : 'pattern',
    text: original.slice(start, end),
    ...(deny ? {} : { recognizer: c.recognizer }),
  };
}

/** Pattern stage only (synchronous, fast). Offsets are UTF-16 offsets into `text`. */
export function detectPatterns(text: string, options: Omit<DetectOptions, 'ner'> = {}): Entity[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const types = options.entityTypes ? new Set(options.entityTypes) : undefined;
  const n = normalize(text);
  const t = n.text;
  let cands = runRecognizers(t, types, threshold).filter((c) => c.score >= threshold);
  if (options.denyList?.length) cands.push(...denyListCandidates(t, options.denyList));
  if (options.allowList?.length) {
    const allow = new Set(options.allowList.map((a) => normalize(a).text.trim().toLowerCase()));
    cands = cands.filter((c) => !allow.has(t.slice(c.start, c.end).trim().toLowerCase()));
  }
  // Placeholders ("[PERSON_1]") are never reported: they are cut out of any candidate that
  // overlaps them, and what is left of it stays ("password=Tr0ub4dor&3xyz[EMAIL_1]" keeps
  // "Tr0ub4dor&3xyz"). So a re-scan of a redacted text finds only real leftovers.
  cands = subtractRanges(t, cands, placeholderRanges(t));
  if (types) cands = cands.filter((c) => types.has(c.type));
  const kept = resolveOverlaps(t, dropContained(unionSameType(t, cands, 'ADDRESS')));
  const out: Entity[] = [];
  for (const c of kept) {
    const e = toEntity(text, c, n);
    if (e) out.push(e);
  }
  return out;
}

function runnerFn(r: NerRunner): (t: string) => Promise<Entity[]> {
  return typeof r === 'function' ? r : (t) => r.run(t);
}

/** Name/organisation rules (honorifics, legal forms): weaker than validated patterns. */
const RULE_RECOGNIZERS = new Set(['honorific', 'org-suffix']);

/**
 * Merges pattern-stage and model-stage entities of `text`. Validated pattern entities are kept
 * first; a model span that overlaps one is trimmed to what lies outside it (never dropped whole:
 * "Maria Gonzalez (maria.g@…" keeps the name); then the name/organisation rules and the trimmed
 * model spans compete by score for what is left.
 */
export function mergeStages(
  text: string,
  patterns: readonly Entity[],
  model: readonly Entity[],
): Entity[] {
  const isRule = (e: Entity) => e.recognizer !== undefined && RULE_RECOGNIZERS.has(e.recognizer);
  const firm = patterns.filter((e) => !isRule(e));
  const cut = [...firm].sort((a, b) => a.start - b.start).map((e) => [e.start, e.end] as const);
  const trimmed = subtractRanges(text, model, cut);
  return resolveOverlaps(
    text,
    [...patterns.filter(isRule), ...trimmed].sort(compareEntities),
    firm,
  );
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
    model = [];
    for (const e of raw) {
      if (!(e.start >= 0 && e.end <= n.text.length && e.start < e.end)) continue;
      const [start, end] = mapRange(n, e.start, e.end);
      model.push({ ...e, start, end, text: text.slice(start, end) });
    }
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
      !allow.has(e.text.trim().toLowerCase()) &&
      (!types || types.has(e.type)),
  );
  model = subtractRanges(text, model, placeholderRanges(text));
  return { entities: mergeStages(text, patterns, model), modelStage: 'ok' };
}

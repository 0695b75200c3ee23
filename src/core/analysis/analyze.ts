/**
 * The deterministic sensitivity stage: turns a text, the detector's result and (when a local model
 * is loaded) its judgements into an Analysis for decide(). Pure and synchronous.
 */
import type { Judgement } from '../local-model/api';
import type { DetectResult, Entity, EntityType } from '../pii';
import type { Category, Difficulty, LatencyBudget, Sensitivity, TaskType } from '../policy/schema';
import { heuristics } from './heuristics';
import { AGE, ANCHORS, CHILD_RECORD, INTERNAL_MARKERS, LEXICON } from './lexicon';

/** Evidence for one recognised category: the words that triggered it. */
export interface CategoryHit {
  category: Category;
  /** The matched words, as they appear in the text (at most 3). */
  terms: string[];
}

export interface LocalJudgements {
  sensitivity?: Judgement;
  difficulty?: Judgement;
}

export interface Analysis {
  length: number;
  entities: Entity[];
  entityCounts: Partial<Record<EntityType, number>>;
  /** The detector's model stage; 'failed' means "treat as regulated" (fail closed). */
  detector: DetectResult['modelStage'];
  detectorError?: string;
  categories: CategoryHit[];
  taskType: TaskType;
  difficulty: Difficulty;
  difficultyReason: string;
  latency: LatencyBudget;
  /** Whether a local model was available to judge. */
  localModel: boolean;
  /** The local model's sensitivity level, when it gave one (can only raise the level). */
  judgedSensitivity?: { level: Sensitivity; categories: string[]; confidence: number };
  /** Why the local judgement is missing, when it is. */
  judgementNote?: string;
}

export interface AnalyzeOptions {
  detection: DetectResult;
  judgements?: LocalJudgements;
  /** Whether a local model is loaded (judgements may still be missing if it timed out). */
  localModel?: boolean;
  latency?: LatencyBudget;
  /** Requests longer than this count as complex (policy.thresholds.longRequestChars). */
  longRequestChars?: number;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const words = (alts: readonly string[]): RegExp =>
  new RegExp(`${B}(?:${alts.join('|')})${E}`, 'giu');

const COMPILED = Object.fromEntries(
  Object.entries(LEXICON).map(([cat, lex]) => [
    cat,
    { strong: lex.strong.length ? words(lex.strong) : null, topic: words(lex.topic) },
  ]),
) as Record<keyof typeof LEXICON, { strong: RegExp | null; topic: RegExp }>;
const ANCHOR_RE = words(ANCHORS);
const AGE_RE = new RegExp(`${B}${AGE}`, 'iu');
const CHILD_RECORD_RE = words(CHILD_RECORD);
const INTERNAL_RE = words(INTERNAL_MARKERS);

/** Entity types that tie a text to a specific person. */
const IDENTIFYING: ReadonlySet<EntityType> = new Set([
  'PERSON',
  'EMAIL',
  'PHONE',
  'NATIONAL_ID',
  'IBAN',
  'CREDIT_CARD',
  'DATE_OF_BIRTH',
  'ADDRESS',
]);

function matches(re: RegExp, text: string, max = 3): string[] {
  re.lastIndex = 0;
  const out: string[] = [];
  for (let m = re.exec(text); m !== null && out.length < max; m = re.exec(text)) {
    const t = m[0].toLowerCase();
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** Regulated and internal categories, with context (see lexicon.ts). */
export function recognizeCategories(text: string, entities: readonly Entity[]): CategoryHit[] {
  const identified = entities.some((e) => IDENTIFYING.has(e.type));
  ANCHOR_RE.lastIndex = 0;
  const anchored = identified || ANCHOR_RE.test(text);
  const hits: CategoryHit[] = [];
  for (const cat of ['health', 'hr', 'financial'] as const) {
    const c = COMPILED[cat];
    const strong = c.strong ? matches(c.strong, text) : [];
    const topic = anchored ? matches(c.topic, text) : [];
    if (strong.length || topic.length)
      hits.push({ category: cat, terms: [...strong, ...topic].slice(0, 3) });
  }
  const child = matches(COMPILED.children.topic, text);
  if (child.length) {
    const named = entities.some((e) => e.type === 'PERSON' || e.type === 'DATE_OF_BIRTH');
    const age = AGE_RE.exec(text)?.[0];
    const record = matches(CHILD_RECORD_RE, text, 1);
    const health = hits.some((h) => h.category === 'health');
    if (named || age || record.length || health) {
      hits.push({
        category: 'children',
        terms: [...child.slice(0, 2), ...(age ? [age] : []), ...record],
      });
    }
  }
  const internal = matches(INTERNAL_RE, text);
  if (internal.length) hits.push({ category: 'internal', terms: internal });
  return hits;
}

/** The whole deterministic stage plus the local judgements, as data for decide(). */
export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const { detection } = options;
  const entityCounts: Partial<Record<EntityType, number>> = {};
  for (const e of detection.entities) entityCounts[e.type] = (entityCounts[e.type] ?? 0) + 1;
  const h = heuristics(text, options.longRequestChars ?? 1200);
  const analysis: Analysis = {
    length: text.length,
    entities: detection.entities,
    entityCounts,
    detector: detection.modelStage,
    categories: recognizeCategories(text, detection.entities),
    taskType: h.taskType,
    difficulty: h.difficulty,
    difficultyReason: h.difficultyReason,
    latency: options.latency ?? 'interactive',
    localModel: options.localModel ?? false,
  };
  if (detection.error) analysis.detectorError = detection.error.message;
  const sj = options.judgements?.sensitivity;
  if (sj && sj.kind === 'sensitivity' && !('unknown' in sj)) {
    analysis.judgedSensitivity = {
      level: sj.level,
      categories: sj.categories,
      confidence: sj.confidence,
    };
  } else if (sj && 'unknown' in sj) {
    analysis.judgementNote = sj.reason;
  }
  const dj = options.judgements?.difficulty;
  if (
    dj &&
    dj.kind === 'difficulty' &&
    !('unknown' in dj) &&
    dj.difficulty === 'complex' &&
    h.difficulty === 'simple'
  ) {
    analysis.difficulty = 'complex';
    analysis.difficultyReason = `the local model judged it complex (${Math.round(dj.confidence * 100)}%)`;
  }
  return analysis;
}

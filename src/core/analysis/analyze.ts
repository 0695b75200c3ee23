/**
 * The deterministic sensitivity stage: turns a text, the detector's result and (when a local model
 * is loaded) its judgements into an Analysis for decide(). Pure and synchronous.
 */
import type { Judgement } from '../local-model/api';
import type { ModelFact } from '../local-model/pii-opinion';
import type { DetectResult, Entity, EntityType } from '../pii';
import type { Difficulty, LatencyBudget, Sensitivity, TaskType } from '../policy/schema';
import { heuristics } from './heuristics';
import { recognizeCategories, type CategoryHit } from './categories';
import { tieEntities, type EntityTie } from './ties';

export interface LocalJudgements {
  sensitivity?: Judgement;
  difficulty?: Judgement;
}

export interface Analysis {
  length: number;
  entities: Entity[];
  entityCounts: Partial<Record<EntityType, number>>;
  /** For each place, organisation and date: is it about a person or about the world? */
  ties: EntityTie[];
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
  /** Facts about a person the local model found in the text (they can only add categories). */
  modelFacts?: readonly ModelFact[];
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
    ties: tieEntities(text, detection.entities),
    detector: detection.modelStage,
    categories: recognizeCategories(text, detection.entities),
    taskType: h.taskType,
    difficulty: h.difficulty,
    difficultyReason: h.difficultyReason,
    latency: options.latency ?? 'interactive',
    localModel: options.localModel ?? false,
  };
  if (detection.error) analysis.detectorError = detection.error.message;
  for (const category of ['health', 'hr', 'financial'] as const) {
    const terms = [
      ...new Set(
        (options.modelFacts ?? [])
          .filter((f) => f.category === category)
          .map((f) => f.text.slice(0, 40)),
      ),
    ].slice(0, 3);
    if (terms.length) analysis.categories.push({ category, terms, source: 'local-model' });
  }
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

/**
 * Local judgements for the router: prompts, JSON schemas for web-llm's structured output, parsing
 * and the conservative rules around them. Pure; the worker runs the model.
 *
 * The sensitivity judgement can only raise the pattern/NER detector's verdict, never lower it: a
 * small model that misses a diagnosis must not let a detected email leave the device. Callers
 * combine the two with `raiseSensitivity`.
 */
import type { ChatMessage, JudgeKind, Judgement, SensitivityLevel } from './api';

export const SENSITIVITY_LEVELS: readonly SensitivityLevel[] = [
  'public',
  'internal',
  'personal',
  'regulated',
];

/** JSON schemas (as web-llm's `response_format.schema` wants: a JSON string). */
export const JUDGE_SCHEMAS: Record<JudgeKind, object> = {
  sensitivity: {
    type: 'object',
    properties: {
      level: { type: 'string', enum: [...SENSITIVITY_LEVELS] },
      categories: { type: 'array', items: { type: 'string' }, maxItems: 5 },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    },
    required: ['level', 'categories', 'confidence'],
  },
  difficulty: {
    type: 'object',
    properties: {
      difficulty: { type: 'string', enum: ['simple', 'complex'] },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    },
    required: ['difficulty', 'confidence'],
  },
  'answer-confidence': {
    type: 'object',
    properties: { confidence: { type: 'number', minimum: 0, maximum: 1 } },
    required: ['confidence'],
  },
};

const SYSTEM: Record<JudgeKind, string> = {
  sensitivity:
    'You classify how sensitive a text is. Levels: public (nothing private), internal (business-internal), personal (about an identifiable person), regulated (health, HR, legal, financial or other special-category data, even without names). Categories are short words such as "medical", "hr", "financial", "legal". Answer only with JSON.',
  difficulty:
    'You estimate whether a small local language model can answer a request well (simple) or whether it needs a large model (complex: multi-step reasoning, long documents, specialised expertise, code across files). Answer only with JSON.',
  'answer-confidence':
    'You rate how confident you are that the given answer is correct and complete for the question, from 0 (surely wrong) to 1 (surely right). Answer only with JSON.',
};

/** Judge prompts are capped so a long document cannot stall the router. */
export const MAX_JUDGE_CHARS = 4000;

export function judgeMessages(kind: JudgeKind, text: string): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM[kind] },
    { role: 'user', content: text.slice(0, MAX_JUDGE_CHARS) },
  ];
}

export function unknownJudgement(kind: JudgeKind, reason: string): Judgement {
  return { kind, unknown: true, reason };
}

function confidenceOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : undefined;
}

/** Parse the model's JSON; anything malformed becomes an "unknown" judgement. */
export function parseJudgement(kind: JudgeKind, raw: string): Judgement {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return unknownJudgement(kind, 'the local model did not return valid JSON');
  }
  if (!data || typeof data !== 'object') {
    return unknownJudgement(kind, 'the local model returned an unexpected answer');
  }
  const o = data as Record<string, unknown>;
  const confidence = confidenceOf(o.confidence);
  if (confidence === undefined) {
    return unknownJudgement(kind, 'the local model gave no confidence');
  }
  switch (kind) {
    case 'sensitivity': {
      const level = o.level;
      if (typeof level !== 'string' || !SENSITIVITY_LEVELS.includes(level as SensitivityLevel)) {
        return unknownJudgement(kind, 'the local model gave no valid sensitivity level');
      }
      const categories = Array.isArray(o.categories)
        ? o.categories.filter((c): c is string => typeof c === 'string').slice(0, 5)
        : [];
      return { kind, level: level as SensitivityLevel, categories, confidence };
    }
    case 'difficulty': {
      if (o.difficulty !== 'simple' && o.difficulty !== 'complex') {
        return unknownJudgement(kind, 'the local model gave no valid difficulty');
      }
      return { kind, difficulty: o.difficulty, confidence };
    }
    case 'answer-confidence':
      return { kind, confidence };
  }
}

/**
 * The detector's level raised by the model's judgement, never lowered. An unknown judgement
 * leaves the detector's level as it is (the router treats unknown conservatively on its own).
 */
export function raiseSensitivity(
  detector: SensitivityLevel,
  judgement: Judgement,
): SensitivityLevel {
  if (judgement.kind !== 'sensitivity' || 'unknown' in judgement) return detector;
  const a = SENSITIVITY_LEVELS.indexOf(detector);
  const b = SENSITIVITY_LEVELS.indexOf(judgement.level);
  return SENSITIVITY_LEVELS[Math.max(a, b)] ?? detector;
}

/** Default judge timeout: the router waits at most this long for the local model. */
export const JUDGE_TIMEOUT_MS = 8000;

/**
 * Race `work` against a timeout; on timeout call `onTimeout` (to interrupt the engine) and resolve
 * with `fallback()`.
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  fallback: () => T,
  onTimeout?: () => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      onTimeout?.();
      resolve(fallback());
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

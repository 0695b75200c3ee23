/** The deterministic analysis stage: regulated content, difficulty, task type. Pure. */
export { analyze, type Analysis, type AnalyzeOptions, type LocalJudgements } from './analyze';
export { foldForLexicon, recognizeCategories, type CategoryHit } from './categories';
export { heuristics, type Heuristics } from './heuristics';
export { CONTEXTUAL_TYPES, tieEntities, type EntityTie } from './ties';

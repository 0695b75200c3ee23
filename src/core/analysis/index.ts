/** The deterministic analysis stage: regulated content, difficulty, task type. Pure. */
export {
  analyze,
  recognizeCategories,
  type Analysis,
  type AnalyzeOptions,
  type CategoryHit,
  type LocalJudgements,
} from './analyze';
export { heuristics, type Heuristics } from './heuristics';

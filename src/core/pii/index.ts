/** PII detection and reversible redaction. Pure TypeScript (runs in page, worker and proxy). */
export {
  DEFAULT_THRESHOLD,
  ENTITY_TYPES,
  type DenyListEntry,
  type DetectOptions,
  type DetectResult,
  type Entity,
  type EntitySource,
  type EntityType,
  type NerRunner,
  type NerRunnerFn,
  type StructuredError,
} from './types';
export { detect, detectPatterns, mergeStages, resolveOverlaps } from './detect';
export {
  PiiRemainingError,
  Vault,
  assertClean,
  redact,
  rescan,
  restore,
  valueKey,
  type PiiRemainingErrorData,
  type PlaceholderUse,
  type RedactResult,
  type RestoreResult,
  type VaultData,
  type VaultEntry,
} from './vault';
export { formatPlaceholder } from './placeholders';
export { normalize } from './normalize';
export * as validators from './validators';
export {
  createNerRunner,
  type NerInferFn,
  type NerInputs,
  type NerRunnerOptions,
} from './ner/runner';
export { LABELS as NER_LABELS, CHAR_SLOTS as NER_CHAR_SLOTS, isHeldOut } from './ner/features';
export * from './forwarded-scan';
export * from './forwarded-clean';

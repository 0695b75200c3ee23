/** The router: decide() and what leaves the device. Pure. */
export { decide, redactionTargets } from './decide';
export {
  prepareOutgoing,
  prepareOutgoingMessages,
  type OutgoingResult,
  type OutgoingMessagesResult,
} from './outgoing';
export * from './types';
export {
  evaluate,
  evaluateLayout,
  detectorOptions,
  type Evaluation,
  type EvaluateOptions,
} from './evaluate';
export { healthFromFlags, type HealthFlags } from './flags';
export { badgeLabel, previewLabel, type BadgeLabel, type LabelInput } from './labels';
export { evaluateRequest, transcriptOf, type RequestContext, type RequestInput } from './request';
export {
  PLACEHOLDER_SYSTEM,
  requestMessages,
  sentText,
  transcriptLayout,
  type MessagesInput,
  type TranscriptLayout,
} from './messages';

/** What each pattern records: which tier saw what, for the audit log and the "what left" view. */
import type { Tier } from '../core/policy/schema';
import type { PipelineError } from './errors';

export type StepKind =
  'judge' | 'redact' | 'local-generate' | 'cloud-call' | 'restore' | 'fallback' | 'queue' | 'block';

export interface Step {
  kind: StepKind;
  /** The tier that saw data in this step ('local' = nothing left the device). */
  tier: Tier;
  /** For cloud calls: the exact text that left the device (already redacted). */
  sent?: string;
  ok: boolean;
  error?: PipelineError;
  ms: number;
  /** Plain-words detail, e.g. "confidence 0.42 < 0.6: escalating". */
  note?: string;
  /** Characters received. */
  chars?: number;
}

/**
 * The words the UI uses for where an answer came from. One source for the answer badges and the
 * composer's live preview, so the preview never promises something the badge then contradicts.
 */
import type { PatternName, Route, Tier } from '../policy/schema';

export type BadgeLabel =
  | 'Local'
  | 'Private tier'
  | 'Cloud'
  | 'Cloud (redacted)'
  | 'Escalated'
  | 'Queued'
  | 'Blocked'
  | 'Failed'
  | 'Stopped';

export interface LabelInput {
  status: 'complete' | 'queued' | 'blocked' | 'error' | 'stopped';
  /** The tier that produced the answer. */
  answeredBy: Tier;
  /** The farthest tier that received any text of this request ('local': nothing left). */
  exposure: Tier;
  escalated: boolean;
  /** A cloud step failed and the local model answered instead. */
  fellBack: boolean;
  /** Values replaced by placeholders in what left the device. */
  redacted: number;
}

/**
 * The badge of a finished answer. It names what happened to the user's data: an answer composed
 * on this device from a cloud plan is not "Local", because text left the device for the plan.
 */
export function badgeLabel(r: LabelInput): BadgeLabel {
  if (r.status === 'queued') return 'Queued';
  if (r.status === 'blocked') return 'Blocked';
  if (r.status === 'error') return 'Failed';
  if (r.status === 'stopped') return 'Stopped';
  if (r.escalated) return 'Escalated';
  if (r.fellBack && r.answeredBy === 'local') return 'Local';
  const tier = r.exposure === 'local' ? r.answeredBy : r.exposure;
  if (tier === 'local') return 'Local';
  if (tier === 'private') return 'Private tier';
  return r.redacted > 0 ? 'Cloud (redacted)' : 'Cloud';
}

/** What the live preview says the current text would get, before it is sent. */
export function previewLabel(d: {
  route: Route;
  pattern: PatternName;
  tier: Tier;
  redacts: boolean;
}): string {
  if (d.route === 'queued') return 'Queued (waits for the cloud)';
  if (d.route === 'blocked') return 'Blocked';
  if (d.pattern === 'escalate-on-hard') return 'Local (may escalate)';
  if (d.route === 'local' && d.tier === 'local') return 'Local';
  if (d.tier === 'private') return 'Private tier';
  if (d.tier === 'frontier') return d.redacts ? 'Cloud (redacted)' : 'Cloud';
  return 'Local';
}

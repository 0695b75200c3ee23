/**
 * The routing record stored with an answer, made from the orchestrator's result. The badge label
 * comes from the orchestrator (one source of truth); notes explain anything unusual in words.
 */
import type { MessageRouting } from '../../../db';
import type { SendResult } from '../../../orchestrator';

export function routingFromResult(r: SendResult): MessageRouting {
  const notes: string[] = [];
  const fallback = r.steps.find((s) => s.kind === 'fallback' && s.ok && s.tier === 'local');
  if (fallback?.note) notes.push(fallback.note);
  else if (r.decision.availabilityNote) notes.push(r.decision.availabilityNote);
  if (r.unknownPlaceholders.length) {
    notes.push(
      `The answer mentions ${r.unknownPlaceholders.join(', ')}, which this conversation never used; left as is.`,
    );
  }
  if (r.crossCheck?.disagree) {
    notes.push('The local model and the cloud model disagreed: both answers are shown.');
  }
  const waiting = r.status === 'blocked' && r.decision.waitsForLocal === true;
  return {
    label: waiting ? 'Waiting for a local model' : r.badge.label,
    tone: waiting ? 'queued' : r.badge.tone,
    tier: r.badge.tier,
    pattern: r.decision.pattern,
    sensitivity: r.decision.sensitivity,
    reasons: r.decision.reasons,
    leftDevice: r.leftDevice.map((l) => ({ tier: l.tier, text: l.text })),
    redacted: r.badge.redacted,
    escalated: r.badge.escalated,
    ...(notes.length ? { note: notes.join(' ') } : {}),
  };
}

/** The stored text of an answer: cross-check shows both answers. */
export function answerText(r: SendResult, streamed: string): string {
  if (r.crossCheck?.disagree) {
    return `${r.text}\n\n---\n\n**Local model:**\n\n${r.crossCheck.local}`;
  }
  if (r.status === 'stopped') return streamed;
  return r.text || streamed;
}

/**
 * What the UI renders for a cloud answer with placeholders (see Message.raw), or undefined when
 * that is the stored text itself. A stopped answer is what had streamed, as written.
 */
export function answerMarkdown(r: SendResult, streamed: string): string | undefined {
  if (r.status === 'stopped') return undefined;
  if (r.raw === undefined) return undefined;
  if (r.crossCheck?.disagree) {
    return `${r.raw}\n\n---\n\n**Local model:**\n\n${r.crossCheck.local}`;
  }
  return r.raw || streamed;
}

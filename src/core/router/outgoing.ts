/**
 * What would leave the device for a decision: the redacted messages, re-scanned; or an error when
 * nothing leaves or the re-scan fails (fail closed). Pure.
 */
import type { ChatMessage } from '../local-model/api';
import {
  cleanForwarded,
  detectPatterns,
  forwardedThreshold,
  redact,
  Vault,
  type Entity,
  type PlaceholderUse,
} from '../pii';
import { transcriptLayout, type TranscriptLayout } from './messages';
import type { Decision } from './types';

type OutgoingError = { ok: false; code: 'nothing_leaves' | 'pii_remaining'; message: string };

export type OutgoingResult =
  { ok: true; text: string; placeholders: PlaceholderUse[] } | OutgoingError;

export type OutgoingMessagesResult =
  { ok: true; messages: ChatMessage[]; placeholders: PlaceholderUse[] } | OutgoingError;

/** Mailbox names that are not people. */
const ROLE_MAILBOXES = new Set([
  'info',
  'contact',
  'admin',
  'support',
  'sales',
  'hello',
  'team',
  'office',
  'mail',
  'noreply',
  'service',
  'billing',
  'help',
  'jobs',
  'kontakt',
  'post',
  'hr',
]);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Planned = Entity & { text: string };

/**
 * The spans to redact in the analysed text: every planned target, every other occurrence of the
 * same values (a name the detector found once), and the name parts of detected e-mail addresses.
 */
function plannedSpans(text: string, decision: Decision): { targets: Planned[]; all: Planned[] } {
  const targets: Planned[] = decision.redaction.targets.map((t) => ({
    ...t,
    score: 1,
    source: 'rule',
    text: text.slice(t.start, t.end),
  }));
  const extra: Planned[] = [];
  for (const t of targets) {
    if (t.text.trim().length < 2) continue;
    const re = new RegExp(escapeRe(t.text), 'gi');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!targets.some((o) => o.start < e && s < o.end))
        extra.push({ ...t, start: s, end: e, text: m[0] });
    }
  }
  // The name parts of a detected email address ("jonas.berg@..." -> "Jonas", "Berg") elsewhere in
  // the text are names too, even when the pattern stage alone did not flag them.
  for (const t of targets) {
    if (t.type !== 'EMAIL') continue;
    for (const part of (t.text.split('@')[0] ?? '').split(/[._+-]+/)) {
      if (part.length < 3 || /\d/.test(part) || ROLE_MAILBOXES.has(part.toLowerCase())) continue;
      const re = new RegExp(`(?<![\\p{L}\\p{N}@.])${escapeRe(part)}(?![\\p{L}\\p{N}@])`, 'giu');
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const s = m.index;
        const e = s + m[0].length;
        const taken = [...targets, ...extra].some((o) => o.start < e && s < o.end);
        if (!taken)
          extra.push({ start: s, end: e, type: 'PERSON', score: 1, source: 'rule', text: m[0] });
      }
    }
  }
  return { targets, all: [...targets, ...extra] };
}

/**
 * Redacts every planned span in the message it lies in (a span crossing into the label between
 * two messages is cut to the message's part), checks that no original value survived in any
 * message, then runs the proxy's re-scan on exactly these messages and redacts whatever it finds
 * (forwarded-clean.ts), so what this returns is what the proxy accepts. One vault for all of them:
 * the same value gets the same placeholder in every message, as in every earlier request of the
 * conversation.
 */
export function prepareOutgoingMessages(
  layout: TranscriptLayout,
  decision: Decision,
  vault: Vault = new Vault(),
  threshold?: number,
  /** The proxy's re-scan threshold (Health.proxyThreshold); the detector's default when unknown. */
  proxyThreshold?: number,
): OutgoingMessagesResult {
  if (decision.tier === 'local' && decision.waitingFor === undefined) {
    return { ok: false, code: 'nothing_leaves', message: 'nothing leaves this device' };
  }
  const { targets, all } = plannedSpans(layout.text, decision);
  const placeholders: PlaceholderUse[] = [];
  const contents = layout.messages.map((m, i) => {
    const seg = layout.segments[i] ?? { start: 0, end: 0 };
    const spans = all
      .filter((s) => s.start < seg.end && seg.start < s.end)
      .map((s) => ({
        ...s,
        start: Math.max(s.start, seg.start) - seg.start,
        end: Math.min(s.end, seg.end) - seg.start,
      }));
    const r = redact(m.content, spans, vault);
    placeholders.push(...r.placeholders);
    return r.text;
  });
  const lower = contents.map((c) => c.toLowerCase());
  const leaked = targets.filter(
    (t) => t.text.length > 0 && lower.some((c) => c.includes(t.text.toLowerCase())),
  );
  if (leaked.length) {
    return {
      ok: false,
      code: 'pii_remaining',
      message: `a detected value (${leaked[0]?.type}) is still in the outgoing text`,
    };
  }
  const clean = cleanForwarded(contents, vault, {
    detect: detectPatterns,
    threshold: forwardedThreshold(threshold, proxyThreshold),
  });
  if (!clean.ok) return { ok: false, code: 'pii_remaining', message: clean.error.message };
  return {
    ok: true,
    messages: layout.messages.map((m, i) => ({ role: m.role, content: clean.texts[i] ?? '' })),
    placeholders: [...placeholders, ...clean.added],
  };
}

/** prepareOutgoingMessages for one text sent as one message. */
export function prepareOutgoing(
  text: string,
  decision: Decision,
  vault: Vault = new Vault(),
  threshold?: number,
  proxyThreshold?: number,
): OutgoingResult {
  const r = prepareOutgoingMessages(
    transcriptLayout({ text }),
    decision,
    vault,
    threshold,
    proxyThreshold,
  );
  if (!r.ok) return r;
  return { ok: true, text: r.messages[0]?.content ?? '', placeholders: r.placeholders };
}

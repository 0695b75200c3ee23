/**
 * What would leave the device for a decision: the redacted text, re-scanned; or null when nothing
 * leaves or the re-scan fails (fail closed). Pure.
 */
import {
  cleanForwarded,
  detectPatterns,
  forwardedThreshold,
  redact,
  Vault,
  type PlaceholderUse,
} from '../pii';
import type { Decision } from './types';

export type OutgoingResult =
  | { ok: true; text: string; placeholders: PlaceholderUse[] }
  | { ok: false; code: 'nothing_leaves' | 'pii_remaining'; message: string };

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

/**
 * Redacts every planned span, then every other occurrence of the same values, checks that no
 * original value survived anywhere in the text, then runs the proxy's re-scan on it and redacts
 * whatever that finds (forwarded-clean.ts), so what this returns is what the proxy accepts.
 */
export function prepareOutgoing(
  text: string,
  decision: Decision,
  vault: Vault = new Vault(),
  threshold?: number,
  /** The proxy's re-scan threshold (Health.proxyThreshold); the detector's default when unknown. */
  proxyThreshold?: number,
): OutgoingResult {
  if (decision.tier === 'local' && decision.waitingFor === undefined) {
    return { ok: false, code: 'nothing_leaves', message: 'nothing leaves this device' };
  }
  const targets = decision.redaction.targets.map((t) => ({
    ...t,
    score: 1,
    source: 'rule',
    text: text.slice(t.start, t.end),
  }));
  // Other occurrences of a detected value (e.g. a name the detector found once) are replaced too.
  const extra: typeof targets = [];
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
  const { text: out, placeholders } = redact(text, [...targets, ...extra], vault);
  const lower = out.toLowerCase();
  const leaked = targets.filter((t) => t.text.length > 0 && lower.includes(t.text.toLowerCase()));
  if (leaked.length) {
    return {
      ok: false,
      code: 'pii_remaining',
      message: `a detected value (${leaked[0]?.type}) is still in the outgoing text`,
    };
  }
  const clean = cleanForwarded([out], vault, {
    detect: detectPatterns,
    threshold: forwardedThreshold(threshold, proxyThreshold),
  });
  if (!clean.ok) return { ok: false, code: 'pii_remaining', message: clean.error.message };
  return {
    ok: true,
    text: clean.texts[0] ?? '',
    placeholders: [...placeholders, ...clean.added],
  };
}

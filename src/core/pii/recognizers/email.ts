/**
 * E-mail addresses: a hand-written scanner around '@' (no regex backtracking), with letters of
 * any script (internationalised addresses), and the written-out forms people use to dodge
 * filters: "jane [at] example [dot] com", "jane(at)example.com", "jane at example dot com".
 * Fullwidth "＠" and "﹫" are already "@" after normalisation.
 */
import { matches, type Candidate, type Recognizer } from './shared';

const LOCAL_CHAR = /[\p{L}\p{M}\p{N}._%+\-'!#$&*=?^`{|}~]/u;
const DOMAIN_CHAR = /[\p{L}\p{M}\p{N}\-.]/u;
const TLD = /^\p{L}{2,24}$/u;

const plainEmail: Recognizer = (t, out) => {
  let from = 0;
  let lastEnd = 0;
  for (let at = t.indexOf('@', from); at !== -1; at = t.indexOf('@', from)) {
    from = at + 1;
    let s = at;
    while (s > lastEnd && at - s < 64 && LOCAL_CHAR.test(t.charAt(s - 1))) s--;
    while (s < at && (t[s] === '.' || t[s] === "'")) s++;
    if (s === at) continue;
    let e = at + 1;
    while (e < t.length && e - at <= 253 && DOMAIN_CHAR.test(t.charAt(e))) e++;
    while (e > at + 1 && (t[e - 1] === '.' || t[e - 1] === '-')) e--;
    const labels = t.slice(at + 1, e).split('.');
    const tld = labels[labels.length - 1] ?? '';
    if (labels.length < 2 || !TLD.test(tld) || labels.some((l) => l.length === 0 || l.length > 63))
      continue;
    out.push({ start: s, end: e, type: 'EMAIL', score: 0.95, recognizer: 'email' });
    lastEnd = e;
    from = e;
  }
};

/** Top-level domains common enough that "jane at example dot com" can be trusted. */
const COMMON_TLDS = new Set(
  'com org net edu gov io ai app dev co info biz me tv mail email online de uk nl fr es pt br dk se no fi it be at ch pl cz eu us ca au nz jp cn in ru hu gr ie lu is ee lv lt sk si ro bg hr mx ar cl za'.split(
    ' ',
  ),
);

// (no optional spaces in front: every alternative starts with a bracket or a space, so the
// engine skips ahead fast; the spaces around a bracketed "at" are taken in code)
const AT_RE = /\[\s?at\s?\]|\(\s?at\s?\)|\{\s?at\s?\}|<at>|\[@\]|\(@\)|\s(?:at|AT)\s/g;
const DOT =
  '(?:\\s{0,2}(?:\\[\\s?dot\\s?\\]|\\(\\s?dot\\s?\\)|\\{\\s?dot\\s?\\}|<dot>|\\[\\.\\]|\\(\\.\\))\\s{0,2}|\\s(?:dot|DOT)\\s|\\.)';
/** The domain after a written-out "at": labels joined by "." or a written-out "dot", then a TLD. */
const DOMAIN_AFTER = new RegExp(
  `[\\p{L}\\p{N}][\\p{L}\\p{N}-]{0,62}(?:${DOT}[\\p{L}\\p{N}][\\p{L}\\p{N}-]{0,62}){0,4}?${DOT}(\\p{L}{2,24})(?![\\p{L}\\p{N}])`,
  'uy',
);
const LOCAL = /[\p{L}\p{N}._%+-]/u;
const PRONOUN =
  /^(?:me|you|him|her|us|them|it|we|they|home|work|least|most|all|once|first|last|look|looked|arrive|arrived|stay|stayed|be|is|was|are|were|met|meet|live|lives|lived|work|works|worked|shop|shopped|buy|bought|sold|found|available|online|out|in|up|down|here|there|only|now|later|then)$/i;

const obfuscatedEmail: Recognizer = (t, out) => {
  for (const m of matches(AT_RE, t)) {
    const spacedAt = /^\s(?:at|AT)\s$/.test(m[0]);
    let atStart = m.index;
    let atEnd = m.index + m[0].length;
    if (!spacedAt) {
      for (let k = 0; k < 2 && /\s/.test(t.charAt(atStart - 1)); k++) atStart--;
      for (let k = 0; k < 2 && /\s/.test(t.charAt(atEnd)); k++) atEnd++;
    }
    let s = atStart;
    while (s > 0 && atStart - s < 64 && LOCAL.test(t.charAt(s - 1))) s--;
    while (s < atStart && /[._%+-]/.test(t.charAt(s))) s++;
    if (s === atStart) continue;
    DOMAIN_AFTER.lastIndex = atEnd;
    const d = DOMAIN_AFTER.exec(t);
    if (!d) continue;
    const tld = (d[1] ?? '').toLowerCase();
    const local = t.slice(s, atStart);
    // the bare " at " form is ordinary English: trust it only with a known top-level domain and
    // a local part that is not a common word before "at"
    if (spacedAt && (!COMMON_TLDS.has(tld) || PRONOUN.test(local) || local.length < 2)) continue;
    out.push({
      start: s,
      end: DOMAIN_AFTER.lastIndex,
      type: 'EMAIL',
      score: spacedAt ? 0.8 : 0.9,
      recognizer: 'email-obfuscated',
    });
  }
};

export const email: Recognizer = (t, out: Candidate[]) => {
  plainEmail(t, out);
  obfuscatedEmail(t, out);
};

/** Placeholder syntax shared by redaction, restoration and the detector (which must ignore them). */
import { ENTITY_TYPES, type EntityType } from './types';

const TYPE_ALT = [...ENTITY_TYPES].sort((a, b) => b.length - a.length).join('|');

/** Canonical form: [PERSON_1]. */
export function formatPlaceholder(type: EntityType, n: number): string {
  return `[${type}_${n}]`;
}

/** Strict placeholders as produced by redact(), tolerant of inner spaces/case. */
export const PLACEHOLDER_RE = new RegExp(`\\[\\s{0,3}(${TYPE_ALT})_(\\d{1,6})\\s{0,3}\\]`, 'gi');

/**
 * Loose form accepted by restore(): optional bracket-like delimiters ([ ( { < or none), any case,
 * '_' or '-' or a space between type and number: "[person_1]", "[ PERSON_1 ]", "(PERSON_1)", "PERSON_1".
 * DATE_OF_BIRTH and the other types are listed longest first so DATE never shadows DATE_OF_BIRTH.
 */
export const LOOSE_PLACEHOLDER_RE = new RegExp(
  `(?:[\\[({<]\\s{0,3})?(?<![\\p{L}\\p{N}_])(${TYPE_ALT.replace(/_/g, '[_ \\-]')})[_ \\-]?(\\d{1,6})(?![\\p{L}\\p{N}_])(?:\\s{0,3}[\\])}>])?`,
  'giu',
);

export function canonicalType(raw: string): EntityType | null {
  const t = raw.toUpperCase().replace(/[ -]/g, '_');
  return (ENTITY_TYPES as readonly string[]).includes(t) ? (t as EntityType) : null;
}

/** Ranges [start, end) of strict placeholders in a text. */
export function placeholderRanges(text: string): Array<[number, number]> {
  if (text.indexOf('[') === -1) return [];
  const out: Array<[number, number]> = [];
  PLACEHOLDER_RE.lastIndex = 0;
  for (let m = PLACEHOLDER_RE.exec(text); m !== null; m = PLACEHOLDER_RE.exec(text))
    out.push([m.index, m.index + m[0].length]);
  return out;
}

let lastText = '';
let lastRanges: Array<[number, number]> = [];

/** True when [start, end) overlaps a placeholder in text. */
export function isPlaceholderSpan(text: string, start: number, end: number): boolean {
  if (text !== lastText) {
    lastText = text;
    lastRanges = placeholderRanges(text);
  }
  for (const [s, e] of lastRanges) if (s < end && start < e) return true;
  return false;
}

/**
 * Identifiers the text itself labels: "My SSN is 123-45-6789", "passport no. K8R31Z04",
 * "national insurance number QQ 98 76 54 A", "Kundennummer: 004-55123". The value after the
 * label is reported whatever its checksum: the sentence says what it is.
 */
import { ID_LABELS, LABEL_FILLER } from './labels';
import { matches, type Candidate, type Recognizer } from './shared';
import type { EntityType } from '../types';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]{1,2}');

const TYPE_OF = new Map<string, EntityType>();
for (const set of ID_LABELS) for (const p of set.phrases) TYPE_OF.set(p.toLowerCase(), set.type);

const LABEL_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...TYPE_OF.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

const TOKEN = /[A-Za-z0-9]{1,24}/y;
const SEPARATOR = /[ \-./_]/;
const MAX_VALUE = 40;

/**
 * The identifier starting at `p`: letter-digit tokens joined by single separators. Letters-only
 * tokens are taken only when short and upper-case (a prefix like "QQ", a check letter like "A").
 */
export function scanValue(t: string, p: number, minLength = 5): [number, number] | null {
  const toks: Array<{ s: number; e: number; letters: boolean }> = [];
  let i = p;
  while (toks.length < 10 && i - p <= MAX_VALUE) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(t);
    if (!m) break;
    const w = m[0];
    const letters = !/\d/.test(w);
    if (letters && (w.length > 5 || w !== w.toUpperCase() || (toks.length > 0 && w.length > 3)))
      break;
    toks.push({ s: i, e: i + w.length, letters });
    i += w.length;
    if (!SEPARATOR.test(t.charAt(i)) || !/[A-Za-z0-9]/.test(t.charAt(i + 1))) break;
    i++;
  }
  // a trailing letters-only token longer than a check letter pair is a word, not the value; a
  // lone trailing letter after a space is a check letter only when the value opened with
  // letters too ("QQ 98 76 54 A"), not in "078-05-1120 I think"
  const lastTok = toks[toks.length - 1];
  if (toks.length > 1 && lastTok?.letters && t.charAt(lastTok.s - 1) === ' ' && !toks[0]?.letters)
    toks.pop();
  while (
    toks.length > 0 &&
    toks[toks.length - 1]?.letters &&
    (toks[toks.length - 1]?.e ?? 0) - (toks[toks.length - 1]?.s ?? 0) > 2
  )
    toks.pop();
  while (toks.length > 0 && toks[0]?.letters && toks.length === 1) toks.pop();
  const first = toks[0];
  const last = toks[toks.length - 1];
  if (!first || !last) return null;
  const value = t.slice(first.s, last.e);
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.length < minLength || (value.match(/\d/g)?.length ?? 0) < 2) return null;
  // part of an e-mail address or a longer word
  if (/[@\p{L}\p{N}]/u.test(t.charAt(last.e))) return null;
  return [first.s, last.e];
}

export const labelledId: Recognizer = (t, out: Candidate[]) => {
  for (const m of matches(LABEL_RE, t)) {
    const type = TYPE_OF.get(m[0].toLowerCase().replace(/[ \t]+/g, ' '));
    if (!type) continue;
    const after = m.index + m[0].length;
    const filler = LABEL_FILLER.exec(t.slice(after, after + 40));
    // bank routing numbers are short ("reg.nr. 0040", "sort code 40-47-84"): account labels
    // take four digits, other labels five characters
    const v = scanValue(t, after + (filler?.[0].length ?? 0), type === 'ID_NUMBER' ? 4 : 5);
    if (!v) continue;
    out.push({
      start: v[0],
      end: v[1],
      type,
      // certain of the type: the sentence says it. Beats any unlabelled reading of the same digits
      score: 1,
      recognizer: 'labelled-id',
      labelled: true,
    });
  }
};

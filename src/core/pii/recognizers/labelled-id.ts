/**
 * Identifiers the text itself labels: "My SSN is 123-45-6789", "passport no. K8R31Z04",
 * "national insurance number QQ 98 76 54 A", "Kundennummer: 004-55123". The value after the
 * label is reported whatever its checksum: the sentence says what it is.
 */
import {
  digitRunEnd,
  isAsciiAlnumCode,
  isDigitCode,
  isLowerCode,
  isUpperCode,
} from '../char-codes';
import { ID_LABELS, LABEL_FILLER } from './labels';
import { isWordAt, type Candidate, type Recognizer } from './shared';
import type { EntityType } from '../types';

const TYPE_OF = new Map<string, EntityType>();
for (const set of ID_LABELS) for (const p of set.phrases) TYPE_OF.set(p.toLowerCase(), set.type);

/**
 * Phrases by their first word (lower case), longest first: a label is found by looking up the
 * words of the text in this map and comparing the rest of the phrase, instead of running an
 * alternation of three hundred phrases at every position.
 */
const BY_FIRST_WORD = new Map<string, string[]>();
for (const phrase of [...TYPE_OF.keys()].sort((a, b) => b.length - a.length)) {
  const first = phrase.split(' ')[0] ?? phrase;
  const list = BY_FIRST_WORD.get(first) ?? [];
  list.push(phrase);
  BY_FIRST_WORD.set(first, list);
}

/** The longest first word of any phrase: longer words of the text are not looked up. */
const LONGEST_FIRST = Math.max(...[...BY_FIRST_WORD.keys()].map((w) => w.length));

/**
 * Whether t[i] may sit inside a label word: letters, digits and "#/.-°'’" ("ss#", "a/c",
 * "reg.nr", "n°", "cpr-nr", "d'identité"). By character code: this runs for every character
 * before a digit.
 */
function labelWordAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 128)
    return (
      isAsciiAlnumCode(c) ||
      c === 35 || // #
      c === 47 || // /
      c === 46 || // .
      c === 45 || // -
      c === 39 // '
    );
  return c === 0xb0 || c === 0x2019 || isWordAt(t, i);
}

/** Whether `phrase` (lower case, single spaces) is written at t[i…], spaces being 1-2 blanks; its end or -1. */
function phraseAt(t: string, i: number, phrase: string): number {
  let k = i;
  for (let p = 0; p < phrase.length; p++) {
    const want = phrase.charCodeAt(p);
    if (want === 32) {
      const c = t.charCodeAt(k);
      if (c !== 32 && c !== 9) return -1;
      k++;
      if (t.charCodeAt(k) === 32 || t.charCodeAt(k) === 9) k++;
      continue;
    }
    const c = t.charCodeAt(k);
    if (c === want || (c >= 65 && c <= 90 && c + 32 === want)) {
      k++;
      continue;
    }
    if (c < 128 || t.charAt(k).toLowerCase() !== phrase.charAt(p)) return -1;
    k++;
  }
  // the phrase ends at a word boundary ("ssn" not in "ssnx"; "passport" not in "passports")
  return isWordAt(t, k) ? -1 : k;
}

const NEXT_DIGIT = /\d/g;

/** How far before a value a label may start (the label, its filler, a prefix of the value). */
const LOOK_BACK = 90;

/** Labels [start, end) found in the text, scanning only the stretches before digits. */
function findLabels(t: string): Array<[number, number, EntityType]> {
  const out: Array<[number, number, EntityType]> = [];
  let scanned = 0;
  NEXT_DIGIT.lastIndex = 0;
  for (let d = NEXT_DIGIT.exec(t)?.index ?? -1; d !== -1 && d < t.length;) {
    let i = Math.max(scanned, d - LOOK_BACK);
    // move to a word start
    while (i > 0 && i < d && labelWordAt(t, i - 1)) i++;
    while (i < d) {
      if (!labelWordAt(t, i) || (i > 0 && isWordAt(t, i - 1))) {
        i++;
        continue;
      }
      let e = i;
      while (e < t.length && e - i < 40 && labelWordAt(t, e)) e++;
      // the word without its trailing dots ("no." is looked up as "no")
      let we = e;
      while (we > i && t.charCodeAt(we - 1) === 46) we--;
      if (we - i > LONGEST_FIRST || we === i) {
        i = e;
        continue;
      }
      const word = t.slice(i, we).toLowerCase();
      const phrases = BY_FIRST_WORD.get(word);
      let hit = -1;
      let hitPhrase = '';
      for (const phrase of phrases ?? []) {
        const end = phraseAt(t, i, phrase);
        if (end !== -1) {
          hit = end;
          hitPhrase = phrase;
          break;
        }
      }
      if (hit !== -1) {
        out.push([i, hit, TYPE_OF.get(hitPhrase) as EntityType]);
        i = hit;
      } else i = e;
    }
    scanned = Math.max(scanned, d);
    // the next digit after this run
    NEXT_DIGIT.lastIndex = digitRunEnd(t, d);
    d = NEXT_DIGIT.exec(t)?.index ?? -1;
  }
  return out;
}

const MAX_VALUE = 40;

/**
 * The identifier starting at `p`: letter-digit tokens joined by single separators. Letters-only
 * tokens are taken only when short and upper-case (a prefix like "QQ", a check letter like "A").
 */
const isSep = (c: number) => c === 32 || c === 45 || c === 46 || c === 47 || c === 95;

export function scanValue(t: string, p: number, minLength = 5): [number, number] | null {
  // tokens as parallel arrays (start, end, letters only): a hot path, no objects per token
  const ts: number[] = [];
  const te: number[] = [];
  const tl: boolean[] = [];
  let i = p;
  let alnum = 0;
  let digits = 0;
  while (ts.length < 10 && i - p <= MAX_VALUE) {
    let e = i;
    let d = 0;
    let lower = false;
    while (e < t.length && e - i < 24) {
      const c = t.charCodeAt(e);
      if (isDigitCode(c)) d++;
      else if (isLowerCode(c)) lower = true;
      else if (!isUpperCode(c)) break;
      e++;
    }
    const n = e - i;
    if (n === 0) break;
    const letters = d === 0;
    if (letters && (n > 5 || lower || (ts.length > 0 && n > 3))) break;
    ts.push(i);
    te.push(e);
    tl.push(letters);
    i = e;
    const next = t.charCodeAt(i + 1);
    if (!isSep(t.charCodeAt(i)) || !(isDigitCode(next) || isUpperCode(next) || isLowerCode(next)))
      break;
    i++;
  }
  // a trailing letters-only token longer than a check letter pair is a word, not the value; a
  // lone trailing letter after a space is a check letter only when the value opened with
  // letters too ("QQ 98 76 54 A"), not in "078-05-1120 I think"
  let k = ts.length;
  if (k > 1 && tl[k - 1] && t.charAt((ts[k - 1] ?? 0) - 1) === ' ' && !tl[0]) k--;
  while (k > 0 && tl[k - 1] && (te[k - 1] ?? 0) - (ts[k - 1] ?? 0) > 2) k--;
  if (k === 1 && tl[0]) k = 0;
  if (k === 0) return null;
  const s0 = ts[0] ?? 0;
  const e0 = te[k - 1] ?? 0;
  for (let q = s0; q < e0; q++) {
    const c = t.charCodeAt(q);
    if (isDigitCode(c)) {
      digits++;
      alnum++;
    } else if (isUpperCode(c) || isLowerCode(c)) alnum++;
  }
  if (alnum < minLength || digits < 2) return null;
  // part of an e-mail address or a longer word
  if (/[@\p{L}\p{N}]/u.test(t.charAt(e0))) return null;
  return [s0, e0];
}

export const labelledId: Recognizer = (t, out: Candidate[]) => {
  for (const [, after, type] of findLabels(t)) {
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

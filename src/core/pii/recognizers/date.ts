/**
 * Dates: ISO (with time), numeric d/m/y and m/d/y, month names and weekday names in the eight
 * languages, and years after a cue ("in", "since", "during", "of", "founded"...) or used as an
 * attribute ("a 1996 film"). A date becomes a DATE_OF_BIRTH when a birth word is close before it.
 */
import { validDate } from '../validators';
import { CTX } from './labels';
import { matches, type Candidate, type Recognizer } from './shared';

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|marts|april|maj|august|januari|februari|mars|augusti|maart|mei|augustus|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre';

/** Weekday names (en, de, pt, da, sv, nl, fr, es); Portuguese ones with and without "-feira". */
const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|segunda-feira|terça-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tisdag|lördag|söndag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|miercoles|jueves|viernes';

const ISO_DATE_RE =
  /(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w-])/g;
const NUM_DATE_RE = /(?<![\w.\-/])(\d{1,2})([.\-/])(\d{1,2})\2(\d{4}|\d{2})(?![\w\-/]|\.\d)/g;
const TEXT_DATE_BEFORE_YEAR = new RegExp(
  `(?:(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|\\.|º)?(?: de| of)? (?:${MONTHS})\\.?,?(?: de)? |(?<![\\p{L}\\d])(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? |(?<![\\p{L}\\d])(?:${MONTHS})\\.? )$`,
  'iu',
);
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
/** Day and month without a year: "12 March", "March 12th", "12. März". */
const DAY_MONTH_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:${DAY}(?:st|nd|rd|th|\\.|º)?(?: de| of)? (?:${MONTHS})(?![\\p{L}])|(?:${MONTHS})\\.? ${DAY}(?:st|nd|rd|th)?(?![\\p{L}\\d]|\\s?:))`,
  'giu',
);
const WEEKDAY_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${WEEKDAYS})(?![\\p{L}\\p{N}])`, 'giu');
const YEAR_CUE_BEFORE =
  /(?<![\p{L}])(?:in|since|from|until|till|by|during|of|year|im jahr|seit|während|em|desde|durante|en|depuis|pendant|sedan|siden|under|sinds|tijdens|i|år|jahr|année|año|ano|founded|established|gegründet|fundada|fundado|fondée|grundlagt|grundad|opgericht) $/iu;
/**
 * "since 2019", "seit 2019", "desde 2019", "depuis 2019", "sinds 2019", "sedan 2019", "siden
 * 2019": a year that starts a lasting state ("Python has been popular since 2019") is reported
 * below the detection threshold. A year on its own identifies no one (the analysis never counts a
 * coarse date as personal either, see analysis/ties.ts), and at the pattern stage it cannot be
 * told apart from the public sense; the proxy's re-scan runs this same recognizer, so the browser
 * and the proxy agree. A birth word still makes it a DATE_OF_BIRTH (dateOfBirth), and full dates
 * after "since" ("since 12 March 2019") are text dates, reported as before.
 */
const SINCE_CUE_BEFORE = /(?<![\p{L}])(?:since|seit|desde|depuis|sinds|sedan|siden) $/iu;
/** Below DEFAULT_THRESHOLD (0.5): kept for callers that ask for more (a lower threshold). */
const SINCE_YEAR_SCORE = 0.4;
const YEAR_RE = /(?<![\w\-/.])(?:1[6-9]\d\d|20\d\d)(?![\w\-/]|[.,]\d)/g;
const DOB_RE = new RegExp(`(?:${CTX.dob.map((w) => w.replace(/[.]/g, '\\.')).join('|')})`, 'i');
/** A birth word just after a year ("1984 geboren", "1984 født", "1984 born"). */
const BIRTH_AFTER_YEAR =
  /^,? (?:geboren|geb\.|född|født|born|né|née|nacid[oa]|nascid[oa])(?![\p{L}])/iu;

export const date: Recognizer = (t, out: Candidate[]) => {
  const push = (s: number, e: number, score: number, rec: string) =>
    out.push({ start: s, end: e, type: 'DATE', score, recognizer: rec });
  for (const m of matches(ISO_DATE_RE, t)) {
    if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) continue;
    push(m.index, m.index + m[0].length, 0.85, 'date-iso');
  }
  for (const m of matches(NUM_DATE_RE, t)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    const yy = (m[4] ?? '').length === 2 ? 2000 + y : y;
    if (!(validDate(yy, b, a) || validDate(yy, a, b))) continue;
    // 2-digit-year dates with '.' look like versions/decimals: lower score
    push(m.index, m.index + m[0].length, (m[4] ?? '').length === 4 ? 0.8 : 0.5, 'date-numeric');
  }
  for (const m of matches(YEAR_RE, t)) {
    const pre = t.slice(Math.max(0, m.index - 32), m.index);
    const td = TEXT_DATE_BEFORE_YEAR.exec(pre);
    if (td) {
      push(m.index - pre.length + td.index, m.index + 4, 0.8, 'date-text');
      continue;
    }
    // a year of birth without a cue: "född 1984", "Ich bin 1984 geboren"
    if (DOB_RE.test(pre.slice(-20)) || BIRTH_AFTER_YEAR.test(t.slice(m.index + 4, m.index + 24))) {
      out.push({
        start: m.index,
        end: m.index + 4,
        type: 'DATE_OF_BIRTH',
        score: 0.85,
        recognizer: 'date-year-birth',
      });
      continue;
    }
    if (SINCE_CUE_BEFORE.test(pre)) push(m.index, m.index + 4, SINCE_YEAR_SCORE, 'date-year-since');
    else if (YEAR_CUE_BEFORE.test(pre)) push(m.index, m.index + 4, 0.55, 'date-year');
    // attributive year: "a 1996 film", "the 2017 election"
    else if (
      /(?<![\p{L}])(?:a|an|the) $/iu.test(pre) &&
      /^ \p{L}/u.test(t.slice(m.index + 4, m.index + 6))
    ) {
      push(m.index, m.index + 4, 0.55, 'date-year');
    }
  }
};

/** Dates without digits: weekday names and "day month" without a year. Run on the whole text. */
export const wordDate: Recognizer = (t, out: Candidate[]) => {
  for (const m of matches(WEEKDAY_RE, t))
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'DATE',
      score: 0.55,
      recognizer: 'date-weekday',
    });
  for (const m of matches(DAY_MONTH_RE, t)) {
    // "may 5" needs a capital: "you may 5 times" is not a date
    if (/^may\b/i.test(m[0]) && !/^May/.test(m[0])) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'DATE',
      score: 0.6,
      recognizer: 'date-day-month',
    });
  }
};

/** Turns DATE candidates into DATE_OF_BIRTH when a birth word is close before (or just after) them. */
export function dateOfBirth(t: string, cands: Candidate[]): void {
  for (const c of cands) {
    if (c.type !== 'DATE') continue;
    const before = t.slice(Math.max(0, c.start - 40), c.start);
    const after = t.slice(c.end, Math.min(t.length, c.end + 16));
    if (DOB_RE.test(before) || /^\s*\(?\s*(?:dob|d\.o\.b)/i.test(after)) {
      c.type = 'DATE_OF_BIRTH';
      c.score = Math.max(c.score, 0.85);
    }
  }
}

/**
 * Phone numbers, recall first: international numbers, national numbers grouped the way phones
 * are written ("0612 34 56 78", "415-555-0132", "(303) 555-0199"), with extensions ("x22",
 * "ext. 7"). A phone-shaped number that libphonenumber-js finds valid or possible in one of the
 * default regions is reported without a phone word nearby; a plain run of digits still needs one.
 *
 * libphonenumber costs tens of microseconds per region, so each text gets a budget of validation
 * calls: beyond it, shape alone decides (a hostile text full of numbers is redacted, not slow).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { isValidIpv4 } from '../validators';
import { CTX } from './labels';
import { digitGroups, type DigitGroups } from './digit-chains';
import {
  NUMBER_NEGATIVE,
  contextIndex,
  isWordAt,
  reachable,
  type ContextIndex,
  type Candidate,
  type Recognizer,
} from './shared';

const DEFAULT_REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'NL',
  'BE',
  'ES',
  'PT',
  'IT',
  'DK',
  'SE',
  'NO',
  'FI',
  'AT',
  'CH',
  'IE',
  'PL',
  'CZ',
  'BR',
  'AU',
  'NZ',
  'CA',
  'IN',
  'ZA',
  'HU',
  'GR',
];

/** Validation calls (one per region tried) allowed per text. */
export const PHONE_VALIDATION_BUDGET = 400;

type Validity = 'valid' | 'possible' | 'no';
const cache = new Map<string, Validity>();

class Budget {
  left = PHONE_VALIDATION_BUDGET;
  evaluations = 0;
}

/** One budget per detection call (reset by runRecognizers), shared by all regions of the text. */
let current = new Budget();
export function resetPhoneBudget(): void {
  current = new Budget();
}

function validity(digits: string, intl: boolean, budget: Budget): Validity | 'unknown' {
  const key = intl ? '+' + digits : digits;
  const hit = cache.get(key);
  if (hit) return hit;
  if (budget.left <= 0) return 'unknown';
  let v: Validity = 'no';
  try {
    if (intl) {
      budget.left--;
      const p = parsePhoneNumberFromString('+' + digits.replace(/^00/, ''));
      v = p?.isValid() ? 'valid' : p?.isPossible() ? 'possible' : 'no';
    } else {
      for (const c of DEFAULT_REGIONS) {
        if (budget.left-- <= 0) return 'unknown';
        const p = parsePhoneNumberFromString(digits, c);
        if (p?.isValid()) {
          v = 'valid';
          break;
        }
        if (v === 'no' && p?.isPossible()) v = 'possible';
      }
    }
  } catch {
    v = 'no';
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, v);
  return v;
}

const DATE_LIKE = /^(?:\d{4}[.\-/ ]\d{1,2}[.\-/ ]\d{1,2}|\d{1,2}[.\-/ ]\d{1,2}[.\-/ ]\d{2,4})$/;
const DATE_PREFIX = /^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})[ T]/;
const YEAR_RANGE = /^(?:1[6-9]|20)\d\d ?[-–/] ?(?:(?:1[6-9]|20)\d\d|\d\d)$/;
const TIME_LIKE = /^\d{1,2}[.:]\d{2}(?:[.:]\d{2})?$/;
const AMOUNT_NEAR =
  /(?:[$€£¥₹]|\b(?:eur|usd|gbp|dkk|sek|nok|chf|brl|kr|r\$|euros?|dollars?|kroner|kronor|reais|francs?)\b)/i;
const CURRENCY_BEFORE = /[$€£¥₹]\s{0,2}$/;
const CURRENCY_AFTER = /^\s{0,2}(?:[$€£¥₹]|(?:eur|usd|gbp|dkk|sek|nok|chf|kr)\b)/i;
const EXTENSION =
  /^[ \t]{0,2}(?:x|ext\.?|extension|ext:|#|poste|durchwahl|dw\.?|lokal|ramal|anexo)[ \t]{0,2}(\d{1,6})(?!\d)/i;
/** A phone label right before the number ("Tel.:", "phone:", "call me on", "ring"). */
const LABEL_BEFORE =
  /(?:phone|tel|telephone|mobile|mob|cell|fax|whatsapp|sms|text(?:ing)?|call(?: me)?(?: on| at)?|ring|telefon(?:nummer)?|handy|rufnummer|telefone|telemóvel|celular|téléphone|portable|teléfono|móvil|mobil(?:nummer)?|tlf|tlf\.? nr|mobilnr|gsm)\.?\s{0,2}(?:no\.?|nr\.?|number|#)?\s{0,2}[:=]?\s{0,3}$/i;

/**
 * Phone-like grouping of a national number: groups of 2-5 digits (the first may be 1); after an
 * area code with its trunk 0 ("030 1234567", "06-12345678") the subscriber part may be longer.
 * Windows never cross a line break (the search stops there).
 */
function phoneShaped(sizes: readonly number[], firstGroup: string): boolean {
  if (sizes.length < 2) return false;
  let total = 0;
  for (const x of sizes) total += x;
  if (total < 7 || total > 13) return false;
  // 3-2-4 is how US social security numbers are written, not phones
  if (sizes.length === 3 && sizes[0] === 3 && sizes[1] === 2 && sizes[2] === 4) return false;
  const trunk = firstGroup.charCodeAt(0) === 48 && firstGroup.length >= 2;
  for (let i = 0; i < sizes.length; i++) {
    const s = sizes[i] ?? 0;
    if (i === 0 ? s < 1 || s > 5 : s < 2 || s > (trunk ? 8 : 5)) return false;
  }
  return true;
}

const WORD_BEFORE = /[\p{L}\p{N}_@]/u;
const ZIP4 = /^\d{5}-\d{4}$/;
const THOUSANDS = /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/;
const RANGE = /^(\d{3,6}) ?[-–] ?(\d{3,6})$/;
const IPV4_SHAPE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const PAREN_AREA = /^\(\d{2,5}\)/;

/** The start of an international prefix right before the window ("+45 …", "+1 (415) …"). */
function prefixStart(t: string, start: number): { start: number; intl: boolean } {
  let s = start;
  if (t.charAt(s - 1) === '(') s--;
  if (t.charAt(s - 1) === '+') return { start: s - 1, intl: true };
  if (t.charAt(s - 1) === ' ' && t.charAt(s - 2) === '+') return { start: s - 2, intl: true };
  return { start: s, intl: false };
}

interface Start {
  start: number;
  intl: boolean;
  labelled: boolean;
}

/**
 * Whether a phone label ends right before `start`. The regex runs only when the character
 * before the number (past spaces and ':', '=', '#') is a letter or a dot: in a text of nothing
 * but numbers it never runs.
 */
function labelledBefore(t: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && k > start - 6 && /[\s:=#]/.test(t.charAt(k))) k--;
  const c = t.charAt(k);
  if (!(c === '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c > '\u00bf'))
    return false;
  return LABEL_BEFORE.test(t.slice(Math.max(0, start - 40), start));
}

/** What depends only on where a window starts: the prefix, the boundary, a label before it. */
function startOf(t: string, groupStart: number, digits: string): Start | null {
  const pre = prefixStart(t, groupStart);
  // "Fax(281)528-8636": a number opening with a parenthesis needs no boundary before it
  if (t.charAt(pre.start) !== '(' && WORD_BEFORE.test(t.charAt(pre.start - 1))) return null;
  return {
    start: pre.start,
    intl: pre.intl || (digits.startsWith('00') && digits.length >= 2),
    labelled: labelledBefore(t, pre.start),
  };
}

function evaluate(
  t: string,
  g: DigitGroups,
  chainEnd: number,
  w: { from: number; to: number; digits: string },
  at: Start,
  budget: Budget,
  near: ChainContext,
): Candidate | null {
  const start = at.start;
  let end = g.ends[w.to] ?? 0;
  const intl = at.intl && (!w.digits.startsWith('00') || w.digits.length >= 9);
  const groups = w.to - w.from + 1;
  const sizes: number[] = [];
  for (let k = w.from; k <= w.to; k++) sizes.push(g.len(k));
  const raw = t.slice(start, end);
  const shaped = phoneShaped(sizes, g.digits(w.from)) || PAREN_AREA.test(raw);
  // cheap first: a number neither international, nor grouped like a phone, nor a trunk-0 run,
  // nor labelled scores at most 0.35 and is worth nothing without a phone word near it
  if (!intl && !at.labelled) {
    const plainTrunk = groups === 1 && w.digits.startsWith('0');
    if (!plainTrunk && !shaped && raw.charAt(0) !== '(' && !near.any()) return null;
  }
  const bare = raw.charAt(0) === '(' ? raw.slice(1) : raw;
  // the shapes below have a fixed number of groups: the regexes run only where they could match
  if (!intl) {
    if (groups === 3 && DATE_LIKE.test(bare)) return null;
    if (groups === 2 && (YEAR_RANGE.test(bare) || ZIP4.test(bare))) return null;
    if (groups <= 3 && TIME_LIKE.test(bare)) return null;
    // a date followed by an hour ("12/07/2000 02:29"), a US ZIP+4 ("77388-5746"), thousands
    // ("10.000.000", "1,250,000"), a range of two numbers ("15000-20000")
    if (groups >= 4 && DATE_PREFIX.test(bare)) return null;
    if (THOUSANDS.test(bare)) return null;
    if (groups === 2) {
      const range = RANGE.exec(bare);
      if (range && range[1]?.length === range[2]?.length && Number(range[1]) < Number(range[2]))
        return null;
    }
    // "$60000 - 70000", "70 000 kr": an amount next to a currency
    if (
      CURRENCY_BEFORE.test(t.slice(Math.max(0, start - 4), start)) ||
      CURRENCY_AFTER.test(t.slice(end, end + 5))
    )
      return null;
  }
  if (groups === 4 && IPV4_SHAPE.test(raw) && isValidIpv4(raw)) return null;
  const ext = EXTENSION.exec(t.slice(end, end + 20));
  if (ext) end += ext[0].length;
  else if (isWordAt(t, end)) return null;
  // the window stops inside a longer evenly grouped number ("9000 0000 0000 | 0001"): a fragment
  // scores at most 0.3, so a shaped national fragment needs no validation (a hostile text of
  // evenly spaced digits spends no libphonenumber calls)
  const fragment =
    w.to + 1 < chainEnd &&
    groups > 1 &&
    g.sameGap(w.to + 1, w.to) &&
    (g.starts[w.to + 1] ?? 0) - (g.ends[w.to] ?? 0) === 1;
  let score: number;
  if (intl) {
    const v = validity(w.digits, true, budget);
    score = v === 'valid' ? 0.8 : v === 'possible' || v === 'unknown' ? 0.6 : 0.3;
  } else if (shaped && fragment) {
    score = 0.3;
  } else if (shaped) {
    const v = validity(w.digits, false, budget);
    // short local numbers ("467 3395") collide with quantities: without a phone word they stay
    // just under the threshold
    const long = w.digits.length >= 9 || (w.digits.length >= 8 && v === 'valid');
    if (v === 'valid') score = long ? 0.6 : 0.45;
    else if (v === 'possible' || v === 'unknown') score = long ? 0.5 : 0.4;
    else score = 0.3;
    // "1.299.000 kr", "612 345 678 €": an amount, unless a phone word says otherwise
    if (
      sizes.slice(1).every((x) => x === 3) &&
      AMOUNT_NEAR.test(t.slice(Math.max(0, start - 6), end + 8))
    )
      score = Math.min(score, 0.3);
  } else {
    // not grouped like a phone ("3660170548", "99 668472"): a phone word nearby must say so,
    // except a run of 10-11 digits with the trunk 0 that is a valid national number
    // ("0701234567", "01761234567"): that is how mobiles are written in a hurry
    if (sizes.length > 1 && sizes.slice(1).some((x) => x < 2)) return null;
    const v = validity(w.digits, false, budget);
    const trunkRun =
      sizes.length === 1 &&
      w.digits.startsWith('0') &&
      w.digits.length >= 10 &&
      w.digits.length <= 11;
    score = v === 'valid' ? (trunkRun ? 0.5 : 0.35) : 0.2;
  }
  if (fragment) score = Math.min(score, 0.3);
  if (at.labelled) score = Math.max(score, w.digits.length >= 7 ? 0.85 : 0.6);
  return {
    start,
    end,
    type: 'PHONE',
    score,
    recognizer: 'phone',
    context: CTX.phone,
    weakContext: CTX.phoneWeak,
    negative: NUMBER_NEGATIVE,
    labelled: at.labelled,
  };
}

/** Whether the gap t[s, e) holds a line break, or a '(' where none may open. */
function gapBreaks(t: string, s: number, e: number, parenAllowed: boolean): boolean {
  for (let k = s; k < e; k++) {
    const c = t.charCodeAt(k);
    if (c === 10 || c === 13 || (c === 40 && !parenAllowed)) return true;
  }
  return false;
}

/** Groups i, i+1, i+2 written as a date: d.m.yyyy, d/m/yy, yyyy-mm-dd (one separator). */
function opensWithDate(g: DigitGroups, i: number, to: number): boolean {
  if (i + 2 >= to) return false;
  const sep = g.gap(i + 1);
  if ((sep !== '.' && sep !== '/' && sep !== '-') || g.gap(i + 2) !== sep) return false;
  // "06.12.34.56.78" goes on with the same separator: a phone written with dots, not a date
  if (i + 3 < to && g.gap(i + 3) === sep) return false;
  const a = g.len(i);
  const b = g.len(i + 1);
  const c = g.len(i + 2);
  return (a <= 2 && b <= 2 && (c === 2 || c === 4)) || (a === 4 && b <= 2 && c <= 2);
}

/**
 * Window evaluations allowed per text before the recognizer stops retrying from every group of
 * a long chain (it then moves on past each tried start): a hostile text of nothing but digit
 * groups stays linear with a small constant.
 */
export const PHONE_EVALUATION_BUDGET = 20000;

/** Whether phone words are near a chain (context words sit outside it), asked lazily. */
class ChainContext {
  private s: boolean | undefined;
  private w: boolean | undefined;
  constructor(
    private readonly index: ContextIndex,
    private readonly start: number,
    private readonly end: number,
  ) {}
  strong(): boolean {
    return (this.s ??= this.index.has(CTX.phone, this.start, this.end));
  }
  weak(): boolean {
    return (this.w ??= this.index.has(CTX.phoneWeak, this.start, this.end));
  }
  any(): boolean {
    return this.strong() || this.weak();
  }
}

export const phone: Recognizer = (t, out: Candidate[]) => {
  const budget = current;
  const g = digitGroups(t);
  const ctx = contextIndex(t);
  for (let c = 0; c < g.chains; c++) {
    const from = g.chainStarts[c] ?? 0;
    const to = g.chainStarts[c + 1] ?? 0;
    // a chain with fewer than seven digits holds no phone number (most chains in prose)
    let total = 0;
    for (let k = from; k < to && total < 7; k++) total += g.len(k);
    if (total < 7) continue;
    const near = new ChainContext(ctx, g.starts[from] ?? 0, g.ends[to - 1] ?? 0);
    let i = from;
    while (i < to) {
      // from each group, the window that scores best (then the longest); the search goes on
      // after it
      let best: Candidate | null = null;
      let bestTo = i;
      const firstDigits = g.digits(i);
      // a phone does not start in the middle of a dotted, slashed or dashed run of groups
      // ("12.03.1985" is not the start "03.1985 …" of a number)
      const joinedBefore = i > from && /^[./-]$/.test(g.gap(i));
      const at = joinedBefore ? null : startOf(t, g.starts[i] ?? 0, firstDigits);
      const ccParen = firstDigits.length <= 3 && at?.intl === true;
      // every window from a start that opens with a date ("12.03.1985 …") starts with a date
      const dateStart = at !== null && !at.intl && opensWithDate(g, i, to);
      let digits = '';
      for (let j = i; at && !dateStart && j < to && j < i + 8; j++) {
        if (j > i) {
          // a phone number does not continue on the next line, nor past an opening parenthesis
          // (which starts the next number's area code: "…5746 (281)651-7106"), except right
          // after a country code ("+1 (415) …")
          if (gapBreaks(t, g.ends[j - 1] ?? 0, g.starts[j] ?? 0, j === i + 1 && ccParen)) break;
        }
        digits += g.digits(j);
        if (digits.length > 15) break;
        if (digits.length < 7) continue;
        budget.evaluations++;
        const cand = evaluate(t, g, to, { from: i, to: j, digits }, at, budget, near);
        if (
          cand &&
          (!best || cand.score > best.score || (cand.score === best.score && cand.end > best.end))
        ) {
          best = cand;
          bestTo = j;
        }
      }
      if (best && best.score >= 0.3) {
        // claimed either way (the search goes on after it), reported only if it could reach
        // the threshold with the context that is near
        if (reachable(best.score, near.strong(), near.weak())) out.push(best);
        i = bestTo + 1;
      } else if (budget.evaluations > PHONE_EVALUATION_BUDGET) i += 4;
      else i++;
    }
  }
};

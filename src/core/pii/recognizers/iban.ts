/**
 * IBANs however they are grouped: "DE89 3704 0044 0532 0130 00", "DE89.3704.0044…",
 * "de89-3704-…", groups split over a line break. From each country code + check digits the
 * scanner takes exactly the country's length in letters and digits, skipping single separators,
 * and keeps the value when mod-97 holds. (A labelled value that fails mod-97 is reported by the
 * labelled-identifier recognizer instead.)
 */
import { ibanLength, isValidIban } from '../validators';
import { isAsciiAlnumCode } from '../char-codes';
import { CTX } from './labels';
import { matches, type Candidate, type Recognizer } from './shared';

const START = /(?<![A-Za-z0-9])[A-Za-z]{2}[ \t]?\d{2}/g;
const ALNUM = /[A-Za-z0-9]/;
/** Separators allowed between the characters of an IBAN (at most two in a row). */
const SEP = /[ \t.\-/_\n\r]/;

export const iban: Recognizer = (t, out: Candidate[]) => {
  for (const m of matches(START, t)) {
    const len = ibanLength(m[0].slice(0, 2));
    if (!len) continue;
    let n = 0;
    let e = m.index;
    let seps = 0;
    let chars = '';
    while (e < t.length && n < len) {
      const c = t.charCodeAt(e);
      if (isAsciiAlnumCode(c)) {
        n++;
        chars += t.charAt(e);
        seps = 0;
      } else if (
        (c === 32 ||
          c === 9 ||
          c === 46 ||
          c === 45 ||
          c === 47 ||
          c === 95 ||
          c === 10 ||
          c === 13) &&
        seps < 2 &&
        n > 0
      )
        seps++;
      else break;
      e++;
    }
    if (n !== len) continue;
    // the IBAN must end at a boundary, not in the middle of a longer code
    if (ALNUM.test(t.charAt(e)) && !SEP.test(t.charAt(e - 1))) continue;
    if (!isValidIban(chars)) continue;
    out.push({
      start: m.index,
      end: e,
      type: 'IBAN',
      score: 0.95,
      recognizer: 'iban',
      context: CTX.iban,
    });
  }
};

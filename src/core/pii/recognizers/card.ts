/**
 * Payment card numbers: 12 to 19 digits that pass Luhn, however they are grouped ("4111 1111
 * 1111 1111", "4111.1111.1111.1111", one digit per cell of a table, "４１１１ …" after
 * normalisation). A known issuer range gives a confident score; an unknown range with card-like
 * grouping is still reported (recall first); a plain Luhn-valid digit run needs a context word.
 */
import { cardIssuer } from '../validators';
import { CTX } from './labels';
import { digitChains, groupSizes, innerGaps, luhn, windows } from './digit-chains';
import { NUMBER_NEGATIVE, type Candidate, type Recognizer } from './shared';

/**
 * How the digits are grouped: one run, the way cards are printed (groups of 4-6 with the same
 * separator throughout: 4-4-4-4, 4-6-5, 4-4-4-4-3; or one digit at a time), or something else.
 */
function grouping(sizes: number[], gaps: string[]): 'plain' | 'card' | 'other' {
  if (sizes.length === 1) return 'plain';
  const same = gaps.every((g) => g === gaps[0]);
  if (!same) return sizes.every((s) => s === 1) ? 'card' : 'other';
  if (sizes.every((s) => s === 1)) return 'card'; // spelled out digit by digit
  const last = sizes[sizes.length - 1] ?? 0;
  const head = sizes.slice(0, -1);
  if (head.every((s) => s >= 4 && s <= 6) && last >= 1 && last <= 6) return 'card';
  return 'other';
}

const BOUNDARY_BEFORE = /[\p{L}\p{N}]/u;

export const creditCard: Recognizer = (t, out: Candidate[]) => {
  for (const chain of digitChains(t)) {
    // every Luhn-valid window is a candidate; overlap resolution keeps the best-scored, longest
    for (const w of windows(chain, 12, 19)) {
      // the window must not start or end inside a longer word ("ABC4111…", "…1111xyz")
      if (BOUNDARY_BEFORE.test(t.charAt(w.start - 1)) || BOUNDARY_BEFORE.test(t.charAt(w.end)))
        continue;
      if (!luhn(w.digits)) continue;
      const shape = grouping(groupSizes(chain, w), innerGaps(chain, w));
      const issuer = cardIssuer(w.digits);
      let score: number;
      if (issuer && shape !== 'other') score = 0.85;
      else if (issuer) score = 0.6;
      else if (shape === 'card' && w.digits.length >= 14) score = 0.55;
      else score = 0.4;
      out.push({
        start: w.start,
        end: w.end,
        type: 'CREDIT_CARD',
        score,
        recognizer: `card-${issuer ?? 'unknown'}`,
        context: CTX.card,
        negative: NUMBER_NEGATIVE,
      });
    }
  }
};

/**
 * Payment card numbers: 12 to 19 digits that pass Luhn, however they are grouped ("4111 1111
 * 1111 1111", "4111.1111.1111.1111", one digit per cell of a table, "４１１１ …" after
 * normalisation). A known issuer range gives a confident score; an unknown range with card-like
 * grouping is still reported (recall first); a plain Luhn-valid digit run needs a context word.
 */
import { cardIssuerOf } from '../validators';
import { CTX } from './labels';
import { ChainLuhn, digitGroups, type DigitGroups } from './digit-chains';
import {
  NUMBER_NEGATIVE,
  contextWindow,
  hasContext,
  reachable,
  type Candidate,
  type Recognizer,
} from './shared';

/**
 * How the digits of groups [from, to] are grouped: one run, the way cards are printed (groups of
 * 4-6 with the same separator throughout: 4-4-4-4, 4-6-5, 4-4-4-4-3; or one digit at a time), or
 * something else.
 */
function grouping(g: DigitGroups, from: number, to: number): 'plain' | 'card' | 'other' {
  if (from === to) return 'plain';
  const gap0 = g.gap(from + 1);
  let same = true;
  let singles = true;
  let cardLike = true;
  for (let k = from; k <= to; k++) {
    const n = g.len(k);
    if (n !== 1) singles = false;
    if (k > from && g.gap(k) !== gap0) same = false;
    if (k < to ? n < 4 || n > 6 : n > 6) cardLike = false;
  }
  if (singles) return 'card'; // spelled out digit by digit
  return same && cardLike ? 'card' : 'other';
}

const WORDCHAR = /[\p{L}\p{N}]/u;

/** The first six digits of groups [i, j] as a number (fewer digits padded with zeros). */
function firstSix(t: string, g: DigitGroups, i: number, j: number): number {
  let v = 0;
  let n = 0;
  for (let k = i; k <= j && n < 6; k++)
    for (let p = g.starts[k] ?? 0; p < (g.ends[k] ?? 0) && n < 6; p++, n++)
      v = v * 10 + (t.charCodeAt(p) - 48);
  for (; n < 6; n++) v *= 10;
  return v;
}

export const creditCard: Recognizer = (t, out: Candidate[]) => {
  const g = digitGroups(t);
  for (let c = 0; c < g.chains; c++) {
    const from = g.chainStarts[c] ?? 0;
    const to = g.chainStarts[c + 1] ?? 0;
    let total = 0;
    for (let k = from; k < to; k++) total += g.len(k);
    if (total < 12) continue;
    // a Luhn-valid window that is neither from a known issuer nor grouped like a card scores
    // 0.4 and needs a card word nearby (context words sit outside the chain, so looking around
    // the whole chain is enough)
    const chainContext = hasContext(
      contextWindow(t, g.starts[from] ?? 0, g.ends[to - 1] ?? 0),
      CTX.card,
    );
    const luhn = new ChainLuhn(g, from, to);
    // every Luhn-valid window of 12-19 digits competes within its chain (best score, then the
    // longest, then the earliest); only the winners become candidates. Luhn is O(1) per window,
    // everything else only for windows that pass it.
    const wins: Array<{ i: number; j: number; score: number; issuer: string | null }> = [];
    for (let i = from; i < to; i++) {
      // the window must not start inside a longer word ("ABC4111…")
      if (WORDCHAR.test(t.charAt((g.starts[i] ?? 0) - 1))) continue;
      const s = luhn.at[i - from] ?? 0;
      for (let j = i; j < to; j++) {
        const e = luhn.at[j + 1 - from] ?? 0;
        const n = e - s;
        if (n > 19) break;
        if (n < 12 || !luhn.valid(s, e)) continue;
        if (WORDCHAR.test(t.charAt(g.ends[j] ?? 0))) continue;
        const issuer = cardIssuerOf(firstSix(t, g, i, j), n);
        const shape = grouping(g, i, j);
        let score: number;
        if (issuer && shape !== 'other') score = 0.85;
        else if (issuer) score = 0.6;
        else if (shape === 'card' && n >= 14) score = 0.55;
        else score = 0.4;
        if (!reachable(score, chainContext)) continue;
        wins.push({ i, j, score, issuer });
      }
    }
    wins.sort((a, b) => b.score - a.score || b.j - b.i - (a.j - a.i) || a.i - b.i);
    // groups already claimed by a winner (a window spans at most 19 groups: O(1) per check)
    const taken = new Uint8Array(to - from);
    for (const w of wins) {
      let free = true;
      for (let k = w.i; k <= w.j && free; k++) if (taken[k - from]) free = false;
      if (!free) continue;
      for (let k = w.i; k <= w.j; k++) taken[k - from] = 1;
      out.push({
        start: g.starts[w.i] ?? 0,
        end: g.ends[w.j] ?? 0,
        type: 'CREDIT_CARD',
        score: w.score,
        recognizer: `card-${w.issuer ?? 'unknown'}`,
        context: CTX.card,
        negative: NUMBER_NEGATIVE,
      });
    }
  }
};

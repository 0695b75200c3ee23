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
  isWordAt,
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
  let same = true;
  let singles = true;
  let cardLike = true;
  for (let k = from; k <= to; k++) {
    const n = g.len(k);
    if (n !== 1) singles = false;
    if (k > from + 1 && same && !g.sameGap(k, from + 1)) same = false;
    if (k < to ? n < 4 || n > 6 : n > 6) cardLike = false;
  }
  if (singles) return 'card'; // spelled out digit by digit
  return same && cardLike ? 'card' : 'other';
}

/** Scores of the four kinds of window, best first (the rank is the index). */
const RANK_SCORES = [0.85, 0.6, 0.55, 0.4] as const;

/**
 * A known issuer range grouped like a card, a known issuer range, an unknown range grouped like
 * a card, anything else that passes Luhn.
 */
function scoreRank(issuer: boolean, shape: 'plain' | 'card' | 'other', n: number): number {
  if (issuer && shape !== 'other') return 0;
  if (issuer) return 1;
  if (shape === 'card' && n >= 14) return 2;
  return 3;
}

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
    // most groups, then the earliest); only the winners become candidates. Luhn is O(1) per
    // window, everything else only for windows that pass it. The order is kept by buckets (four
    // scores x up to 19 groups, each filled in start order), not by sorting objects: a hostile
    // chain of a million groups yields hundreds of thousands of windows.
    const buckets: number[][] = [];
    for (let i = from; i < to; i++) {
      // the window must not start inside a longer word ("ABC4111…")
      if (isWordAt(t, (g.starts[i] ?? 0) - 1)) continue;
      const s = luhn.at[i - from] ?? 0;
      for (let j = i; j < to; j++) {
        const e = luhn.at[j + 1 - from] ?? 0;
        const n = e - s;
        if (n > 19) break;
        if (n < 12 || !luhn.valid(s, e)) continue;
        if (isWordAt(t, g.ends[j] ?? 0)) continue;
        const rank = scoreRank(
          cardIssuerOf(firstSix(t, g, i, j), n) !== null,
          grouping(g, i, j),
          n,
        );
        if (!reachable(RANK_SCORES[rank] ?? 0, chainContext)) continue;
        (buckets[rank * 20 + (19 - (j - i))] ??= []).push(i, j);
      }
    }
    // groups already claimed by a winner (a window spans at most 19 groups: O(1) per check)
    const taken = new Uint8Array(to - from);
    for (let key = 0; key < buckets.length; key++) {
      const bucket = buckets[key];
      if (!bucket) continue;
      const score = RANK_SCORES[Math.floor(key / 20)] ?? 0;
      for (let b = 0; b < bucket.length; b += 2) {
        const i = bucket[b] ?? 0;
        const j = bucket[b + 1] ?? 0;
        let free = true;
        for (let k = i; k <= j && free; k++) if (taken[k - from]) free = false;
        if (!free) continue;
        for (let k = i; k <= j; k++) taken[k - from] = 1;
        const n = (luhn.at[j + 1 - from] ?? 0) - (luhn.at[i - from] ?? 0);
        const issuer = cardIssuerOf(firstSix(t, g, i, j), n);
        out.push({
          start: g.starts[i] ?? 0,
          end: g.ends[j] ?? 0,
          type: 'CREDIT_CARD',
          score,
          recognizer: `card-${issuer ?? 'unknown'}`,
          context: CTX.card,
          negative: NUMBER_NEGATIVE,
        });
      }
    }
  }
};

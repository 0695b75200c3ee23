/**
 * Digit groups joined by the separators people and spreadsheets put between them: spaces, tabs,
 * a line break, '.', '/', '_', '-', dashes, " - ", and the parentheses of "(303) 555-0199".
 * Card, phone and national-id recognizers look at windows of whole groups inside a chain, so a
 * value is found however it is grouped, and a chain that runs across unrelated numbers ("in 2019
 * 4111 1111 1111 1111") still yields the window that validates. Windows are bounded by digit
 * count, so the work per chain is linear in its length.
 */

export interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

export interface DigitChain {
  groups: DigitGroup[];
  /** Text between group i-1 and group i (gaps[0] is ''). */
  gaps: string[];
}

const RUN = /\d{1,64}/g;
/** One separator character, or a short run of them (a space around a dash, a line break). */
const GAP =
  /^(?:[ \t.\-/_\u2010-\u2015]|[ \t]{0,2}\r?\n[ \t]{0,2}|[ \t]{2,3}|[ \t][-/_\u2013\u2014][ \t]|[ \t]?\)[ \t.-]?|[ \t.-]?\(|\)\()$/;

/** Splits the text into chains of digit groups (every digit run belongs to exactly one chain). */
export function digitChains(t: string): DigitChain[] {
  const chains: DigitChain[] = [];
  let cur: DigitChain | null = null;
  let lastEnd = -1;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(t); m !== null; m = RUN.exec(t)) {
    const g: DigitGroup = { start: m.index, end: m.index + m[0].length, digits: m[0] };
    const gap = lastEnd >= 0 && m.index - lastEnd <= 5 ? t.slice(lastEnd, m.index) : null;
    if (cur && gap !== null && GAP.test(gap)) {
      cur.groups.push(g);
      cur.gaps.push(gap);
    } else {
      cur = { groups: [g], gaps: [''] };
      chains.push(cur);
    }
    lastEnd = g.end;
  }
  return chains;
}

/** Luhn over a digit string. */
export function luhn(d: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let v = d.charCodeAt(i) - 48;
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** A window of whole groups [from, to] of a chain. */
export interface Window {
  from: number;
  to: number;
  digits: string;
  start: number;
  end: number;
}

/**
 * Every window of consecutive groups whose digit count is within [min, max], shortest first per
 * starting group. At most (max digits) windows per starting group.
 */
export function* windows(chain: DigitChain, min: number, max: number): Generator<Window> {
  const gs = chain.groups;
  for (let i = 0; i < gs.length; i++) {
    let digits = '';
    for (let j = i; j < gs.length; j++) {
      digits += (gs[j] as DigitGroup).digits;
      if (digits.length > max) break;
      if (digits.length >= min)
        yield {
          from: i,
          to: j,
          digits,
          start: (gs[i] as DigitGroup).start,
          end: (gs[j] as DigitGroup).end,
        };
    }
  }
}

/** Sizes of the groups of a window, e.g. [4, 4, 4, 4]. */
export function groupSizes(chain: DigitChain, w: Window): number[] {
  const out: number[] = [];
  for (let k = w.from; k <= w.to; k++) out.push((chain.groups[k] as DigitGroup).digits.length);
  return out;
}

/** The gaps inside a window (between its groups). */
export function innerGaps(chain: DigitChain, w: Window): string[] {
  return chain.gaps.slice(w.from + 1, w.to + 1);
}

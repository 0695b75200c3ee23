/**
 * The lexicon's term syntax, compiled to one regular expression per list. Pure.
 *
 * A term is a lower-case regular-expression fragment (matched case-insensitively) with three
 * conveniences, so that one entry covers the inflections and compounds a language builds from it:
 * - a leading `*` lets the term end a compound: `*therapie` also finds "Verhaltenstherapie";
 * - a trailing `*` lets the term begin a word of up to 24 more letters: `suizid*` finds
 *   "Suizidgedanken", "suizidal";
 * - a space matches one to three spaces or hyphens: `panic attack` finds "panic-attack".
 * Without a `*`, the term must be a whole word (or words) on both sides.
 *
 * The scan must stay linear in the input (the proxy and the browser run it on large pastes), so
 * fragments may only use bounded repetition: `?` and `{m,n}`; never `*`, `+` or `{m,}`
 * (`assertBounded` enforces this and a test runs it over every list). With no unbounded
 * repetition, one match attempt costs at most a constant, whatever the text.
 */
import { LANGS, type Lang, type PerLang } from './lexicon';

/** Not preceded by a letter or digit. */
export const WORD_START = '(?<![\\p{L}\\p{N}])';
/** Not followed by a letter or digit, or just after an elided form's apostrophe ("j'", "l'"). */
export const WORD_END = "(?:(?<=')|(?![\\p{L}\\p{N}]))";
/** How many letters a `*` may add at either end of a term. */
const OPEN_LETTERS = 24;

/** Throws if a fragment uses unbounded repetition (a `*`, `+` or `{m,}` outside a class). */
export function assertBounded(fragment: string): void {
  let inClass = false;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') throw new Error(`unbounded "${c}" in term "${fragment}"`);
    else if (c === '{' && /^\{\d*,\}/.test(fragment.slice(i)))
      throw new Error(`unbounded "{m,}" in term "${fragment}"`);
  }
}

/** Spaces outside character classes become "1-3 spaces or hyphens". */
function spaces(fragment: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment[i] as string;
    if (c === '\\') {
      out += c + (fragment[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    out += c === ' ' ? '(?:[\\s-]{1,3})' : c;
  }
  return out;
}

/** One term as a regex source; whether it may end a compound (no word start before it). */
export function compileTerm(term: string): { source: string; tail: boolean } {
  const tail = term.startsWith('*');
  const head = term.length > 1 && term.endsWith('*') && !term.endsWith('\\*');
  const core = term.slice(tail ? 1 : 0, head ? -1 : undefined);
  assertBounded(core);
  return { source: spaces(core) + (head ? `\\p{L}{0,${OPEN_LETTERS}}` : ''), tail };
}

/**
 * Alternatives grouped by their first letter ("a(?:…|…)|b(?:…)"): the regex engine then tries
 * one group per position instead of every term, which makes a scan several times faster.
 * Sources that do not start with a plain letter stay as they are.
 */
export function byFirstLetter(sources: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  const rest: string[] = [];
  for (const s of new Set(sources)) {
    const c = s.charAt(0);
    if (/^\p{Ll}$/u.test(c) && !/^[?*+{]/.test(s.charAt(1))) {
      const g = groups.get(c) ?? [];
      g.push(s.slice(1));
      groups.set(c, g);
    } else rest.push(s);
  }
  return [...[...groups].map(([c, g]) => `${c}(?:${g.join('|')})`), ...rest];
}

/**
 * All terms as one global, case-insensitive, Unicode regex. Whole-word terms come first behind
 * WORD_START (which fails at once inside a word, so they cost little); compound tails are tried at
 * every position.
 */
export function compileTerms(terms: readonly string[]): RegExp {
  const words: string[] = [];
  const tails: string[] = [];
  for (const t of new Set(terms)) {
    const c = compileTerm(t);
    (c.tail ? tails : words).push(c.source);
  }
  const alts: string[] = [];
  if (words.length) alts.push(`${WORD_START}(?:${byFirstLetter(words).join('|')})`);
  if (tails.length) alts.push(`(?:${byFirstLetter(tails).join('|')})`);
  if (!alts.length) return /(?!)/gu;
  return new RegExp(`(?:${alts.join('|')})${WORD_END}`, 'giu');
}

/**
 * Several lists in one scan: each list's terms form capturing groups (whole-word and compound-tail
 * terms separately), and `group[i]` says which list capture group i+1 belongs to. A position where
 * terms of two lists match reports the first list only, so the lists should not share a term.
 */
export interface GroupedRegExp {
  re: RegExp;
  group: readonly number[];
}

export function compileGroups(lists: readonly (readonly string[])[]): GroupedRegExp {
  const words: string[] = [];
  const tails: string[] = [];
  const wordGroups: number[] = [];
  const tailGroups: number[] = [];
  lists.forEach((terms, i) => {
    const w: string[] = [];
    const t: string[] = [];
    for (const term of new Set(terms)) {
      const c = compileTerm(term);
      (c.tail ? t : w).push(c.source);
    }
    if (w.length) {
      words.push(`(${byFirstLetter(w).join('|')})`);
      wordGroups.push(i);
    }
    if (t.length) {
      tails.push(`(${byFirstLetter(t).join('|')})`);
      tailGroups.push(i);
    }
  });
  const alts: string[] = [];
  if (words.length) alts.push(`${WORD_START}(?:${words.join('|')})`);
  if (tails.length) alts.push(`(?:${tails.join('|')})`);
  const re = alts.length ? new RegExp(`(?:${alts.join('|')})${WORD_END}`, 'giu') : /(?!)/gu;
  return { re, group: [...wordGroups, ...tailGroups] };
}

/** Every match of a grouped regex, sorted into its lists (compound tails widened as in findAll). */
export function hitsByList(g: GroupedRegExp, lists: number, text: string): TermHit[][] {
  const out: TermHit[][] = Array.from({ length: lists }, () => []);
  const { re, group } = g;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end === m.index) {
      re.lastIndex++;
      continue;
    }
    let start = m.index;
    for (let k = 0; k < 48 && start > 0 && LETTER.test(text.charAt(start - 1)); k++) start--;
    const i = m.findIndex((v, j) => j > 0 && v !== undefined);
    (out[group[i - 1] as number] as TermHit[]).push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

/**
 * One regex per language, so that a text is scanned only with the lists of its languages, and
 * one for all of them, for a text whose language cannot be told.
 */
export interface PerLangRegExp {
  readonly byLang: Readonly<Record<Lang, RegExp>>;
  readonly all: RegExp;
}

export function compilePerLang(p: PerLang): PerLangRegExp {
  return {
    byLang: Object.fromEntries(LANGS.map((l) => [l, compileTerms(p[l])])) as Record<Lang, RegExp>,
    all: compileTerms(LANGS.flatMap((l) => p[l])),
  };
}

/**
 * Beyond this many plausible languages a text is scanned once with every language's list: the
 * scan stays cheap on a mixed or hostile text, which is also where telling languages apart does
 * not work.
 */
export const MAX_SEPARATE_LANGS = 3;

/**
 * The hits of the given languages' lists that start in [from, to), in text order, without
 * duplicates.
 */
export function findIn(
  res: PerLangRegExp,
  langs: readonly Lang[],
  text: string,
  from = 0,
  to = text.length,
): TermHit[] {
  if (langs.length > MAX_SEPARATE_LANGS) return findAll(res.all, text, from, to);
  if (langs.length === 1) return findAll(res.byLang[langs[0] as Lang], text, from, to);
  const all = langs.flatMap((l) => findAll(res.byLang[l], text, from, to));
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  return all.filter((h, i) => i === 0 || h.start !== (all[i - 1] as TermHit).start);
}

/** A match of a list, widened to the whole word when it is the tail of a compound. */
export interface TermHit {
  start: number;
  end: number;
  text: string;
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;

/**
 * Every match of `re` (global) that starts in [from, to) of `text`, in order; compound tails are
 * widened to the word's start. Lookbehinds still see the text before `from`.
 */
export function findAll(re: RegExp, text: string, from = 0, to = text.length): TermHit[] {
  // Scan a prefix that ends at `to`, so that a range without a match does not cost the rest of the
  // text (a sliced string is not copied).
  const scanned = to < text.length ? text.slice(0, to) : text;
  const out: TermHit[] = [];
  re.lastIndex = from;
  for (let m = re.exec(scanned); m !== null; m = re.exec(scanned)) {
    let start = m.index;
    const end = m.index + m[0].length;
    if (end === start) {
      re.lastIndex++;
      continue;
    }
    // A compound tail: report the whole word ("Verhaltenstherapie", not "therapie"). Bounded so
    // that a long run of letters costs at most a constant per match.
    for (let k = 0; k < 48 && start > 0 && LETTER.test(text.charAt(start - 1)); k++) start--;
    out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

/**
 * Which of the router's languages a text is plausibly in, from its function words. Pure; linear.
 * Used to apply only those languages' anchors and topic words, because short words collide across
 * languages (Danish "i" is "in", Spanish "han" is "have", German "mit" is "with").
 */
import { FUNCTION_WORDS, LANGS, type Lang } from './lexicon';
import { BREAK_RE } from './sentences';

const LANGS_OF = new Map<string, Lang[]>();
for (const lang of LANGS) {
  for (const w of FUNCTION_WORDS[lang]) {
    const ls = LANGS_OF.get(w) ?? [];
    ls.push(lang);
    LANGS_OF.set(w, ls);
  }
}
const TOKEN = /\p{L}+/gu;
/** Function words are short: longer tokens need no lookup. */
const LONGEST = Math.max(...[...LANGS_OF.keys()].map((w) => w.length));
/** Within a sentence, a language is plausible when it scores at least this share of the best… */
const SHARE = 0.5;
/** …and at least this much (one word shared by two languages). */
const MIN_SCORE = 0.5;

function sentenceLanguages(sentence: string, into: Set<Lang>): void {
  const score: Record<Lang, number> = { en: 0, de: 0, pt: 0, da: 0, sv: 0, nl: 0, fr: 0, es: 0 };
  for (const token of sentence.toLowerCase().match(TOKEN) ?? []) {
    if (token.length > LONGEST) continue;
    const ls = LANGS_OF.get(token);
    // A word of several languages counts for each in part: Dutch "hun" (their) is Danish "hun"
    // (she), so it should not make a Dutch sentence look Danish.
    if (ls) for (const l of ls) score[l] += 1 / ls.length;
  }
  const top = Math.max(...LANGS.map((l) => score[l]));
  if (top === 0) return;
  for (const l of LANGS) if (score[l] >= Math.max(MIN_SCORE, top * SHARE)) into.add(l);
}

/**
 * The languages plausible in at least one sentence of the text (a German request quoting a
 * Portuguese note is in both); all of them when no sentence has a function word (a bare
 * "Insomnia?" could be any of them).
 */
export function plausibleLanguages(text: string): readonly Lang[] {
  const found = new Set<Lang>();
  let from = 0;
  BREAK_RE.lastIndex = 0;
  for (let m = BREAK_RE.exec(text); m !== null; m = BREAK_RE.exec(text)) {
    sentenceLanguages(text.slice(from, m.index), found);
    from = m.index + m[0].length;
  }
  sentenceLanguages(text.slice(from), found);
  return found.size ? LANGS.filter((l) => found.has(l)) : LANGS;
}

/** Shapes of the lexicon (pure data; the term syntax is described in ../terms.ts). */

/** The languages the router knows. */
export type Lang = 'en' | 'de' | 'pt' | 'da' | 'sv' | 'nl' | 'fr' | 'es';

export const LANGS: readonly Lang[] = ['en', 'de', 'pt', 'da', 'sv', 'nl', 'fr', 'es'];

/** One list per language. */
export type PerLang = Readonly<Record<Lang, readonly string[]>>;

/**
 * `strong` phrases describe a record on their own ("written warning", "bank statement"); they
 * count unless their sentence is a general question with nothing personal in it.
 * `topic` words count only near an anchor that ties them to a real person (see anchors.ts).
 */
export interface CategoryLexicon {
  strong: PerLang;
  topic: PerLang;
}

/** All languages' lists as one list. */
export function flat(p: PerLang): string[] {
  return LANGS.flatMap((l) => p[l]);
}

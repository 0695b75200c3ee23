/**
 * The regulated-content lexicon in the router's eight languages (en, de, pt, da, sv, nl, fr, es).
 * Pure data; ../terms.ts describes the term syntax and ../categories.ts how the lists combine.
 */
import type { Category } from '../../policy/schema';
import { FINANCIAL } from './financial';
import { HEALTH } from './health';
import { HR } from './hr';
import type { CategoryLexicon } from './types';

export { AGE, BRACKETED_AGE, CHILD_CASES, CHILD_RECORDS, CHILD_WORDS } from './children';
export {
  ARTEFACTS,
  DOCUMENT,
  GENERAL,
  GENERIC_DETERMINERS,
  NEUTRAL,
  PERSON_NOUNS,
  POSSESSIVES,
  ROLES,
  SUBJECTS,
  WE,
} from './anchors';
export { FUNCTION_WORDS } from './languages';
export { INTERNAL_MARKERS } from './internal';
export { LANGS, flat, type CategoryLexicon, type Lang, type PerLang } from './types';

/** The categories recognised from a strong phrase or an anchored topic word. */
export const LEXICON: Record<Exclude<Category, 'internal' | 'children'>, CategoryLexicon> = {
  health: HEALTH,
  hr: HR,
  financial: FINANCIAL,
};

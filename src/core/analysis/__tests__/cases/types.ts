/**
 * Case tables for the regulated-content recogniser. Every example is invented for this project.
 *
 * A case is [language, text, expected categories, person?]:
 * - expected: the exact set of categories, joined by '+' ('' means none: the request is public);
 * - person: a name in the text that the NER stage would report as PERSON. The pattern stage only
 *   finds names after an honorific, so these cases add the entity the model would add.
 */
import type { Lang } from '../../lexicon';

export { LANGS, type Lang } from '../../lexicon';

export type Case = readonly [lang: Lang, text: string, expected: string, person?: string];

/**
 * The development set was written with the lexicon; the fresh set afterwards, and held out until
 * its first run (then the lexicon was fixed from it); the second fresh set after those fixes, and
 * held out until its first run.
 */
export interface CaseSets {
  dev: readonly Case[];
  fresh: readonly Case[];
  fresh2: readonly Case[];
  /**
   * Cases the recogniser still gets wrong, by text, with the reason. Their tests are expected to
   * fail (vitest `it.fails`), so fixing one shows up as a test to move out of this list.
   */
  gaps?: Readonly<Record<string, string>>;
}

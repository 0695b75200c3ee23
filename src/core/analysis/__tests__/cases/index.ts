/** Every case table, and their scoring; also loaded by `npm run bench:lexicon`. */
import { CHILDREN } from './children';
import { FINANCIAL } from './financial';
import { HEALTH } from './health';
import { HR } from './hr';
import { score, type Score } from './score';
import type { CaseSets } from './types';

export const TABLES: Readonly<Record<'health' | 'hr' | 'financial' | 'children', CaseSets>> = {
  health: HEALTH,
  hr: HR,
  financial: FINANCIAL,
  children: CHILDREN,
};

/** Scores of one set over every table. */
export function scoreSet(set: 'dev' | 'fresh' | 'fresh2'): Score {
  return score(Object.values(TABLES).flatMap((t) => t[set]));
}

export type { Score };

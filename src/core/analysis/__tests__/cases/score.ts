/**
 * Recall and precision per category and language over case tables. A case counts as positive
 * for every category it expects, whichever table it is in ("en arrêt maladie" is health and hr).
 */
import type { Category } from '../../../policy/schema';
import { expected, found, has } from './run';
import { LANGS, type Case, type Lang } from './types';

export const SCORED: readonly Category[] = ['health', 'hr', 'financial', 'children'];

export interface Cell {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score {
  cells: Record<string, Record<Lang, Cell>>;
  /** Cases whose found set differs from the expected set. */
  wrong: { lang: Lang; text: string; expected: string; found: string }[];
  total: number;
}

export function score(cases: readonly Case[]): Score {
  const cells: Score['cells'] = {};
  for (const c of SCORED)
    cells[c] = Object.fromEntries(LANGS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])) as Record<
      Lang,
      Cell
    >;
  const wrong: Score['wrong'] = [];
  for (const c of cases) {
    const f = found(c);
    const e = expected(c);
    if (f !== e) wrong.push({ lang: c[0], text: c[1], expected: e, found: f });
    for (const cat of SCORED) {
      const cell = (cells[cat] as Record<Lang, Cell>)[c[0]];
      const want = has(e, cat);
      const got = has(f, cat);
      if (want && got) cell.tp++;
      else if (got) cell.fp++;
      else if (want) cell.fn++;
    }
  }
  return { cells, wrong, total: cases.length };
}

/** "0.93 (14/15)", or "–" when there is nothing to divide by. */
export function ratio(n: number, d: number): string {
  return d === 0 ? '–' : `${(n / d).toFixed(2)} (${n}/${d})`;
}

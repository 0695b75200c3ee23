/** The shared shape of the per-category test files: every case, then coverage of the languages. */
import { describe, expect, it } from 'vitest';
import type { Category } from '../../../policy/schema';
import { expected, found, has } from './run';
import { LANGS, type CaseSets } from './types';

export function describeTable(category: Category, sets: CaseSets, minPerLang: number): void {
  describe(`${category}: personal text is recognised, public text stays public`, () => {
    const all = [...sets.dev, ...sets.fresh, ...sets.fresh2];
    const gaps = sets.gaps ?? {};
    const right = all.filter((c) => !(c[1] in gaps));
    const wrong = all.filter((c) => c[1] in gaps);
    it.each(right.map((c) => [c[0], c[1], c] as const))('[%s] %s', (_lang, _text, c) => {
      expect(found(c)).toBe(expected(c));
    });
    if (wrong.length) {
      it.fails.each(wrong.map((c) => [c[0], c[1], gaps[c[1]], c] as const))(
        'known gap [%s] %s (%s)',
        (_lang, _text, _why, c) => {
          expect(found(c)).toBe(expected(c));
        },
      );
    }

    it('lists only gaps that are cases of this table', () => {
      const texts = new Set(all.map((c) => c[1]));
      expect(Object.keys(gaps).filter((t) => !texts.has(t))).toEqual([]);
    });

    it(`has at least ${minPerLang} positives and ${minPerLang} negatives in every language`, () => {
      for (const lang of LANGS) {
        const mine = all.filter((c) => c[0] === lang);
        const pos = mine.filter((c) => has(expected(c), category)).length;
        const neg = mine.filter((c) => !has(expected(c), category)).length;
        expect({ lang, pos: pos >= minPerLang, neg: neg >= minPerLang }).toEqual({
          lang,
          pos: true,
          neg: true,
        });
      }
    });
  });
}

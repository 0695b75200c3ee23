import { describe, expect, it } from 'vitest';
import { CHAR_SLOTS, featurize, featurizeInt64, spelling, tokenize } from '../ner/features';

/**
 * The model's inputs must be exactly what it was trained on: training (build-data.ts) calls
 * featurize(), the app calls featurizeInt64() (no BigInt per value). The pinned ids below were
 * computed with the featurizer the shipped model was trained with; if they change, the model
 * sees other inputs than in training and must be retrained.
 */
const TEXT = "Dr. Ines O'Neil-Valkonen's CAFÉ in Łódź: x 2026!";
const PINNED = {
  words: [1780, 5874, 11447, 1113, 17968, 11069, 447, 17241, 18254, 2696, 2102, 2541],
  chars: [
    [3031, 5874, 2205, 184, 7931, 5729, 380, 3277, 3612, 1746, 0, 0, 0, 0, 0, 0],
    [5983, 5580, 5177, 7998, 7595, 6789, 3162, 2759, 4806, 0, 0, 0, 0, 0, 0, 0],
    [3772, 7948, 5471, 3938, 3240, 1554, 127, 3277, 8071, 6640, 3872, 6072, 0, 0, 0, 0],
    [
      7843, 7002, 2518, 3667, 1727, 4462, 5965, 1501, 4756, 4758, 3066, 6158, 7672, 3778, 1011,
      1648,
    ],
    [1567, 4394, 4033, 7092, 1763, 4069, 7128, 8108, 2168, 6154, 0, 0, 0, 0, 0, 0],
    [1741, 2948, 5164, 4738, 2650, 6012, 7861, 4093, 626, 6960, 1900, 4053, 0, 0, 0, 0],
    [3772, 6093, 3050, 8099, 512, 4494, 4839, 605, 8071, 5035, 0, 0, 0, 0, 0, 0],
    [5012, 4833, 2101, 7045, 3346, 3864, 4497, 3277, 523, 2957, 5523, 3850, 0, 0, 0, 0],
    [5851, 5448, 5045, 4642, 4239, 3433, 3030, 2627, 3986, 0, 0, 0, 0, 0, 0, 0],
    [3829, 5038, 4635, 2620, 2217, 3023, 1008, 605, 6180, 0, 0, 0, 0, 0, 0, 0],
    [2629, 5982, 4471, 2268, 3969, 35, 6622, 5045, 5878, 5970, 5970, 3552, 0, 0, 0, 0],
    [3968, 4371, 4774, 1953, 2356, 3162, 6789, 7192, 8047, 0, 0, 0, 0, 0, 0, 0],
  ],
  shapes: [10, 6, 26, 4, 1, 3, 33, 50, 6, 9, 5, 6],
};

describe('NER features', () => {
  it('gives the ids the shipped model was trained with', () => {
    expect(featurize(tokenize(TEXT))).toEqual(PINNED);
  });

  it('writes the same ids into the int64 tensors as featurize()', () => {
    for (const text of [
      TEXT,
      'ask marta about ZENMART, then Þórdís: ok?',
      'Kenji Watanabe’s 3rd café … Zsófia Kertész, FDB-chefen\n- Okonkwo\t(ǅemal)',
      '',
    ]) {
      const toks = tokenize(text);
      const f = featurize(toks);
      const x = featurizeInt64(toks);
      expect([...x.words].map(Number)).toEqual(f.words);
      expect([...x.shapes].map(Number)).toEqual(f.shapes);
      expect([...x.chars].map(Number)).toEqual(f.chars.flat());
      expect(x.chars.length).toBe(toks.length * CHAR_SLOTS);
    }
  });

  it('collapses a spelling into its pattern, in and beyond ASCII', () => {
    expect(spelling('McDowell')).toBe('XxXx');
    expect(spelling("O'Neil")).toBe("X'Xx");
    expect(spelling('Łódź-2026')).toBe('Xx-0');
    expect(spelling('ÉCOLE')).toBe('X');
  });
});

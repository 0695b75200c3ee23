import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('property tests in npm test', () => {
  it('start from a fixed seed unless FC_SEED=random asks for exploration', () => {
    const { seed } = fc.readConfigureGlobal();
    if (process.env.FC_SEED === 'random') expect(seed).toBeUndefined();
    else expect(seed).toBe(process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261204);
  });

  it('so the same property draws the same values twice', () => {
    const draw = () => {
      const seen: string[] = [];
      fc.assert(
        fc.property(fc.string(), (v) => {
          seen.push(v);
        }),
        { numRuns: 5 },
      );
      return seen;
    };
    if (process.env.FC_SEED !== 'random') expect(draw()).toEqual(draw());
    else expect(draw()).toHaveLength(5);
  });
});

import { describe, expect, it } from 'vitest';
import { compileTerms, findAll } from '../terms';

const words = (terms: string[], text: string) =>
  findAll(compileTerms(terms), text).map((h) => h.text);

describe('term syntax', () => {
  it('matches whole words only, in any case', () => {
    expect(words(['insomnia'], 'My INSOMNIA, insomniac, noinsomnia')).toEqual(['INSOMNIA']);
  });

  it('a leading * lets a term end a compound, and the whole compound is reported', () => {
    expect(words(['*therapie'], 'eine Verhaltenstherapie und Therapie')).toEqual([
      'Verhaltenstherapie',
      'Therapie',
    ]);
    // but the compound must end there: "Therapieplan" is not "…therapie"
    expect(words(['*therapie'], 'der Therapieplan')).toEqual([]);
  });

  it('a trailing * lets a term begin a longer word', () => {
    expect(words(['suizid*'], 'Suizidgedanken, suizidal, Suizid')).toEqual([
      'Suizidgedanken',
      'suizidal',
      'Suizid',
    ]);
  });

  it('a space matches spaces or hyphens', () => {
    expect(words(['panic attacks?'], 'panic-attack, panic  attacks, panicattack')).toEqual([
      'panic-attack',
      'panic  attacks',
    ]);
  });

  it('an optional space stays optional', () => {
    expect(words(['pay ?slips?'], 'my payslip and pay slips')).toEqual(['payslip', 'pay slips']);
  });

  it("an elided form ending in an apostrophe may be followed by a letter (j'ai)", () => {
    expect(words(["j'"], "j'ai")).toEqual(["j'"]);
  });

  it('a compound tail reports at most a bounded stretch of the word before it', () => {
    const long = `${'a'.repeat(5000)}therapie`;
    const [hit] = words(['*therapie'], long);
    expect(hit?.endsWith('therapie')).toBe(true);
    expect((hit ?? '').length).toBeLessThan(100);
  });
});

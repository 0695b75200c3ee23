import { describe, expect, it } from 'vitest';
import {
  CHILD_RECORDS,
  CHILD_WORDS,
  DOCUMENT,
  FUNCTION_WORDS,
  GENERAL,
  GENERIC_DETERMINERS,
  INTERNAL_MARKERS,
  LANGS,
  LEXICON,
  NEUTRAL,
  PERSON_NOUNS,
  POSSESSIVES,
  ROLES,
  SUBJECTS,
  WE,
  type PerLang,
} from '../lexicon';
import { assertBounded, compileTerm } from '../terms';

const LISTS: Record<string, PerLang> = {
  'health.strong': LEXICON.health.strong,
  'health.topic': LEXICON.health.topic,
  'hr.strong': LEXICON.hr.strong,
  'hr.topic': LEXICON.hr.topic,
  'financial.strong': LEXICON.financial.strong,
  'financial.topic': LEXICON.financial.topic,
  CHILD_WORDS,
  CHILD_RECORDS,
  POSSESSIVES,
  SUBJECTS,
  WE,
  PERSON_NOUNS,
  ROLES,
  GENERIC_DETERMINERS,
  DOCUMENT,
  NEUTRAL,
  GENERAL,
};

/** How many groups a regex source captures. */
const captures = (source: string) =>
  (new RegExp(`${source}|`, 'u').exec('') as RegExpExecArray).length - 1;

describe('the lexicon', () => {
  it.each(Object.entries(LISTS))('%s has entries in all eight languages', (_name, list) => {
    for (const lang of LANGS) expect(list[lang].length, lang).toBeGreaterThan(0);
  });

  it.each(Object.entries(LISTS))(
    '%s: every term is lower case, bounded and captures nothing',
    (_name, list) => {
      for (const lang of LANGS) {
        for (const term of list[lang]) {
          const letters = term.replace(/\\p\{\w+\}/g, '');
          expect(letters, `${lang}: ${term}`).toBe(letters.toLowerCase());
          const { source } = compileTerm(term);
          expect(captures(source), `${lang}: ${term}`).toBe(0);
        }
      }
    },
  );

  it('internal markers compile and are bounded', () => {
    for (const m of INTERNAL_MARKERS) expect(() => compileTerm(m)).not.toThrow();
  });

  it('function words are plain lower-case words', () => {
    for (const lang of LANGS)
      for (const w of FUNCTION_WORDS[lang]) expect(w, lang).toMatch(/^\p{Ll}+$/u);
  });
});

describe('assertBounded', () => {
  it.each(['a+', 'a*', '(?:ab)+', 'a{2,}', 'x{,}'])('rejects unbounded repetition: %s', (t) => {
    expect(() => assertBounded(t)).toThrow(/unbounded/);
  });
  it.each(['a?', 'a{1,3}', '[*+]', '\\+', '\\p{L}{0,24}', '(?:crises?|ataques?) de'])(
    'accepts bounded fragments: %s',
    (t) => {
      expect(() => assertBounded(t)).not.toThrow();
    },
  );
});

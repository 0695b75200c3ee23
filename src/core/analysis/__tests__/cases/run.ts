/**
 * Runs case tables through the recogniser as the app does: the pattern stage's entities, plus the
 * PERSON a case names (what the NER stage would add). Shared by the tests and `npm run lexicon:eval`.
 */
import { detectPatterns, type Entity } from '../../../pii';
import type { Category } from '../../../policy/schema';
import { recognizeCategories } from '../../categories';
import type { Case } from './types';

export function entitiesFor(text: string, person?: string): Entity[] {
  const entities = detectPatterns(text);
  if (person) {
    const start = text.indexOf(person);
    if (start < 0) throw new Error(`case names "${person}", which is not in "${text}"`);
    entities.push({
      start,
      end: start + person.length,
      type: 'PERSON',
      score: 0.9,
      source: 'ner',
      text: person,
    });
  }
  return entities;
}

/** The categories found for a case, sorted, joined with '+' like the expected value. */
export function found(c: Case): string {
  const [, text, , person] = c;
  return recognizeCategories(text, entitiesFor(text, person))
    .map((h) => h.category)
    .sort()
    .join('+');
}

/** The expected value, normalised (sorted). */
export function expected(c: Case): string {
  return c[2].split('+').filter(Boolean).sort().join('+');
}

export function has(value: string, category: Category): boolean {
  return value.split('+').includes(category);
}

/** Table-driven helpers for the recognizer family tests. */
import { expect } from 'vitest';
import { detectPatterns } from '../../detect';
import type { EntityType } from '../../types';

/** [text, type, the exact value that must be reported] */
export type Positive = readonly [string, EntityType, string];
/** [text, the types that must not be reported anywhere in it] */
export type Negative = readonly [string, readonly EntityType[]];

export function expectFound([text, type, value]: Positive): void {
  const ents = detectPatterns(text);
  const hit = ents.find((e) => e.type === type && e.text === value);
  expect(
    hit,
    `${type} "${value}" in ${JSON.stringify(text)}; got ${JSON.stringify(ents.map((e) => [e.type, e.text, e.score]))}`,
  ).toBeDefined();
}

/** The value is covered by some reported entity (of any type): it would not leave verbatim. */
export function expectCovered(text: string, value: string): void {
  const ents = detectPatterns(text);
  const at = text.indexOf(value);
  expect(at, `value ${JSON.stringify(value)} not in text`).toBeGreaterThanOrEqual(0);
  const covered = ents.some((e) => e.start <= at && e.end >= at + value.length);
  expect(
    covered,
    `"${value}" not covered in ${JSON.stringify(text)}; got ${JSON.stringify(ents.map((e) => [e.type, e.text]))}`,
  ).toBe(true);
}

export function expectNotFound([text, types]: Negative): void {
  const ents = detectPatterns(text).filter((e) => types.includes(e.type));
  expect(
    ents.map((e) => [e.type, e.text]),
    JSON.stringify(text),
  ).toEqual([]);
}

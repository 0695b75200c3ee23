/**
 * Gazetteer lookup used as a model feature: each token gets a class (0 none, 1 given name,
 * 2 family name, 3 place, 4 organisation word). Case-insensitive; the shape feature carries case.
 * Only single-word entries are used, so "New" (of "New York") is not flagged.
 */
import {
  CITIES,
  FIRST_NAMES,
  KNOWN_ORGS,
  LAST_NAMES,
  ORG_SUFFIXES,
  REGIONS,
} from './gazetteer-data';

export const GAZ_CLASSES = 5;

let table: Map<string, number> | null = null;

function build(): Map<string, number> {
  const m = new Map<string, number>();
  const add = (words: readonly string[], cls: number) => {
    for (const w of words) {
      if (/\s/.test(w)) continue;
      const k = w.toLowerCase();
      if (!m.has(k)) m.set(k, cls);
    }
  };
  // priority: places and organisations before names (e.g. "Paris" is a place first)
  add([...CITIES, ...REGIONS], 3);
  add([...KNOWN_ORGS, ...Object.values(ORG_SUFFIXES).flat()], 4);
  add(FIRST_NAMES, 1);
  add(LAST_NAMES, 2);
  return m;
}

export function gazetteerClass(word: string): number {
  table ??= build();
  return table.get(word.toLowerCase()) ?? 0;
}

/**
 * Name pools for synthetic training text, wider than the run-time gazetteer's hand lists:
 * faker's given/family names of 45 locales, @cspell/dict-people-names (parts of names from many
 * cultures), @stdlib's English given names, and names invented by a character model trained on
 * all of them (spellings no list has). Latin script only (the registers are European languages).
 * Names that occur in the project's evaluation text (bench/data/hearth_*.jsonl) are removed, so
 * that the evaluation measures names the training text never showed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import LISTS from '../src/core/pii/ner/gazetteer-lists.json';
import { FIRST_NAMES, LAST_NAMES } from './gazetteers.ts';
import { FAKER_FIRST_NAMES, FAKER_LAST_NAMES } from './faker-data.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const LATIN = /^[\p{Script=Latin}\p{M}'’-]{2,}$/u;

/** Lower-cased words inside gold spans of the evaluation files. */
export function evaluationWords(): Set<string> {
  const dir = path.resolve(here, '..', 'bench', 'data');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => /^hearth_.*\.jsonl$/.test(x))) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { text: string; spans: { start: number; end: number }[] };
      for (const s of r.spans)
        for (const w of r.text.slice(s.start, s.end).split(/[^\p{L}\p{M}'’-]+/u))
          if (w) out.add(w.toLowerCase().replace(/['’]s$/u, ''));
    }
  }
  return out;
}

const EVAL = evaluationWords();
const cap = (w: string) =>
  w
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('-');
const clean = (xs: Iterable<string>): string[] => {
  const out = new Set<string>();
  for (const x of xs) {
    const w = x.trim();
    if (LATIN.test(w) && !EVAL.has(w.toLowerCase())) out.add(/\p{Lu}/u.test(w) ? w : cap(w));
  }
  return [...out].sort();
};

export const GIVEN = clean([...FIRST_NAMES, ...FAKER_FIRST_NAMES.flat(), ...LISTS.firstEn]);
export const FAMILY = clean([...LAST_NAMES, ...FAKER_LAST_NAMES.flat()]);
/** cspell's people names: given or family, from many traditions. */
export const ANY_NAME = clean(LISTS.names);

/**
 * An order-3 character model over all the pools: invents name-like words ("Valkonen",
 * "Oyelaran"-like spellings) that are in no list, so the model cannot learn names as a list.
 */
export function nameInventor(rnd: () => number): () => string {
  const ORDER = 3;
  const next = new Map<string, string[]>();
  const known = new Set<string>();
  for (const n of [...GIVEN, ...FAMILY, ...ANY_NAME]) {
    const w = n.toLowerCase();
    if (w.includes('-') || w.includes("'")) continue;
    known.add(w);
    const p = `${'^'.repeat(ORDER)}${w}$`;
    for (let i = ORDER; i < p.length; i++) {
      const k = p.slice(i - ORDER, i);
      const a = next.get(k) ?? [];
      a.push(p.charAt(i));
      next.set(k, a);
    }
  }
  return () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      let w = '';
      let k = '^'.repeat(ORDER);
      for (let i = 0; i < 14; i++) {
        const opts = next.get(k);
        if (!opts) break;
        const c = opts[Math.floor(rnd() * opts.length)] ?? '$';
        if (c === '$') break;
        w += c;
        k = (k + c).slice(-ORDER);
      }
      if (w.length >= 4 && w.length <= 13 && !known.has(w) && !EVAL.has(w)) return cap(w);
    }
    return 'Valdor';
  };
}

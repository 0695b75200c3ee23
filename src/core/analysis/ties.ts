/**
 * Is a place, an organisation or a date about a person, or about the world? Pure; linear in the
 * text (one scan per list and language, a binary search per entity).
 *
 * "What is the capital of Australia?" is about the world: Australia is sent as written. "I live in
 * Lisbon", "my employer is Siemens", "her appointment on 3 May 2025" tie the value to a person: it
 * is personal. A value is tied when its sentence
 * - names or identifies someone (a PERSON, email, phone, ID… entity), or
 * - holds a word of its kind (lexicon/ties.ts: "live", "employer", "appointment"…) that an anchor
 *   ties to a person (context.ts: "I", "my", "she", "ich", "mi"…; "I want to know…" is neutral),
 *   or that a possessive just before owns ("my company", "a minha empresa"), or
 * - holds a verb form that names the speaker by itself ("Vivo en…", "Trabalho na…", "Ich wohne…").
 * Recall first: a value is kept as written only when nothing of this is found.
 * A year or a month on its own ("2015", "March 2020", "Monday") identifies no one and never counts.
 */
import type { Entity, EntityType } from '../pii';
import { IDENTIFYING, foldForLexicon } from './categories';
import { TextContext } from './context';
import { plausibleLanguages } from './language';
import { POSSESSIVES } from './lexicon/anchors';
import { DATE_TIES, ORGANISATION_TIES, PLACE_TIES, SELF_TIES } from './lexicon/ties';
import { compilePerLang, findIn, type PerLangRegExp } from './terms';

/** Entity types whose sensitivity depends on what the text says about them. */
export const CONTEXTUAL_TYPES: ReadonlySet<EntityType> = new Set([
  'LOCATION',
  'ORGANIZATION',
  'DATE',
]);

const TIES: Record<string, PerLangRegExp> = {
  LOCATION: compilePerLang(PLACE_TIES),
  ORGANIZATION: compilePerLang(ORGANISATION_TIES),
  DATE: compilePerLang(DATE_TIES),
};
const SELF = compilePerLang(SELF_TIES);
const OWNED = compilePerLang(POSSESSIVES);
/** How many words a possessive may stand before the word it owns ("my previous employer"). */
const OWNER_REACH = 2;

/** What the analysis concluded about one place, organisation or date. */
export interface EntityTie {
  /** Index into the entities given. */
  index: number;
  tied: boolean;
  /** In words, for the decision's reasons. */
  why: string;
}

/** A date without a day: a year, a month and year, a weekday. */
function coarseDate(value: string): boolean {
  return !/\d/.test(value.replace(/(?<!\d)\d{4}(?!\d)/g, ''));
}

/**
 * The text folded as the lexicon sees it, with the folded position of each given offset (folding
 * may change lengths: NFKC, removed format characters). Each piece between two offsets is folded
 * on its own, so the whole costs one pass.
 */
function foldWithOffsets(text: string, offsets: readonly number[]): [string, Map<number, number>] {
  const points = [...new Set([0, ...offsets, text.length])].sort((a, b) => a - b);
  const at = new Map<number, number>();
  let folded = '';
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as number;
    at.set(p, folded.length);
    const next = points[i + 1];
    if (next !== undefined) folded += foldForLexicon(text.slice(p, next));
  }
  return [folded, at];
}

/** A tie for each place, organisation and date among `entities` (others are left out). */
export function tieEntities(text: string, entities: readonly Entity[]): EntityTie[] {
  const contextual = entities
    .map((e, index) => ({ e, index }))
    .filter(({ e }) => CONTEXTUAL_TYPES.has(e.type));
  if (contextual.length === 0) return [];
  const [folded, at] = foldWithOffsets(
    text,
    entities.map((e) => e.start),
  );
  const langs = plausibleLanguages(folded);
  const ctx = new TextContext(folded, langs);
  const sentenceOf = (e: Entity) => ctx.sentenceOf(at.get(e.start) ?? 0);
  const identified = new Set(entities.filter((e) => IDENTIFYING.has(e.type)).map(sentenceOf));
  // Possessives by word index, to see whether one owns a tie word ("my employer").
  const owners = new Set<number>();
  for (const hit of findIn(OWNED, langs, folded)) owners.add(ctx.wordOf(hit.start));
  const owned = (pos: number): boolean => {
    const w = ctx.wordOf(pos);
    for (let d = 1; d <= OWNER_REACH; d++) if (owners.has(w - d)) return true;
    return false;
  };
  // Sentences where a verb form names the speaker: every kind is tied there.
  const selfIn = new Map<number, string>();
  for (const hit of findIn(SELF, langs, folded)) {
    const s = ctx.sentenceOf(hit.start);
    if (!selfIn.has(s)) selfIn.set(s, hit.text.toLowerCase());
  }
  // The sentences where a word of each kind is tied to a person, with that word.
  const tiedBy = new Map<string, Map<number, string>>();
  for (const type of new Set(contextual.map(({ e }) => e.type))) {
    const words = new Map<number, string>();
    const re = TIES[type];
    if (re)
      for (const hit of findIn(re, langs, folded)) {
        const s = ctx.sentenceOf(hit.start);
        if (!words.has(s) && (ctx.anchored(hit) || owned(hit.start)))
          words.set(s, hit.text.toLowerCase());
      }
    tiedBy.set(type, words);
  }
  return contextual.map(({ e, index }) => {
    if (e.type === 'DATE' && coarseDate(text.slice(e.start, e.end)))
      return { index, tied: false, why: 'a year or month alone identifies no one' };
    const s = sentenceOf(e);
    if (identified.has(s))
      return { index, tied: true, why: 'its sentence names or identifies someone' };
    const self = selfIn.get(s);
    if (self !== undefined)
      return { index, tied: true, why: `"${self}" says it is about the writer` };
    const word = tiedBy.get(e.type)?.get(s);
    if (word !== undefined) return { index, tied: true, why: `"${word}" ties it to a person` };
    return { index, tied: false, why: 'about the world, not about a person' };
  });
}

/**
 * Regulated and internal content categories, from the text and the detector's entities. Pure and
 * synchronous; linear in the text (see terms.ts for why).
 *
 * - A category's strong phrase counts unless its sentence is a general question with nothing
 *   personal in it ("How does a disciplinary hearing work?").
 * - A topic word counts when the text names or identifies someone (a PERSON, email, ID… entity),
 *   or when an anchor ties it to a person in its sentence (context.ts): "my insomnia",
 *   "ich habe Panikattacken", "tengo ataques de pánico", "the patient reports low mood".
 * - Children: a child word tied to a real child, plus a record about them (grades, custody,
 *   protection case), their age or a health hit.
 * - Internal markers ("confidential") count on their own.
 */
import type { Entity, EntityType } from '../pii';
import type { Category } from '../policy/schema';
import { TextContext } from './context';
import { plausibleLanguages } from './language';
import {
  AGE,
  BRACKETED_AGE,
  CHILD_CASES,
  CHILD_RECORDS,
  CHILD_WORDS,
  INTERNAL_MARKERS,
  LANGS,
  LEXICON,
  flat,
  type Lang,
} from './lexicon';
import {
  WORD_END,
  WORD_START,
  compileGroups,
  compilePerLang,
  hitsByList,
  findIn,
  type TermHit,
} from './terms';

/** Evidence for one recognised category: the words that triggered it. */
export interface CategoryHit {
  category: Category;
  /** The matched words, lower-cased (at most 3). */
  terms: string[];
  /** Who recognised it: the lexicon (default) or the local model's second opinion. */
  source?: 'lexicon' | 'local-model';
}

// Strong phrases are long enough not to collide across languages: one scan for all of them.
// Topic, child and record words are short: only the text's languages' lists are used.
const CATEGORIES = Object.keys(LEXICON) as (keyof typeof LEXICON)[];
/** Every category's strong phrases, then the internal markers, in one scan. */
const STRONG = compileGroups([...CATEGORIES.map((c) => flat(LEXICON[c].strong)), INTERNAL_MARKERS]);
const TOPIC = Object.fromEntries(
  CATEGORIES.map((c) => [c, compilePerLang(LEXICON[c].topic)]),
) as Record<(typeof CATEGORIES)[number], ReturnType<typeof compilePerLang>>;
const CHILD_RE = compilePerLang(CHILD_WORDS);
const CHILD_CASE_RE = compilePerLang(CHILD_CASES);
const CHILD_RECORD_RE = compilePerLang(
  Object.fromEntries(LANGS.map((l) => [l, [...CHILD_RECORDS[l], ...CHILD_CASES[l]]])) as Record<
    (typeof LANGS)[number],
    string[]
  >,
);
const AGE_RE = new RegExp(`${WORD_START}${AGE}${WORD_END}|${BRACKETED_AGE}`, 'iu');

/** Entity types that tie a text to a specific person (also used by ties.ts). */
export const IDENTIFYING: ReadonlySet<EntityType> = new Set([
  'PERSON',
  'EMAIL',
  'PHONE',
  'NATIONAL_ID',
  'IBAN',
  'CREDIT_CARD',
  'DATE_OF_BIRTH',
  'ADDRESS',
  'ID_NUMBER',
  'USERNAME',
]);

const MAX_TERMS = 3;

// Format characters (soft hyphen, zero-width, bidi, tags) and variation selectors are removed;
// curly and modifier apostrophes become "'", so "I’m" and "d’angoisse" match the lists.
const INVISIBLE = /[\p{Cf}\u034f\u180b-\u180d\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u00b4`]/g;

/**
 * The text as the lexicon sees it: NFKC (fullwidth letters, ligatures, compatibility spaces),
 * without invisible characters, with one apostrophe. Offsets are not kept: categories report
 * words, not positions.
 */
export function foldForLexicon(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(APOSTROPHES, "'");
}

/** Up to `max` hits that pass `keep`, stopping early (the scan stops with them). */
function kept(hits: Iterable<TermHit>, keep: (h: TermHit) => boolean, max: number): TermHit[] {
  const out: TermHit[] = [];
  for (const h of hits) {
    if (out.length >= max) break;
    if (keep(h)) out.push(h);
  }
  return out;
}

/** Distinct matched words, lower-cased; a word inside one already listed adds nothing. */
function words(hits: readonly TermHit[], max = MAX_TERMS): string[] {
  const out: string[] = [];
  for (const h of hits) {
    const w = h.text.toLowerCase();
    if (!out.some((o) => o.includes(w))) out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * Children's data: a word for a child tied to a real child plus a record, an age or a health hit;
 * or a case that is about a child by nature (custody, protection) tied to a real person.
 */
function childrensData(
  t: string,
  langs: readonly Lang[],
  identified: boolean,
  context: () => TextContext,
  hits: readonly CategoryHit[],
): CategoryHit | null {
  const tied = (h: TermHit) => identified || context().anchored(h);
  const child = kept(findIn(CHILD_RE, langs, t), tied, 2);
  if (child.length) {
    const age = AGE_RE.exec(t)?.[0];
    const record = kept(findIn(CHILD_RECORD_RE, langs, t), () => true, 1);
    const health = hits.some((h) => h.category === 'health');
    if (age || record.length || health)
      return {
        category: 'children',
        terms: [...words(child, 2), ...(age ? [age.toLowerCase()] : []), ...words(record, 1)],
      };
  }
  const cases = kept(findIn(CHILD_CASE_RE, langs, t), tied, 1);
  return cases.length ? { category: 'children', terms: words(cases, 1) } : null;
}

/** Regulated and internal categories, with context (see the module comment). */
export function recognizeCategories(text: string, entities: readonly Entity[]): CategoryHit[] {
  const t = foldForLexicon(text);
  const identified = entities.some((e) => IDENTIFYING.has(e.type));
  const langs = plausibleLanguages(t);
  let ctx: TextContext | undefined;
  const context = (): TextContext => (ctx ??= new TextContext(t, langs));
  const strongs = hitsByList(STRONG, CATEGORIES.length + 1, t);
  const hits: CategoryHit[] = [];
  CATEGORIES.forEach((category, i) => {
    const strong = kept(
      strongs[i] as TermHit[],
      (h) => identified || !context().generalQuestion(h),
      MAX_TERMS,
    );
    const topic = kept(
      findIn(TOPIC[category], langs, t),
      (h) => identified || context().anchored(h),
      MAX_TERMS,
    );
    if (strong.length || topic.length) hits.push({ category, terms: words([...strong, ...topic]) });
  });
  const children = childrensData(t, langs, identified, context, hits);
  if (children) hits.push(children);
  const internal = strongs[CATEGORIES.length] as TermHit[];
  if (internal.length) hits.push({ category: 'internal', terms: words(internal) });
  return hits;
}

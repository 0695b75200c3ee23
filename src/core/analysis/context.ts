/**
 * Where things are in a text, in sentences and words, and whether a lexicon hit is tied to a real
 * person. Pure; linear in the text (one scan per list and language, binary searches per hit).
 */
import {
  ARTEFACTS,
  DOCUMENT,
  GENERAL,
  GENERIC_DETERMINERS,
  LANGS,
  NEUTRAL,
  PERSON_NOUNS,
  POSSESSIVES,
  ROLES,
  SUBJECTS,
  WE,
  type Lang,
  type PerLang,
} from './lexicon';
import { BREAK_RE, wordStarts } from './sentences';
import {
  MAX_SEPARATE_LANGS,
  WORD_END,
  WORD_START,
  byFirstLetter,
  compileTerm,
  type TermHit,
} from './terms';

/** A possessive anchors a topic word at most this many words after it ("my recent panic attacks"). */
export const POSSESSIVE_REACH = 3;
/** …or this many words before it, as the object of a verb ("garnished my wages", "penhorou o meu"). */
export const POSSESSIVE_BACK = 2;
/** A subject, role or person noun anchors a topic word this many words away, either side. */
export const SUBJECT_REACH = 12;

const alt = (terms: readonly string[]) =>
  byFirstLetter(terms.map((t) => compileTerm(t).source)).join('|');

/**
 * One scan per sentence and language finds what the sentence holds, in this order of preference
 * at a position: group 1, a general-question marker ("what is", "explain"); group 2, a neutral
 * construction, which hides the subject it starts with ("I want to learn…"); group 3, a possessive
 * followed by a person noun ("my sister", "mi exmujer"; group 4 is the noun, which then acts as a
 * subject); group 5, a possessive followed by an artefact ("my essay"), which is no anchor; group
 * 6, a possessive alone; group 7, "we"; group 8, a subject; group 9, a role not made generic by
 * the word before it; group 10, a word pointing at a document ("these", "the following").
 */
function sentenceRe(l: Lang | readonly Lang[]): RegExp {
  const ls = typeof l === 'string' ? [l] : l;
  const list = (p: PerLang) => alt(ls.flatMap((x) => p[x]));
  const poss = list(POSSESSIVES);
  const between = '(?: \\p{L}{1,24})?';
  return new RegExp(
    `${WORD_START}(?:(${list(GENERAL)})|(${list(NEUTRAL)})|` +
      `((?:${poss})${between} ((?:ex-?|eks)?(?:${list(PERSON_NOUNS)})))|` +
      `((?:${poss})${between} (?:${list(ARTEFACTS)}))|(${poss})|` +
      `(${list(WE)})|(${list(SUBJECTS)})|` +
      `(?<!${WORD_START}(?:${list(GENERIC_DETERMINERS)}) )(${list(ROLES)})|` +
      `(${list(DOCUMENT)}))${WORD_END}`,
    'giu',
  );
}
const SENTENCE_RE = Object.fromEntries(LANGS.map((l) => [l, sentenceRe(l)])) as Record<
  Lang,
  RegExp
>;
/** For a text in more than MAX_SEPARATE_LANGS languages: every language's lists at once. */
const ANY_SENTENCE_RE = sentenceRe(LANGS);

/** A possessive reaches forward only; "we" does not count in a general question. */
type AnchorKind = 'possessive' | 'we' | 'subject';

interface Anchor {
  pos: number;
  word: number;
  kind: AnchorKind;
}

function starts(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The number of elements of the sorted array that are <= x. */
function rank(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What one sentence holds: its anchors (in text order) and whether it is a general question. */
interface Sentence {
  anchors: Anchor[];
  anchored: boolean;
  general: boolean;
}

/**
 * A text's sentences and words, and what the sentences that hold a lexicon hit contain, in the
 * given languages. Sentences are analysed on demand, so that a request pays only for the sentences
 * with a regulated word in them.
 */
export class TextContext {
  private readonly wordStarts: Int32Array;
  private readonly breaks: Int32Array;
  private readonly sentences = new Map<number, Sentence>();
  private readonly scans: readonly RegExp[];

  constructor(
    private readonly text: string,
    private readonly langs: readonly Lang[],
  ) {
    this.wordStarts = wordStarts(text);
    this.breaks = Int32Array.from(starts(BREAK_RE, text));
    this.scans =
      langs.length > MAX_SEPARATE_LANGS ? [ANY_SENTENCE_RE] : langs.map((l) => SENTENCE_RE[l]);
  }

  /** The index of the sentence that holds position `pos` (sentences are numbered from 0). */
  sentenceOf(pos: number): number {
    return rank(this.breaks, pos - 1);
  }

  /** The index of the word that holds position `pos`. */
  wordOf(pos: number): number {
    return rank(this.wordStarts, pos);
  }

  /** The sentence's span: from after the previous break to the next break. */
  private bounds(sentence: number): [number, number] {
    const from = sentence === 0 ? 0 : (this.breaks[sentence - 1] as number) + 1;
    const to = sentence < this.breaks.length ? (this.breaks[sentence] as number) : this.text.length;
    return [from, to];
  }

  private sentence(index: number): Sentence {
    const known = this.sentences.get(index);
    if (known) return known;
    const { text, langs } = this;
    const [from, to] = this.bounds(index);
    // The scan runs on a prefix that ends with the sentence, so that it stops there.
    const scanned = text.slice(0, to);
    let general = false;
    let document = false;
    const anchors: Anchor[] = [];
    for (const re of this.scans) {
      re.lastIndex = from;
      for (let m = re.exec(scanned); m !== null; m = re.exec(scanned)) {
        if (m[1] !== undefined) general = true;
        else if (m[10] !== undefined) document = true;
        else if (m[2] !== undefined || m[5] !== undefined)
          continue; // "I want to learn…", "my essay"
        // English "I" is written in capitals; a lower-case "i" in a Danish or Swedish text is "in".
        else if (m[8] === 'i' && (langs.includes('da') || langs.includes('sv'))) continue;
        else {
          const pos = m[4] !== undefined ? m.index + m[0].length - m[4].length : m.index;
          const kind: AnchorKind =
            m[6] !== undefined ? 'possessive' : m[7] !== undefined ? 'we' : 'subject';
          anchors.push({ pos, word: this.wordOf(pos), kind });
        }
      }
    }
    if (this.scans.length > 1) anchors.sort((a, b) => a.pos - b.pos);
    // "we" is generic in a general question ("Why do we dream?").
    const kept = general ? anchors.filter((a) => a.kind !== 'we') : anchors;
    const s: Sentence = { anchors: kept, anchored: kept.length > 0 || document, general };
    this.sentences.set(index, s);
    return s;
  }

  /** Is the hit near an anchor in its sentence (a possessive just before or after, a subject either side)? */
  anchored(hit: TermHit): boolean {
    const { anchors } = this.sentence(this.sentenceOf(hit.start));
    const word = this.wordOf(hit.start);
    // Anchors are in text order, so their word indices are sorted: look only at the window.
    let lo = 0;
    let hi = anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((anchors[mid] as Anchor).word < word - SUBJECT_REACH) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < anchors.length; i++) {
      const a = anchors[i] as Anchor;
      if (a.word > word + SUBJECT_REACH) break;
      const d = word - a.word;
      if (a.kind !== 'possessive' || (d >= -POSSESSIVE_BACK && d <= POSSESSIVE_REACH && d !== 0))
        return true;
    }
    return false;
  }

  /** A general question with nothing personal in it ("How does a disciplinary hearing work?"). */
  generalQuestion(hit: TermHit): boolean {
    const s = this.sentence(this.sentenceOf(hit.start));
    return s.general && !s.anchored;
  }
}

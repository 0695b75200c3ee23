/**
 * Turns the model's decoded spans into the entities that get redacted: per-type cut-offs, a
 * stop-list, spans split at line breaks, names completed where the model stopped short (a
 * following surname, a middle initial, particles, organisation heads such as "Bank of"), and
 * every later mention of a tagged name tagged too. Everything here is linear in the number of
 * tokens (a 1 MB text must not stall the analysis worker).
 */
import type { Entity, EntityType } from '../types';
import type { Token } from './features';
import { commonClass, isOrdinaryNameWord } from './common-words';
import { gazetteerClass } from './gazetteer';
import { CUTOFFS, type Cutoffs } from './cutoffs';
import { isStopWord, isAmbiguousName, isCalendarWord } from './stoplist';
import { isTechName } from './tech-names';

/** A decoded span over tokens [first, last] with the mean probability of its type. */
export interface RawSpan {
  type: EntityType;
  first: number;
  last: number;
  score: number;
}

/** Per-token probability of each entity type (B- plus I-), over the whole text's tokens. */
export interface TypeProbs {
  PERSON: Float32Array;
  LOCATION: Float32Array;
  ORGANIZATION: Float32Array;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}'’-]+$|^\p{Lu}[\p{Ll}\p{M}]*\p{Lu}[\p{Ll}\p{M}]+$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const POSSESSIVE = /^['’][sS]$/u;
/** Lower-case name particles and connectors that sit inside names (en, de, nl, pt, es, fr, sv, da, ar). */
const PARTICLES = new Set(
  'van von der den de del della di da das do dos du la le ter ten af zu y e bin ibn al el ben'.split(
    ' ',
  ),
);
/** Heads that make "<Head> of X" / "<Head> de X" / "<Head> X" an organisation. */
const ORG_HEADS = new Set(
  (
    'bank banco banca caixa caja sparkasse volksbank raiffeisenbank stadtwerke university universidad ' +
    'universidade université universität universitet universiteit college school museum port ministry ' +
    'department bureau office council church hospital institute board commission agency authority ' +
    'federation association society club kommune kommun region gemeente câmara ayuntamiento mairie ' +
    'crédit cámara prefeitura'
  ).split(' '),
);
const ORG_CONNECTORS = new Set(['of', 'de', 'do', 'da', 'del', 'des', 'du', 'van', 'für', 'for']);

/** Whitespace only, and no line break, between two tokens. */
function sameLineAdjacent(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return gap.length > 0 && gap.length <= 3 && /^[ \t\u00a0]+$/u.test(gap);
}

function crossesLine(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return gap.includes('\n') || gap.includes('\r');
}

const SENT_END = new Set(['.', '!', '?', '…', ':', '"', '“', '„', '«', '(', '-', '–', '*', '>']);
function sentenceStart(text: string, tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const cur = tokens[i];
  if (!prev || !cur) return true;
  return SENT_END.has(prev.text) || crossesLine(text, prev, cur);
}

function meanProb(p: Float32Array, first: number, last: number): number {
  let s = 0;
  for (let i = first; i <= last; i++) s += p[i] ?? 0;
  return s / (last - first + 1);
}

/** Abbreviations whose full stop does not end a sentence inside a name ("Dr.", "St.", "Inc."). */
const ABBREVIATIONS = new Set(
  'dr dra mr mrs ms mme mlle sr sra srta st ste jr prof inc ltd co corp bros hr fr nr mt ft no'.split(
    ' ',
  ),
);

/**
 * Does a sentence end between tokens i and i + 1? A full stop, "!" or "?" after a word that is
 * not an initial or an abbreviation ("… das Archivo. La Dirección …": the model ran on).
 */
function sentenceBreak(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]?.text ?? '';
  if (t !== '.' && t !== '!' && t !== '?' && t !== '…') return false;
  const prev = tokens[i - 1]?.text ?? '';
  return prev.length > 1 && !ABBREVIATIONS.has(prev.toLowerCase());
}

/**
 * Splits spans at line breaks (a list of names, a speaker label and the next line) and at the end
 * of a sentence.
 */
function splitLines(text: string, tokens: readonly Token[], spans: RawSpan[], probs: TypeProbs) {
  const out: RawSpan[] = [];
  for (const s of spans) {
    let start = s.first;
    for (let i = s.first; i < s.last; i++) {
      const a = tokens[i];
      const b = tokens[i + 1];
      if (a && b && (crossesLine(text, a, b) || sentenceBreak(tokens, i))) {
        out.push({
          ...s,
          first: start,
          last: i,
          score: meanProb(probs[s.type as keyof TypeProbs], start, i),
        });
        start = i + 1;
      }
    }
    out.push(
      start === s.first
        ? s
        : {
            ...s,
            first: start,
            last: s.last,
            score: meanProb(probs[s.type as keyof TypeProbs], start, s.last),
          },
    );
  }
  return out;
}

const LOWER_WORD = /^[\p{Ll}\p{M}'’-]+$/u;

/**
 * Trims punctuation and a trailing possessive "'s" off a span, and the lower-case words it opens
 * with ("la livraison de Leroy Merlin", "von Möbel Kraft", "la Mairie"), except a name particle
 * that comes right before a capitalised word ("de Vries", "van Dijk"); null when nothing is left.
 */
function trim(tokens: readonly Token[], s: RawSpan): RawSpan | null {
  let f = s.first;
  let l = s.last;
  while (f <= l && !WORDLIKE.test(tokens[f]?.text ?? '')) f++;
  // only when a capitalised word follows: an all-lower-case span ("ask marta") is left whole
  let cap = f;
  while (cap <= l && !/^\p{Lu}/u.test(tokens[cap]?.text ?? '')) cap++;
  if (cap <= l) {
    while (f < cap && LOWER_WORD.test(tokens[f]?.text ?? '')) {
      const t = (tokens[f]?.text ?? '').toLowerCase();
      if (s.type === 'PERSON' && PARTICLES.has(t) && !LOWER_WORD.test(tokens[f + 1]?.text ?? ''))
        break;
      f++;
    }
  }
  while (
    l >= f &&
    (!WORDLIKE.test(tokens[l]?.text ?? '') || POSSESSIVE.test(tokens[l]?.text ?? ''))
  )
    l--;
  return f <= l ? { ...s, first: f, last: l } : null;
}

function keep(text: string, tokens: readonly Token[], s: RawSpan, cut: Cutoffs): boolean {
  const minScore = cut[s.type as keyof Cutoffs] ?? cut.PERSON;
  if (s.score < minScore) return false;
  const words: string[] = [];
  for (let i = s.first; i <= s.last; i++) {
    const t = tokens[i]?.text ?? '';
    if (WORDLIKE.test(t)) words.push(t);
  }
  if (words.length === 0 || !words.some((w) => /\p{L}/u.test(w))) return false;
  if (words.length === 1) {
    const w = words[0] ?? '';
    if (isCalendarWord(w)) return false;
    // a lone lower-case word: lower-case names exist in chat, but most such hits are common words
    if (w === w.toLowerCase() && s.score < cut.lowercase) return false;
    // "Will post it", "Hope that helps", "Mark the thread": a name-like common word opening a
    // sentence and followed by a lower-case word is the common word
    const next = tokens[s.last + 1]?.text ?? '';
    const opensSentence = sentenceStart(text, tokens, s.first) && /^\p{Ll}/u.test(next);
    if (opensSentence && isAmbiguousName(w) && s.score < cut.ambiguous) return false;
    // any other capitalised word opening a sentence is most often just that ("Nothing", "Depois")
    // unless a list knows it as a name or place
    if (opensSentence && s.score < cut.initial) {
      const cls = gazetteerClass(w);
      if (cls === 0 || cls === 4) return false;
    }
    // a frequent word of one of the 8 languages that no name or place list knows ("Küche",
    // "Equipo", "Arquivo", "ja"): the model takes capitalised nouns of languages it has little
    // text for for names
    if (s.type === 'PERSON' && s.score < cut.common && frequentNonName(w, cut)) return false;
  }
  // nationality, religion and ideology words, job titles, headings, acronyms like ASAP/USD
  if (words.every((w) => isStopWord(w))) return false;
  // "Python", "Kotlin", "Rust": a programming language, not a person
  if (s.type === 'PERSON' && words.every((w) => isTechName(w))) return false;
  return true;
}

/**
 * Is w a frequent word (up to the band cut.commonBand) that no name or place list knows? An
 * acronym in capitals ("PP", "ASAP") is not judged by its lower-case twin.
 */
function frequentNonName(w: string, cut: Cutoffs): boolean {
  if (w.length > 1 && w === w.toUpperCase()) return false;
  const band = commonClass(w);
  if (band === 0 || band > cut.commonBand) return false;
  const cls = gazetteerClass(w);
  return cls === 0 || cls === 4;
}

/** Is token i a plausible continuation of a person name? */
function nameLike(tokens: readonly Token[], i: number, probs: TypeProbs, cut: Cutoffs): boolean {
  const t = tokens[i]?.text ?? '';
  if (!CAPITALISED.test(t) && !(t.length > 1 && t === t.toUpperCase() && /^\p{Lu}+$/u.test(t)))
    return false;
  if (isStopWord(t) || isCalendarWord(t)) return false;
  const cls = gazetteerClass(t);
  return cls === 1 || cls === 2 || (probs.PERSON[i] ?? 0) >= cut.continuation;
}

/**
 * Completes PERSON spans: a following capitalised surname, a middle initial ("Tomas J. Brekke"),
 * a leading initial ("S. Rautio"), particles and connectors ("Marguerite de la Haye", "Pieter
 * van den Broecke"). Only on the same line.
 */
function completePerson(
  text: string,
  tokens: readonly Token[],
  s: RawSpan,
  probs: TypeProbs,
  cut: Cutoffs,
): RawSpan {
  let { first, last } = s;
  const tok = (i: number) => tokens[i];
  const adj = (i: number, j: number) => {
    const a = tok(i);
    const b = tok(j);
    return !!a && !!b && sameLineAdjacent(text, a, b);
  };
  const touching = (i: number, j: number) => {
    const a = tok(i);
    const b = tok(j);
    return !!a && !!b && a.end === b.start;
  };
  for (let step = 0; step < 4; step++) {
    const n = last + 1;
    const t = tok(n)?.text ?? '';
    // middle initial: "J ." then a capitalised word
    if (SINGLE_CAPITAL.test(t) && adj(last, n) && tok(n + 1)?.text === '.' && touching(n, n + 1)) {
      if (adj(n + 1, n + 2) && nameLike(tokens, n + 2, probs, { ...cut, continuation: 0 })) {
        last = n + 2;
        continue;
      }
      break;
    }
    // particles: up to two, then a capitalised word
    if (PARTICLES.has(t.toLowerCase()) && adj(last, n)) {
      let k = n;
      while (k < n + 2 && PARTICLES.has((tok(k + 1)?.text ?? '').toLowerCase()) && adj(k, k + 1))
        k++;
      if (
        adj(k, k + 1) &&
        CAPITALISED.test(tok(k + 1)?.text ?? '') &&
        !isStopWord(tok(k + 1)?.text ?? '')
      ) {
        last = k + 1;
        continue;
      }
      break;
    }
    if (adj(last, n) && nameLike(tokens, n, probs, cut)) {
      last = n;
      continue;
    }
    break;
  }
  // a leading initial: "S . Rautio"
  const p = first - 1;
  if (
    tok(p)?.text === '.' &&
    SINGLE_CAPITAL.test(tok(p - 1)?.text ?? '') &&
    touching(p - 1, p) &&
    adj(p, first)
  )
    first = p - 1;
  return { ...s, first, last };
}

/** "Bank of Aldmoor", "Universidade de Coimbra", "Sparkasse Ostholstein": the head is part of it. */
function completeOrg(text: string, tokens: readonly Token[], s: RawSpan): RawSpan {
  const f = s.first;
  const a = tokens[f - 1];
  const b = tokens[f - 2];
  const cur = tokens[f];
  if (!a || !cur) return s;
  if (ORG_CONNECTORS.has(a.text.toLowerCase()) && b && ORG_HEADS.has(b.text.toLowerCase())) {
    if (/^\p{Lu}/u.test(b.text) && sameLineAdjacent(text, b, a) && sameLineAdjacent(text, a, cur))
      return { ...s, first: f - 2, type: 'ORGANIZATION' };
  }
  if (
    ORG_HEADS.has(a.text.toLowerCase()) &&
    /^\p{Lu}/u.test(a.text) &&
    sameLineAdjacent(text, a, cur)
  )
    return { ...s, first: f - 1, type: 'ORGANIZATION' };
  return s;
}

/** Overlapping spans after completion: the earlier-starting, then longer, one wins. */
function dropOverlaps(spans: RawSpan[]): RawSpan[] {
  const sorted = [...spans].sort(
    (x, y) => x.first - y.first || y.last - x.last || y.score - x.score,
  );
  const out: RawSpan[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && s.first <= prev.last) {
      // two PERSON spans that now touch become one name
      if (prev.type === 'PERSON' && s.type === 'PERSON') prev.last = Math.max(prev.last, s.last);
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

/** Adjacent PERSON spans on one line ("Ines" + "Valkonen", split by the decoder) become one. */
function mergeAdjacentPersons(text: string, tokens: readonly Token[], spans: RawSpan[]): RawSpan[] {
  const out: RawSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    const a = prev ? tokens[prev.last] : undefined;
    const b = tokens[s.first];
    if (
      prev &&
      a &&
      b &&
      prev.type === 'PERSON' &&
      s.type === 'PERSON' &&
      prev.last + 1 === s.first &&
      sameLineAdjacent(text, a, b)
    ) {
      prev.score = Math.max(prev.score, s.score);
      prev.last = s.last;
    } else out.push({ ...s });
  }
  return out;
}

const NAME_PART = /^\p{Lu}[\p{L}\p{M}'’-]{2,}$/u;
const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const lowerWords = (ws: string[]) => ws.map((w) => w.toLowerCase());

/**
 * Consistency within one text, in one pass over the tokens: a string tagged once is tagged at
 * its other mentions (same case, or in capitals), and so are the parts of a multi-word PERSON
 * ("McDowell" after "Adam McDowell") and their genitive ("Rüdigers" after "Rüdiger").
 * Occurrences already inside an entity are left alone.
 */
export function propagate(
  text: string,
  tokens: readonly Token[],
  ents: readonly Entity[],
): Entity[] {
  interface Want {
    words: string[];
    type: EntityType;
    score: number;
  }
  // keyed by the first token's text: candidates are checked only where that token occurs
  const byFirst = new Map<string, Want[]>();
  const add = (words: string[], type: EntityType, score: number) => {
    const key = words[0];
    if (key === undefined) return;
    const list = byFirst.get(key) ?? [];
    const same = list.find(
      (w) => w.words.length === words.length && w.words.every((x, i) => x === words[i]),
    );
    if (same) {
      if (same.score < score) [same.score, same.type] = [score, type];
      return;
    }
    list.push({ words, type, score });
    byFirst.set(key, list);
  };
  // token index by start offset, to turn entities into token ranges in one pass
  let ti = 0;
  const covered = new Uint8Array(tokens.length);
  const sorted = [...ents].sort((a, b) => a.start - b.start);
  for (const e of sorted) {
    while (ti < tokens.length && (tokens[ti]?.end ?? 0) <= e.start) ti++;
    const words: string[] = [];
    for (let k = ti; k < tokens.length && (tokens[k]?.start ?? Infinity) < e.end; k++) {
      covered[k] = 1;
      words.push(tokens[k]?.text ?? '');
    }
    const s = text.slice(e.start, e.end);
    if (words.length === 0 || s.length < 3) continue;
    // a name in lower case or capitalised is the same name in the other case; only words in no
    // frequency list are changed, so that a common word ("will", "ja") never spreads
    const rare = words.every((w) => !/\p{L}/u.test(w) || commonClass(w) === 0);
    if (!/\p{Lu}/u.test(s)) {
      if (!rare) continue;
      add(words, e.type, e.score);
      add(words.map(capitalise), e.type, e.score);
    } else {
      add(words, e.type, e.score);
      if (rare) add(lowerWords(words), e.type, e.score);
    }
    const caps = words.map((w) => w.toUpperCase());
    if (caps.some((w, i) => w !== words[i])) add(caps, e.type, e.score);
    if (e.type !== 'PERSON') continue;
    for (const raw of words) {
      // the parts of a full name ("McDowell" after "Adam McDowell") and the genitive -s of any
      // name ("Rüdigers" after "Rüdiger")
      const part = /^\p{Lu}/u.test(raw) ? raw : capitalise(raw);
      if (!NAME_PART.test(part)) continue;
      if (words.length > 1) {
        add([part], e.type, e.score);
        add([part.toUpperCase()], e.type, e.score);
        if (commonClass(part) === 0) add([part.toLowerCase()], e.type, e.score);
      }
      if (!/s$/iu.test(part)) add([`${part}s`], e.type, e.score);
    }
  }
  if (byFirst.size === 0) return [...ents];
  const out = [...ents];
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    const cands = byFirst.get(tokens[i]?.text ?? '');
    if (!cands) continue;
    let best: Want | undefined;
    for (const c of cands) {
      if (best && c.words.length <= best.words.length) continue;
      let ok = i + c.words.length <= tokens.length;
      for (let k = 1; ok && k < c.words.length; k++)
        ok = tokens[i + k]?.text === c.words[k] && !covered[i + k];
      if (ok) best = c;
    }
    if (!best) continue;
    const first = tokens[i];
    const last = tokens[i + best.words.length - 1];
    if (!first || !last) continue;
    for (let k = i; k < i + best.words.length; k++) covered[k] = 1;
    out.push({
      start: first.start,
      end: last.end,
      type: best.type,
      score: best.score,
      source: 'ner',
      text: text.slice(first.start, last.end),
    });
    i += best.words.length - 1;
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

const LOWER_LETTERS = /^\p{Ll}[\p{Ll}\p{M}]+$/u;

/**
 * Lone lower-case given names the model left ("tell priya", "treffe gleich malte", "a bia vai me
 * buscar"): chat is written in lower case, and the model, trained mostly on edited text, scores
 * such words low. A lower-case word the name lists know as a given name counts as a PERSON when
 * it is no ordinary word (a spelling dictionary's lower-case entry: "tone", "hunter") nor one of
 * the frequent words of the 8 languages, and the model gives it at least `cut.lowerGiven`.
 */
function lowerCaseGivenNames(
  tokens: readonly Token[],
  kept: readonly RawSpan[],
  probs: TypeProbs,
  cut: Cutoffs,
): RawSpan[] {
  const covered = new Uint8Array(tokens.length);
  for (const s of kept) covered.fill(1, s.first, s.last + 1);
  const out: RawSpan[] = [];
  tokens.forEach((t, i) => {
    const w = t.text;
    if (covered[i] || w.length < 3 || !LOWER_LETTERS.test(w)) return;
    const p = probs.PERSON[i] ?? 0;
    if (p < cut.lowerGiven || gazetteerClass(w) !== 1) return;
    if (commonClass(w) !== 0 || isOrdinaryNameWord(w)) return;
    if (isStopWord(w) || isCalendarWord(w) || isAmbiguousName(w)) return;
    // reported at the PERSON cut-off at least: detect()'s default threshold keeps it
    out.push({ type: 'PERSON', first: i, last: i, score: Math.max(p, cut.PERSON) });
  });
  return out;
}

/**
 * From decoded spans over the whole text's tokens to entities: split at line breaks, trim,
 * cut-offs and stop-list, completion, overlaps, then consistency.
 */
export function postprocess(
  text: string,
  tokens: readonly Token[],
  spans: readonly RawSpan[],
  probs: TypeProbs,
  cut: Cutoffs = CUTOFFS,
): Entity[] {
  const kept: RawSpan[] = [];
  for (const raw of splitLines(text, tokens, [...spans], probs)) {
    const s = trim(tokens, raw);
    if (!s || !keep(text, tokens, s, cut)) continue;
    kept.push(
      s.type === 'PERSON'
        ? completePerson(text, tokens, s, probs, cut)
        : completeOrg(text, tokens, s),
    );
  }
  kept.push(...lowerCaseGivenNames(tokens, kept, probs, cut));
  const merged = mergeAdjacentPersons(text, tokens, dropOverlaps(kept));
  const ents: Entity[] = [];
  /**
   * The reported score is rescaled so that the type's cut-off maps to 0.5, the detector's default
   * threshold (detect() drops model spans below it): monotone, 0 -> 0, cut-off -> 0.5, 1 -> 1.
   */
  const calibrated = (type: EntityType, p: number) => {
    const c = Math.min(Math.max(cut[type as keyof Cutoffs] ?? 0.5, 0.01), 0.99);
    return p >= c ? 0.5 + (0.5 * (p - c)) / (1 - c) : (0.5 * p) / c;
  };
  for (const s of merged) {
    const first = tokens[s.first];
    const last = tokens[s.last];
    if (!first || !last) continue;
    ents.push({
      start: first.start,
      end: last.end,
      type: s.type,
      score: Math.round(calibrated(s.type, s.score) * 1000) / 1000,
      source: 'ner',
      text: text.slice(first.start, last.end),
    });
  }
  return propagate(text, tokens, ents);
}

import { describe, expect, it } from 'vitest';
import { LABELS, tokenize } from '../ner/features';
import { decode, propagate, softmaxRows, viterbi } from '../ner/runner';

const K = LABELS.length;
const idx = (l: (typeof LABELS)[number]) => LABELS.indexOf(l);

/** Logits for T tokens where row i favours label rows[i] with the given margin. */
function logits(rows: [(typeof LABELS)[number], number][]): Float32Array {
  const out = new Float32Array(rows.length * K);
  rows.forEach(([l, margin], i) => {
    out[i * K + idx(l)] = margin;
  });
  return out;
}

describe('constrained BIO decoding', () => {
  it('never puts I-X after O or after another type', () => {
    // greedy argmax would give O, I-ORG, I-PER
    const l = logits([
      ['O', 3],
      ['I-ORG', 1],
      ['I-PER', 1],
    ]);
    const path = viterbi(softmaxRows(l, 3), 3);
    for (let i = 0; i < path.length; i++) {
      const lab = LABELS[path[i] ?? 0] ?? 'O';
      if (!lab.startsWith('I-')) continue;
      const prev = LABELS[path[i - 1] ?? 0] ?? 'O';
      expect(i).toBeGreaterThan(0);
      expect(prev.slice(2)).toBe(lab.slice(2));
    }
  });

  it('a weak B- before a confident I- of the same type gives one span, not a fragment', () => {
    const text = 'met Anna Maria Silva today';
    const toks = tokenize(text);
    const l = new Float32Array(toks.length * K);
    // "Anna": B-PER barely below O; "Maria", "Silva": confident I-PER
    l[1 * K + idx('O')] = 1.0;
    l[1 * K + idx('B-PER')] = 0.9;
    l[2 * K + idx('I-PER')] = 4;
    l[3 * K + idx('I-PER')] = 4;
    const ents = decode(text, toks, l, 0.5);
    expect(ents.map((e) => [e.type, e.text])).toEqual([['PERSON', 'Anna Maria Silva']]);
  });

  it('scores a span by the probability of its type (B- plus I-)', () => {
    const text = 'Oslo';
    const toks = tokenize(text);
    const l = new Float32Array(K);
    l[idx('B-LOC')] = 2;
    l[idx('I-LOC')] = 2;
    const [e] = decode(text, toks, l, 0.5);
    const p = softmaxRows(l, 1);
    expect(e?.score).toBeCloseTo((p[idx('B-LOC')] ?? 0) + (p[idx('I-LOC')] ?? 0), 3);
  });
});

describe('consistency within one text', () => {
  it('tags other mentions of a tagged string and lone parts of a tagged full name', () => {
    const text = 'Adam McDowell wrote it. Later McDowell and Adam McDowell sang; mcdowell did not.';
    const toks = tokenize(text);
    const first = {
      start: 0,
      end: 13,
      type: 'PERSON' as const,
      score: 0.9,
      source: 'ner' as const,
      text: 'Adam McDowell',
    };
    const out = propagate(text, toks, [first]);
    const got = out.map((e) => text.slice(e.start, e.end));
    // the lower-case repeat is the same name (chat registers): tagged too
    expect(got).toEqual(['Adam McDowell', 'McDowell', 'Adam McDowell', 'mcdowell']);
    expect(out.every((e) => e.type === 'PERSON' && e.score === 0.9)).toBe(true);
  });

  it('changes case only for words in no frequency list: a common word never spreads', () => {
    const text = 'Will Okonkwo called. will okonkwo call again? I will ask Okonkwos team.';
    const toks = tokenize(text);
    const first = {
      start: 0,
      end: 12,
      type: 'PERSON' as const,
      score: 0.9,
      source: 'ner' as const,
      text: 'Will Okonkwo',
    };
    const got = propagate(text, toks, [first]).map((e) => text.slice(e.start, e.end));
    expect(got).toEqual(['Will Okonkwo', 'okonkwo', 'Okonkwos']);
  });

  it('takes a name tagged in lower case to its capitalised and capital mentions', () => {
    const text = 'ask marisol first. Marisol knows, MARISOL always does. marisol!';
    const toks = tokenize(text);
    const e = {
      start: 4,
      end: 11,
      type: 'PERSON' as const,
      score: 0.9,
      source: 'ner' as const,
      text: 'marisol',
    };
    const got = propagate(text, toks, [e]).map((x) => text.slice(x.start, x.end));
    expect(got).toEqual(['marisol', 'Marisol', 'MARISOL', 'marisol']);
  });

  it('leaves text already covered by another entity alone', () => {
    const text = 'Paris Hilton stayed in Paris.';
    const toks = tokenize(text);
    const ents = [
      {
        start: 0,
        end: 12,
        type: 'PERSON' as const,
        score: 0.8,
        source: 'ner' as const,
        text: 'Paris Hilton',
      },
      {
        start: 23,
        end: 28,
        type: 'LOCATION' as const,
        score: 0.9,
        source: 'ner' as const,
        text: 'Paris',
      },
    ];
    expect(propagate(text, toks, ents)).toEqual(ents);
  });
});

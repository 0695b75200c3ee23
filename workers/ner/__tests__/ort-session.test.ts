import { describe, expect, it } from 'vitest';
import type { InferenceSession } from 'onnxruntime-web/wasm';
import { toInputs } from '../../../src/core/pii/ner/runner';
import { CHAR_SLOTS, tokenize } from '../../../src/core/pii/ner/features';
import { feedsByName } from '../ort-session';

const tensor = (name: string, rank: number): InferenceSession.ValueMetadata => ({
  name,
  isTensor: true,
  type: 'int64',
  shape: Array.from({ length: rank }, (_, i) => (i === 0 ? 1 : `d${i}`)),
});

describe('feeding the NER model by input name', () => {
  const x = toInputs(tokenize('Angela Merkel met executives of Siemens in Munich.'));

  it('feeds every input the model declares, whatever its order, shaped by its rank', () => {
    const feeds = feedsByName([tensor('shapes', 2), tensor('chars', 3), tensor('words', 2)], x);
    expect(Object.keys(feeds)).toEqual(['shapes', 'chars', 'words']);
    expect(feeds.words?.dims).toEqual([1, x.length]);
    expect(feeds.chars?.dims).toEqual([1, x.length, CHAR_SLOTS]);
    expect(feeds.shapes?.data).toBe(x.shapes);
  });

  it('feeds only what the model asks for (a model with fewer inputs still runs)', () => {
    expect(Object.keys(feedsByName([tensor('words', 2)], x))).toEqual(['words']);
  });

  it('names an input the featuriser does not produce instead of feeding garbage', () => {
    expect(() => feedsByName([tensor('words', 2), tensor('gazetteer', 2)], x)).toThrow(
      /input "gazetteer" that the featuriser does not produce/,
    );
  });

  it('refuses a feature whose length does not fit the declared rank', () => {
    expect(() => feedsByName([tensor('chars', 2)], x)).toThrow(/do not fit/);
  });
});

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from '../../src/core/pii/detect';
import { createNerRunner } from '../../src/core/pii/ner/runner';
import { CHAR_SLOTS, LABELS } from '../../src/core/pii/ner/features';
import { gazetteerFingerprint } from '../../src/core/pii/ner/gazetteer';
import { Vault, redact, restore } from '../../src/core/pii/vault';
import { createNodeNer, DEFAULT_MODEL_PATH, type NodeNer } from '../lib/ner-node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('embedded NER model in Node (onnxruntime-web, WASM)', () => {
  let ner: NodeNer;
  beforeAll(async () => {
    ner = await createNodeNer();
  });
  afterAll(async () => {
    await ner.release();
  });

  it('is committed, small, and its metadata matches the TS label set and gazetteer', () => {
    expect(statSync(DEFAULT_MODEL_PATH).size).toBeLessThan(10 * 1024 * 1024);
    const meta = JSON.parse(
      readFileSync(path.join(root, 'public/models/ner/ner.json'), 'utf8'),
    ) as { labels: string[]; gazetteerFingerprint?: string; charSlots?: number };
    expect(meta.labels).toEqual([...LABELS]);
    // the model's input width must be the features' (a change to either needs retraining)
    expect(meta.charSlots).toBe(CHAR_SLOTS);
    // the gazetteer class is a model input: a table changed without retraining feeds the model
    // inputs it never saw (regenerate both with npm run train:ner)
    expect(meta.gazetteerFingerprint).toBe(gazetteerFingerprint());
  });

  it('finds PERSON, ORGANIZATION and LOCATION', async () => {
    const text = 'Angela Merkel met executives of Siemens in Munich.';
    const ents = await ner.run(text);
    const got = ents.map((e) => [e.type, text.slice(e.start, e.end)]);
    expect(got).toContainEqual(['PERSON', 'Angela Merkel']);
    expect(got).toContainEqual(['ORGANIZATION', 'Siemens']);
    expect(got).toContainEqual(['LOCATION', 'Munich']);
  });

  it('works beyond English and on long texts (chunked), with valid offsets', async () => {
    const de = 'Gestern hat Jürgen Schneider in Hamburg einen Vertrag unterschrieben.';
    expect((await ner.run(de)).map((e) => [e.type, de.slice(e.start, e.end)])).toContainEqual([
      'PERSON',
      'Jürgen Schneider',
    ]);
    // chunking: a sentence at the end of a long text (several model calls) gets the same entities,
    // at shifted offsets, as the sentence alone
    const tail = 'Then Maria Fernandes flew to Lisbon with Siemens.';
    const alone = await ner.run(tail);
    expect(alone.map((e) => e.type)).toContain('LOCATION');
    const filler = 'The weather was fine and nothing happened. '.repeat(200);
    const ents = await ner.run(filler + tail);
    for (const e of ents) expect((filler + tail).slice(e.start, e.end)).toBe(e.text);
    const shifted = ents
      .filter((e) => e.start >= filler.length)
      .map((e) => [e.type, e.start - filler.length, e.end - filler.length]);
    expect(shifted).toEqual(alone.map((e) => [e.type, e.start, e.end]));
  });

  it('full detect() + redact + restore round trip with the real model', async () => {
    const text = 'Angela Merkel wrote to angela.merkel@example.de from Berlin.';
    const r = await detect(text, { ner: ner.run });
    expect(r.modelStage).toBe('ok');
    const v = new Vault();
    const red = redact(text, r.entities, v);
    expect(red.text).not.toContain('Merkel');
    expect(red.text).toContain('[EMAIL_1]');
    expect(restore(red.text, v).text).toBe(text);
  });

  it('a broken inference function makes detect() report failed', async () => {
    const broken = createNerRunner(async () => new Float32Array(3));
    const r = await detect('Angela Merkel', { ner: broken });
    expect(r.modelStage).toBe('failed');
    expect(r.error?.code).toBe('ner_failed');
  });
});

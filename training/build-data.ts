/**
 * Builds the NER training set: the 70% training split of ../shared/pii-data/*.dev.jsonl
 * (PERSON/LOCATION/ORGANIZATION spans; everything else is O) plus synthetic sentences,
 * featurised with src/core/pii/ner/features.ts (the same code the app runs).
 * Output: training/out/data.json  (train + heldout arrays of {w, c, s, y}).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABELS, featurize, isHeldOut, tokenize } from '../src/core/pii/ner/features.ts';
import { fnv1a } from '../src/core/pii/ner/fnv1a.ts';
import { gazetteerFingerprint, maskedGazetteer } from '../src/core/pii/ner/gazetteer.ts';
import { generateRegisters } from './registers.ts';
import { generate, mulberry32, type Sentence } from './synth.ts';

const SEED = Number(process.env.NER_SEED ?? 1337);
const N_SYNTH = Number(process.env.NER_SYNTH ?? 8000);
/** Multi-line documents in the registers people type (training/registers.ts). */
const N_REGISTERS = Number(process.env.NER_REGISTERS ?? 4000);
/**
 * NER_VALID=1: records with fnv1a(id) % 10 === 6 are not trained on either; they are written to
 * `valid` for choices (cut-offs, rules), so that nothing is chosen on the held-out 30% reported.
 */
const VALID = process.env.NER_VALID === '1';
const isValidation = (id: string) => fnv1a(id) % 10 === 6;
/**
 * Names held out of the gazetteer in training: a fixed quarter of the table's words (by hash)
 * look unknown in every training record, so the model learns to find names the list lacks
 * (held-out and validation records see the whole table, as the app does).
 */
const HIDE_SHARE = Number(process.env.NER_GAZ_HIDE ?? 0.25);
const trainGaz = maskedGazetteer((w) => fnv1a(w, 0x9e3779b9) % 1000 < HIDE_SHARE * 1000);
/** Case augmentation of dev records' second copy: lower-cased or in capitals. */
const LOWER_SHARE = Number(process.env.NER_LOWER ?? 0.1);
const UPPER_SHARE = Number(process.env.NER_UPPER ?? 0.05);
const augRnd = mulberry32(SEED ^ 0xca5e);
/** NER_ALL=1: train on 100% of the dev files (final model after the recipe was chosen on 70/30). */
const ALL = process.env.NER_ALL === '1';
/**
 * NER_EXCLUDE=lang:de,file:presidio_synth: leave whole languages or source files out of training
 * (leave-one-language-out / leave-one-source-out estimates; their records are still written to
 * `heldout`). Nothing is excluded by default.
 */
const EXCLUDE = (process.env.NER_EXCLUDE ?? '').split(',').filter(Boolean);
const excluded = (file: string, lang: string | undefined) =>
  EXCLUDE.some((e) =>
    e.startsWith('lang:')
      ? e.slice(5) === lang
      : e.startsWith('file:') && file.startsWith(e.slice(5)),
  );
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, '..', '..', 'shared', 'pii-data');
const outDir = path.join(here, 'out');

const TAG: Record<string, string> = { PERSON: 'PER', LOCATION: 'LOC', ORGANIZATION: 'ORG' };

function encode(s: Sentence, training = true) {
  const toks = tokenize(s.text);
  const y = toks.map(() => 0);
  for (const sp of s.spans) {
    const tag = TAG[sp.label];
    if (!tag) continue;
    let first = true;
    toks.forEach((t, i) => {
      if (t.end > sp.start && t.start < sp.end) {
        y[i] = LABELS.indexOf((first ? `B-${tag}` : `I-${tag}`) as (typeof LABELS)[number]);
        first = false;
      }
    });
  }
  const f = featurize(toks, training ? { gazetteer: trainGaz } : {});
  return { w: f.words, c: f.chars, s: f.shapes, y };
}

const train: ReturnType<typeof encode>[] = [];
const heldout: ReturnType<typeof encode>[] = [];
const valid: ReturnType<typeof encode>[] = [];
const files = readdirSync(dataDir).filter(
  (f) => f.endsWith('.jsonl') && !f.startsWith('detect_secrets'),
);
for (const f of files) {
  let nTrain = 0;
  for (const line of readFileSync(path.join(dataDir, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as {
      id: string;
      text: string;
      spans: Sentence['spans'];
      lang?: string;
    };
    const held = isHeldOut(r.id) || excluded(f, r.lang);
    if (held || (VALID && isValidation(r.id))) {
      const enc = encode({ text: r.text, spans: r.spans }, false);
      if (enc.w.length === 0 || enc.w.length > 200) continue;
      if (held) heldout.push(enc);
      else valid.push(enc);
      if (!ALL) continue;
    }
    const enc = encode({ text: r.text, spans: r.spans });
    if (enc.w.length === 0 || enc.w.length > 200) continue;
    // dev data is closer to real text than synthetic sentences: weight it twice; the second copy
    // is sometimes in lower case or in capitals (chat registers), where the mapping keeps offsets
    const a = augRnd();
    const mapped =
      a < LOWER_SHARE
        ? r.text.toLowerCase()
        : a < LOWER_SHARE + UPPER_SHARE
          ? r.text.toUpperCase()
          : r.text;
    const second =
      mapped !== r.text && mapped.length === r.text.length
        ? encode({ text: mapped, spans: r.spans })
        : enc;
    train.push(enc, second);
    nTrain++;
  }
  console.error(`${f}: ${nTrain} training records`);
}
const synthOpts = {
  web: process.env.NER_WEB ? Number(process.env.NER_WEB) : undefined,
  faker: process.env.NER_FAKER ? Number(process.env.NER_FAKER) : undefined,
};
for (const s of generate(N_SYNTH, SEED, synthOpts)) train.push(encode(s));
for (const s of generateRegisters(N_REGISTERS, SEED)) {
  const enc = encode(s);
  if (enc.w.length > 0 && enc.w.length <= 400) train.push(enc);
}
mkdirSync(outDir, { recursive: true });
writeFileSync(
  process.env.NER_DATA ?? path.join(outDir, 'data.json'),
  JSON.stringify({ labels: LABELS, gazetteer: gazetteerFingerprint(), train, heldout, valid }),
);
console.error(`train ${train.length} heldout ${heldout.length} valid ${valid.length}`);

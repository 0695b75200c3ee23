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
import { gazetteerFingerprint } from '../src/core/pii/ner/gazetteer.ts';
import { generate, type Sentence } from './synth.ts';

const SEED = Number(process.env.NER_SEED ?? 1337);
const N_SYNTH = Number(process.env.NER_SYNTH ?? 12000);
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
    e.startsWith('lang:') ? e.slice(5) === lang : e.startsWith('file:') && file.startsWith(e.slice(5)),
  );
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, '..', '..', 'shared', 'pii-data');
const outDir = path.join(here, 'out');

const TAG: Record<string, string> = { PERSON: 'PER', LOCATION: 'LOC', ORGANIZATION: 'ORG' };

function encode(s: Sentence) {
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
  const f = featurize(toks);
  return { w: f.words, c: f.chars, s: f.shapes, y };
}

const train: ReturnType<typeof encode>[] = [];
const heldout: ReturnType<typeof encode>[] = [];
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
    const enc = encode({ text: r.text, spans: r.spans });
    if (enc.w.length === 0 || enc.w.length > 200) continue;
    const held = isHeldOut(r.id) || excluded(f, r.lang);
    if (held) heldout.push(enc);
    if (held && !ALL) continue;
    // dev data is closer to real text than synthetic sentences: weight it twice
    train.push(enc, enc);
    nTrain++;
  }
  console.error(`${f}: ${nTrain} training records`);
}
const synthOpts = {
  web: process.env.NER_WEB ? Number(process.env.NER_WEB) : undefined,
  faker: process.env.NER_FAKER ? Number(process.env.NER_FAKER) : undefined,
};
for (const s of generate(N_SYNTH, SEED, synthOpts)) train.push(encode(s));
mkdirSync(outDir, { recursive: true });
writeFileSync(
  process.env.NER_DATA ?? path.join(outDir, 'data.json'),
  JSON.stringify({ labels: LABELS, gazetteer: gazetteerFingerprint(), train, heldout }),
);
console.error(`train ${train.length} heldout ${heldout.length}`);

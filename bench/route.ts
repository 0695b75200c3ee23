/**
 * `npm run bench:route`: the router's cost.
 *   1. decide() alone on 10,000 mixed requests (analysis precomputed): p50/p99 in microseconds.
 *   2. The pattern stage per request, for ~2 KB texts: detectPatterns + analyze + decide (ms).
 *   3. The regulated-content stage alone (recognizeCategories): p50 on the 2 KB texts, and one
 *      1 MiB hostile text (dense anchors and lexicon words, long letter runs, near-miss stems) to
 *      show that it stays linear in the input.
 *   4. For reference, the same with the embedded NER model (onnxruntime-web WASM in Node, 1 thread), when present.
 *   5. Redact what is personal, keep what is public: of the public questions in
 *      src/core/router/__tests__/fixtures/public-personal.ts, the share that reaches the cloud
 *      without any placeholder, and of the personal ones, the share whose values never leave;
 *      with the fixture's own entities (the analysis alone) and with the NER model (end to end).
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { analyze, recognizeCategories, type Analysis } from '../src/core/analysis';
import { detect, detectPatterns } from '../src/core/pii';
import { PROFILE_POLICIES, type Policy } from '../src/core/policy';
import {
  decide,
  detectorOptions,
  evaluate,
  healthFromFlags,
  type Health,
} from '../src/core/router';
import type { DetectResult, Entity } from '../src/core/pii';
import { DEFAULT_MODEL_PATH, createNodeNer } from '../scripts/lib/ner-node';

interface Fixture {
  text: string;
}
interface PublicPersonalCase {
  text: string;
  keep: string[];
  redact: string[];
  entities: Array<[string, Entity['type']]>;
}
const PUBLIC_PERSONAL = JSON.parse(
  readFileSync(
    new URL('../src/core/router/__tests__/fixtures/public-personal.json', import.meta.url),
    'utf8',
  ),
) as PublicPersonalCase[];
const fixtures = JSON.parse(
  readFileSync(
    new URL('../src/core/router/__tests__/fixtures/requests.json', import.meta.url),
    'utf8',
  ),
) as Fixture[];

// deterministic pseudo-random (mulberry32)
let seed = 42;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const policies = Object.values(PROFILE_POLICIES) as Policy[];
const healths: Health[] = [
  healthFromFlags({}),
  healthFromFlags({ local: false }),
  healthFromFlags({ online: false }),
  healthFromFlags({ cloud: false, private: true }),
  healthFromFlags({ local: false, online: false }),
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
function stats(samples: number[]): { p50: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(s, 0.5),
    p99: percentile(s, 0.99),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}
const r2 = (n: number) => Math.round(n * 100) / 100;

// ---- 1. decide() alone
const N = 10_000;
const cases: { a: Analysis; p: Policy; h: Health }[] = [];
for (let i = 0; i < N; i++) {
  const text = pick(fixtures).text;
  const p = pick(policies);
  const h = pick(healths);
  const detection = {
    entities: detectPatterns(text, detectorOptions(p)),
    modelStage: 'skipped' as const,
  };
  cases.push({ a: analyze(text, { detection, localModel: h.local }), p, h });
}
for (let i = 0; i < 2_000; i++) {
  const c = cases[i % N] as (typeof cases)[number];
  decide(c.a, c.p, c.h); // warm-up
}
const decideUs: number[] = [];
for (const c of cases) {
  const t0 = process.hrtime.bigint();
  decide(c.a, c.p, c.h);
  decideUs.push(Number(process.hrtime.bigint() - t0) / 1000);
}
const d = stats(decideUs);

// ---- 2. pattern stage on ~2 KB requests
function twoKb(): string {
  let s = '';
  while (s.length < 2048) s += `${pick(fixtures).text}\n`;
  return s.slice(0, 2048);
}
const texts = Array.from({ length: 500 }, twoKb);
const stage = (t: string) => {
  const p = PROFILE_POLICIES.balanced;
  const detection = {
    entities: detectPatterns(t, detectorOptions(p)),
    modelStage: 'skipped' as const,
  };
  return decide(analyze(t, { detection, localModel: true }), p, healths[0] as Health);
};
for (const t of texts.slice(0, 50)) stage(t);
const stageMs: number[] = [];
for (const t of texts) {
  const t0 = process.hrtime.bigint();
  stage(t);
  stageMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const s = stats(stageMs);

// ---- 3. the regulated-content stage alone
const catUs: number[] = [];
for (const t of texts.slice(0, 50)) recognizeCategories(t, []);
for (const t of texts) {
  const t0 = process.hrtime.bigint();
  recognizeCategories(t, []);
  catUs.push(Number(process.hrtime.bigint() - t0) / 1000);
}
const cat = stats(catUs);
/** Dense anchors next to topic words, near-miss stems and compounds, and unbroken letter runs. */
function hostile(bytes: number): string {
  const parts = [
    'my panic attacks ',
    'ich habe Panikattacken und Schlafstörungen ',
    'min søvnløshed ',
    'mijn paniekaanvallen ',
    'je fais des crises d’angoisse ',
    'tengo ataques de pánico ',
    'therapytherapytherapy ',
    'Verhaltenstherapiesitzungsnotizen ',
    'a'.repeat(4096) + ' ',
    'ich mein meine meinem I I I my my ',
    'depressiondepressiondepression ',
    'dis dis dis dis ',
  ];
  let s = '';
  while (s.length < bytes) s += pick(parts);
  return s.slice(0, bytes);
}
const big = hostile(1 << 20);
recognizeCategories(big.slice(0, 1 << 16), []);
const hostileMs: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  recognizeCategories(big, []);
  hostileMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const hostileMedian = [...hostileMs].sort((a, b) => a - b)[1] ?? NaN;

// ---- 5. public requests keep their subject (run with both detectors; see section 4 for NER)
const balanced = PROFILE_POLICIES.balanced;
const shares: Record<string, { public: string; personal: string }> = {};
async function publicPersonal(
  name: string,
  detectFn: (text: string, c: PublicPersonalCase) => Promise<DetectResult>,
): Promise<void> {
  let pubIntact = 0;
  let pub = 0;
  let persHeld = 0;
  let pers = 0;
  for (const c of PUBLIC_PERSONAL) {
    const detection = await detectFn(c.text, c);
    const r = evaluate(c.text, balanced, healthFromFlags({ local: false }), { detection });
    const out = r.outgoing;
    if (c.redact.length === 0) {
      pub++;
      if (out !== null && !/\[[A-Z_]+_\d+\]/.test(out)) pubIntact++;
    } else {
      pers++;
      if (out === null || c.redact.every((v) => !out.includes(v))) persHeld++;
    }
  }
  shares[name] = {
    public: `${pubIntact}/${pub} (${Math.round((100 * pubIntact) / pub)}%) sent without any placeholder`,
    personal: `${persHeld}/${pers} (${Math.round((100 * persHeld) / pers)}%) with no tied value leaving`,
  };
}
await publicPersonal('fixture entities', async (text, c) => {
  const entities: Entity[] = detectPatterns(text, detectorOptions(balanced));
  for (const [value, type] of c.entities)
    for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1))
      if (!entities.some((e) => e.start < at + value.length && at < e.end))
        entities.push({
          start: at,
          end: at + value.length,
          type,
          score: 0.95,
          source: 'ner',
          text: value,
        });
  entities.sort((a, b) => a.start - b.start);
  return { entities, modelStage: 'ok' };
});

// ---- 4. with the embedded NER model (reference)
let ner: { p50: number; p99: number; mean: number } | null = null;
let nerFailures = 0;
if (existsSync(DEFAULT_MODEL_PATH)) {
  const model = await createNodeNer();
  const samples: number[] = [];
  for (const t of texts.slice(0, 10)) await detect(t, { ner: model.run });
  for (const t of texts.slice(0, 100)) {
    const t0 = process.hrtime.bigint();
    const detection = await detect(t, { ner: model.run });
    if (detection.modelStage === 'failed') nerFailures++;
    decide(
      analyze(t, { detection, localModel: true }),
      PROFILE_POLICIES.balanced,
      healths[0] as Health,
    );
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ner = stats(samples);
  await publicPersonal('ner', async (t) =>
    detect(t, { ...detectorOptions(balanced), ner: model.run }),
  );
  await model.release();
}

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), ${os.platform()} ${os.arch()}, Node ${process.version}`;
const result = {
  date: new Date().toISOString(),
  machine,
  decide: {
    requests: N,
    p50_us: r2(d.p50),
    p99_us: r2(d.p99),
    mean_us: r2(d.mean),
    target_p50_us: 20,
  },
  patternStage2KB: {
    requests: texts.length,
    p50_ms: r2(s.p50),
    p99_ms: r2(s.p99),
    target_p50_ms: 2,
  },
  categories2KB: { requests: texts.length, p50_us: r2(cat.p50), p99_us: r2(cat.p99) },
  categoriesHostile1MiB: { runs: 3, median_ms: r2(hostileMedian) },
  withNer2KB: !ner
    ? 'model not present'
    : nerFailures
      ? `the model stage failed on ${nerFailures} of 100 requests: figures not meaningful`
      : { requests: 100, p50_ms: r2(ner.p50), p99_ms: r2(ner.p99) },
  publicPersonal: shares,
  loadAverage: os.loadavg().map(r2),
};
console.log(JSON.stringify(result, null, 2));
console.log(
  `decide(): p50 ${r2(d.p50)} us, p99 ${r2(d.p99)} us ${d.p50 <= 20 ? '(meets p50 <= 20 us)' : '(MISSES p50 <= 20 us)'}`,
);
console.log(
  `pattern stage, 2 KB: p50 ${r2(s.p50)} ms, p99 ${r2(s.p99)} ms ${s.p50 <= 2 ? '(meets p50 <= 2 ms)' : '(MISSES p50 <= 2 ms)'}`,
);
console.log(
  `regulated-content stage: 2 KB p50 ${r2(cat.p50)} us; 1 MiB hostile text ${r2(hostileMedian)} ms (median of 3)`,
);
for (const [name, v] of Object.entries(shares))
  console.log(`public/personal (${name}): public ${v.public}; personal ${v.personal}`);

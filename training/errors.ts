/**
 * Error listing for the tuning set (or any labelled JSON Lines file): per record, model and pattern
 * entities against gold, words redacted outside gold spans (false positives) and gold values with
 * a word left. For error analysis on bench/data/tune only (never on the evaluation sets).
 *
 * Usage: npx tsx training/errors.ts [--model path/to/ner.onnx] file.jsonl...
 */
import { readFileSync } from 'node:fs';
import { detect } from '../src/core/pii/detect.ts';
import { createNodeNer } from '../scripts/lib/ner-node.ts';

const args = process.argv.slice(2);
const mi = args.indexOf('--model');
const model = mi >= 0 ? args[mi + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && (mi < 0 || i !== mi + 1));
if (files.some((f) => /hearth_|fresh_/.test(f)))
  throw new Error('errors.ts is for the tuning set: the evaluation sets are never looked at');
const ner = await createNodeNer(model);
for (const f of files) {
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as {
      id: string;
      text: string;
      spans: Array<{ start: number; end: number; label: string }>;
    };
    const { entities } = await detect(r.text, { ner: ner.run });
    const fp = entities.filter((e) => !r.spans.some((g) => g.start < e.end && e.start < g.end));
    const miss = r.spans.filter(
      (g) =>
        g.label !== 'OTHER' &&
        [...r.text.slice(g.start, g.end).matchAll(/[\p{L}\p{N}]+/gu)].some((m) => {
          const s = g.start + (m.index ?? 0);
          const e = s + m[0].length;
          return !entities.some((x) => x.start < e && s < x.end);
        }),
    );
    const wrongType = entities.filter((e) =>
      r.spans.some(
        (g) => g.start < e.end && e.start < g.end && g.label !== e.type && g.label !== 'OTHER',
      ),
    );
    if (!fp.length && !miss.length && !wrongType.length) continue;
    console.log(`--- ${r.id}`);
    for (const e of fp) console.log(`  FP   ${e.type} "${e.text}" ${e.score} ${e.source}`);
    for (const g of miss) console.log(`  MISS ${g.label} "${r.text.slice(g.start, g.end)}"`);
    for (const e of wrongType) console.log(`  TYPE ${e.type} "${e.text}"`);
  }
}
await ner.release();

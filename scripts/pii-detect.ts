/**
 * JSON Lines in ({"id", "text"}), one line out per input line:
 *   {"id", "spans": [{"start", "end", "label", "score"}]}   (UTF-16 offsets, labels as in ../shared/pii-data)
 *   {"id", "error": {"code", "message"}}                     for bad lines or a failed model stage
 * Uses the full detector (patterns + embedded NER via onnxruntime-web's WASM build, the browser's runtime); the model loads once.
 */
import { detect } from '../src/core/pii/detect';
import { DEFAULT_THRESHOLD } from '../src/core/pii/types';
import { createNodeNer, runJsonlCli } from './lib/ner-node';

async function main() {
  const ner = await createNodeNer();
  const threshold = process.env.PII_THRESHOLD
    ? Number(process.env.PII_THRESHOLD)
    : DEFAULT_THRESHOLD;
  await runJsonlCli(async (id, text) => {
    const r = await detect(text, { ner: ner.run, threshold });
    if (r.modelStage === 'failed')
      return { id, error: r.error ?? { code: 'ner_failed', message: 'model stage failed' } };
    return {
      id,
      spans: r.entities.map((e) => ({ start: e.start, end: e.end, label: e.type, score: e.score })),
    };
  });
  await ner.release();
}

main().catch((e: unknown) => {
  process.stderr.write(`pii-detect: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});

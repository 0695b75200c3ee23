/**
 * JSON Lines in ({"id", "text"}), one line out per input line: {"id", "text": "<redacted>"} with
 * typed placeholders ([PERSON_1], [EMAIL_1], ...; one vault per line) at the default threshold,
 * or {"id", "error": {"code", "message"}}. Fails closed: if the model stage fails or the re-scan
 * still finds something, the line gets an error instead of a partially redacted text.
 */
import { detect } from '../src/core/pii/detect';
import { DEFAULT_THRESHOLD } from '../src/core/pii/types';
import { Vault, redact, rescan } from '../src/core/pii/vault';
import { createNodeNer, runJsonlCli } from './lib/ner-node';

async function main() {
  const ner = await createNodeNer();
  const threshold = process.env.PII_THRESHOLD
    ? Number(process.env.PII_THRESHOLD)
    : DEFAULT_THRESHOLD;
  await runJsonlCli(async (id, text) => {
    const vault = new Vault();
    let current = text;
    // redact, re-scan, and redact what the re-scan still finds (a span can surface once its
    // neighbour is a placeholder); give up after three rounds
    for (let round = 0; round < 3; round++) {
      const r = await detect(current, { ner: ner.run, threshold });
      if (r.modelStage === 'failed')
        return { id, error: r.error ?? { code: 'ner_failed', message: 'model stage failed' } };
      if (r.entities.length === 0) return { id, text: current };
      current = redact(current, r.entities, vault).text;
    }
    const check = await rescan(current, { ner: ner.run, threshold });
    if (check.ok) return { id, text: current };
    return { id, error: { code: check.error.code, message: check.error.message } };
  });
  await ner.release();
}

main().catch((e: unknown) => {
  process.stderr.write(`pii-redact: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});

/**
 * JSON Lines in ({"id", "text"}), one line out per input line: {"id", "text": "<redacted>"} with
 * typed placeholders ([PERSON_1], [EMAIL_1], ...; one vault per line) at the default threshold,
 * or {"id", "error": {"code", "message"}}. Fails closed: if the model stage fails or the re-scan
 * still finds something after the last round, the line gets an error instead of a partially
 * redacted text.
 */
import { detect } from '../src/core/pii/detect';
import { redactUntilClean } from '../src/core/pii/redact-loop';
import { DEFAULT_THRESHOLD } from '../src/core/pii/types';
import { Vault } from '../src/core/pii/vault';
import { createNodeNer, runJsonlCli } from './lib/ner-node';

async function main() {
  const ner = await createNodeNer();
  const threshold = process.env.PII_THRESHOLD
    ? Number(process.env.PII_THRESHOLD)
    : DEFAULT_THRESHOLD;
  await runJsonlCli(async (id, text) => {
    const r = await redactUntilClean(
      text,
      async (t) => {
        const d = await detect(t, { ner: ner.run, threshold });
        return d.modelStage === 'failed'
          ? { ok: false, error: d.error ?? { code: 'ner_failed', message: 'model stage failed' } }
          : { ok: true, entities: d.entities };
      },
      new Vault(),
    );
    return r.ok ? { id, text: r.text } : { id, error: r.error };
  });
  await ner.release();
}

main().catch((e: unknown) => {
  process.stderr.write(`pii-redact: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});

/**
 * `npm run -s route:decide`: JSON Lines in, one JSON line out per non-blank input line.
 *   in:  {"id", "text", "profile"?: "private"|"balanced"|"cloud-first", "health"?: {"local","cloud","online","private"?}}
 *   out: {"id", "route", "pattern", "sensitivity", "reasons", "outgoing"}   (outgoing: the text that
 *        would leave the device, already redacted, or null)
 *        {"id", "error": {"code", "message"}}                               for a bad line
 * Uses the real detector: patterns plus the embedded NER model (onnxruntime-web, WASM, as in the browser) when
 * public/models/ner/ner.onnx is present. Profile defaults to Balanced, health to all healthy.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { detect, type DetectResult, type NerRunnerFn } from '../src/core/pii';
import { PROFILE_POLICIES } from '../src/core/policy';
import { detectorOptions, evaluate, healthFromFlags } from '../src/core/router';
import { DEFAULT_MODEL_PATH, createNodeNer } from './lib/ner-node';

const Line = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  profile: z.enum(['private', 'balanced', 'cloud-first']).optional(),
  health: z
    .object({ local: z.boolean(), cloud: z.boolean(), online: z.boolean(), private: z.boolean() })
    .partial()
    .optional(),
});

type Ner = { run: NerRunnerFn } | { failed: string } | undefined;

async function loadNer(): Promise<Ner> {
  if (process.env.ROUTE_NO_NER === '1' || !existsSync(DEFAULT_MODEL_PATH)) return undefined;
  try {
    return await createNodeNer();
  } catch (err) {
    // The model is there but will not load: every line is then treated as a detector failure.
    return { failed: err instanceof Error ? err.message : String(err) };
  }
}

async function handle(raw: string, ner: Ner): Promise<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return {
      id: null,
      error: { code: 'invalid_json', message: err instanceof Error ? err.message : 'invalid JSON' },
    };
  }
  const parsed = Line.safeParse(json);
  if (!parsed.success) {
    const id = (json as { id?: unknown } | null)?.id;
    const issue = parsed.error.issues[0];
    return {
      id: typeof id === 'string' || typeof id === 'number' ? id : null,
      error: {
        code: 'invalid_line',
        message: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`,
      },
    };
  }
  const { id, text, profile, health } = parsed.data;
  const policy = PROFILE_POLICIES[profile ?? 'balanced'];
  let detection: DetectResult;
  if (ner && 'failed' in ner) {
    detection = {
      ...(await detect(text, detectorOptions(policy))),
      modelStage: 'failed',
      error: { code: 'ner_unavailable', message: ner.failed },
    };
  } else {
    detection = await detect(text, {
      ...detectorOptions(policy),
      ...(ner ? { ner: ner.run } : {}),
    });
  }
  const { decision, outgoing } = evaluate(text, policy, healthFromFlags(health), { detection });
  return {
    id,
    route: decision.route,
    pattern: decision.pattern,
    sensitivity: decision.sensitivity,
    reasons: decision.reasons,
    outgoing,
  };
}

async function main(): Promise<void> {
  const ner = await loadNer();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let out: Record<string, unknown>;
    try {
      out = await handle(line, ner);
    } catch (err) {
      out = {
        id: null,
        error: {
          code: 'internal_error',
          message: err instanceof Error ? err.message : String(err),
        },
      };
    }
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise<void>((r) => process.stdout.once('drain', () => r()));
    }
  }
  if (ner && 'release' in ner) await (ner as { release(): Promise<void> }).release();
}

main().catch((err: unknown) => {
  process.stderr.write(`route-decide: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});

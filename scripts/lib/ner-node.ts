/**
 * The embedded NER model in Node (CLIs, benchmarks, tests): the browser's runtime, onnxruntime-web
 * with its WASM backend on one thread, through the same session module the analysis worker uses
 * (workers/ner/ort-session.ts). No native binding, so `npm install` downloads nothing beyond the
 * npm packages, and Node and Chromium compute the same logits.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createNerRunner,
  type NerInferFn,
  type NerRunnerOptions,
} from '../../src/core/pii/ner/runner';
import type { NerRunnerFn } from '../../src/core/pii/types';
import { createNerSession } from '../../workers/ner/ort-session';

export const DEFAULT_MODEL_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'public',
  'models',
  'ner',
  'ner.onnx',
);

/**
 * The folder holding onnxruntime-web's `.wasm` and its loader, found through the package's own
 * exports (wherever npm put it). Under Node, onnxruntime-web reads them from disk.
 */
export const ORT_WASM_DIR =
  path.dirname(
    createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'),
  ) + path.sep;

export interface NodeNer {
  run: NerRunnerFn;
  infer: NerInferFn;
  release(): Promise<void>;
}

/** Loads the model once; the returned runner can be called for any number of texts. */
export async function createNodeNer(
  modelPath = DEFAULT_MODEL_PATH,
  options: NerRunnerOptions = {},
): Promise<NodeNer> {
  const bytes = new Uint8Array(await readFile(modelPath));
  const session = await createNerSession(bytes, { wasmPaths: ORT_WASM_DIR, numThreads: 1 });
  return {
    run: createNerRunner(session.infer, options),
    infer: session.infer,
    release: session.release,
  };
}

// ------------------------------------------------------------------ JSON Lines CLI plumbing

import { createInterface } from 'node:readline';

export interface CliError {
  code: string;
  message: string;
}

export type LineResult = Record<string, unknown>;

/** Extracts {id, text} from one input line, or a structured error. */
export function parseLine(
  line: string,
): { id: string | number | null; text: string } | { id: string | number | null; error: CliError } {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    return {
      id: null,
      error: {
        code: 'invalid_json',
        message: e instanceof Error ? e.message.slice(0, 200) : 'invalid JSON',
      },
    };
  }
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
    return {
      id: null,
      error: { code: 'invalid_record', message: 'each line must be a JSON object {"id", "text"}' },
    };
  }
  const r = rec as Record<string, unknown>;
  const id = typeof r.id === 'string' || typeof r.id === 'number' ? r.id : null;
  if (typeof r.text !== 'string')
    return { id, error: { code: 'missing_text', message: 'field "text" must be a string' } };
  return { id, text: r.text };
}

/**
 * Reads JSON Lines from stdin, calls `handle` for each good line, writes exactly one JSON line per
 * non-blank input line to stdout (results or {"id", "error"}), in order, respecting backpressure.
 */
export async function runJsonlCli(
  handle: (id: string | number | null, text: string) => Promise<LineResult>,
): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buf = '';
  const flush = async () => {
    if (!buf) return;
    const ok = process.stdout.write(buf);
    buf = '';
    if (!ok) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
  };
  for await (const line of rl) {
    if (!line.trim()) continue;
    const p = parseLine(line);
    let out: LineResult;
    if ('error' in p) out = { id: p.id, error: p.error };
    else {
      try {
        out = await handle(p.id, p.text);
      } catch (e) {
        out = {
          id: p.id,
          error: { code: 'internal_error', message: e instanceof Error ? e.message : String(e) },
        };
      }
    }
    buf += JSON.stringify(out) + '\n';
    if (buf.length > 1 << 16) await flush();
  }
  await flush();
}

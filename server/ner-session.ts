/**
 * The embedded NER model in the proxy (RESCAN_MODEL=1): src/core's model stage with inference by
 * the session module the browser's analysis worker and the CLIs use (workers/ner/ort-session.ts,
 * onnxruntime-web's WASM build), so the proxy computes the same logits as the browser and needs no
 * native package. Loaded only in re-scan workers of a proxy started with RESCAN_MODEL=1.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createNerRunner } from '../src/core/pii/ner/runner';
import type { NerRunnerFn } from '../src/core/pii';
import { createNerSession } from '../workers/ner/ort-session';

/**
 * The folder holding onnxruntime-web's `.wasm` and its loader, found through the package's own
 * exports from wherever this file runs (server/, dist-server/ or a test bundle inside
 * node_modules/.cache): under Node, onnxruntime-web reads them from disk.
 */
function ortWasmDir(): string {
  const wasm = createRequire(import.meta.url).resolve(
    'onnxruntime-web/ort-wasm-simd-threaded.wasm',
  );
  return path.dirname(wasm) + path.sep;
}

/**
 * Loads the model from `modelPath`, one WASM thread (the pool already runs one worker per core).
 * Rejects with an Error naming the file when it cannot be read or is not a model the session
 * accepts: the worker then never reports ready and the server does not start.
 */
export async function loadNerRunner(modelPath: string): Promise<NerRunnerFn> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(modelPath));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`RESCAN_MODEL=1: cannot read the NER model ${modelPath}: ${reason}`, {
      cause: err,
    });
  }
  const session = await createNerSession(bytes, { wasmPaths: ortWasmDir(), numThreads: 1 });
  return createNerRunner(session.infer);
}

/**
 * A re-scan worker thread (worker_threads): checks request bodies for the proxy (request-check.ts:
 * parse, schema, re-scan with src/core's detector, the body for upstream), so that neither a slow
 * scan nor a large body holds up the event loop. The pool (rescan-pool.ts) terminates a worker
 * whose check outlives the time budget and starts a new one. Built next to main.js
 * (vite.server.config.ts); tests load a bundle of this file.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { detect, detectPatterns, type NerRunnerFn } from '../src/core/pii';
import { checkRequest, type CheckOptions, type TextScan } from './request-check';
import { rescan } from './rescan';
import type { CheckReply, CheckTask, ReadyMessage, WorkerOptions } from './rescan-protocol';
import { scanForwardedAsync } from '../src/core/pii';

const port = parentPort;
if (!port) throw new Error('rescan-worker must run in a worker thread');

// Checks yield the CPU to the event loop: on Linux a nice value belongs to a thread, so this
// lowers only this worker, and /api/health and the streams keep answering while every core
// scans a hostile body. (Elsewhere it would lower the whole process, so it is not done there.)
if (process.platform === 'linux') {
  try {
    os.setPriority(0, 10);
  } catch {
    // Not allowed here: the checks still run, at normal priority.
  }
}

const options = (workerData ?? {}) as WorkerOptions;
// RESCAN_MODEL=1: the embedded NER model joins the pattern stage (names, places, organisations).
// Imported only then: the model's features (a gazetteer of names) and onnxruntime-web's WASM
// build are large.
const ner: NerRunnerFn | undefined = options.modelPath
  ? await (await import('./ner-session')).loadNerRunner(options.modelPath)
  : undefined;

const scan: TextScan = ner
  ? async (texts, threshold) => {
      const v = await scanForwardedAsync(
        texts,
        async (text, o) => {
          const r = await detect(text, { ...o, ner });
          // A model that fails is a scan that failed: fail closed.
          if (r.modelStage === 'failed') throw new Error(r.error?.message ?? 'the model failed');
          return r.entities;
        },
        threshold,
      );
      if (v.verdict === 'failed') return { verdict: 'failed' };
      return v.verdict === 'blocked' ? { verdict: 'blocked', types: v.types } : v;
    }
  : (texts, threshold) => rescan(texts, detectPatterns, threshold);

// The pool sends a worker one task at a time. Only the verdict, its types and the body for
// upstream go back: never values, and no list of findings that an adversarial text could make
// as large as itself.
port.on('message', (task: CheckTask) => {
  void checkRequest(new Uint8Array(task.bytes), task.options, scan).then((result) => {
    port.postMessage({ id: task.id, result } satisfies CheckReply);
  });
});

// Warm up before taking requests: the first checks compile the recognizers' regular expressions
// and let the JIT optimise the detector, tens of milliseconds (more for the model) that would
// otherwise count against the first request's budget, and every replacement worker's.
const SAMPLE =
  'Mail jane.doe@example.org or call +44 20 7946 0958 about card 4111 1111 1111 1111 and IBAN ' +
  'DE89 3704 0044 0532 0130 00 (born 1 May 1980, Mr. Abc at 10.0.0.1, see https://a.example/x). ' +
  'password=Tr0ub4dor&3xyz [PERSON_1] SSN 123-45-6789 ';
const WARM: CheckOptions = {
  model: 'warm-up',
  maxTokensCap: 1,
  threshold: undefined,
  override: false,
};
const encoder = new TextEncoder();
for (let i = 0; i < 5; i++) {
  const body = JSON.stringify({
    messages: [
      { role: 'system', content: SAMPLE },
      { role: 'user', content: `${i} ${SAMPLE}` },
    ],
  });
  await checkRequest(encoder.encode(body), WARM, scan);
}

port.postMessage({ ready: true } satisfies ReadyMessage);

/**
 * A re-scan worker thread (worker_threads): runs src/core's scanForwarded with the pattern
 * detector on the texts the main thread sends, so a slow scan never holds up the event loop. The
 * pool (rescan-pool.ts) terminates a worker whose scan outlives the time budget and starts a new
 * one. Built next to main.js (vite.server.config.ts); tests load a bundle of this file.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import {
  detect,
  detectPatterns,
  scanForwarded,
  scanForwardedAsync,
  type ForwardedVerdict,
  type NerRunnerFn,
} from '../src/core/pii';
import type { ReadyMessage, ScanReply, ScanTask, WorkerOptions } from './rescan-protocol';

const port = parentPort;
if (!port) throw new Error('rescan-worker must run in a worker thread');

// Scans yield the CPU to the event loop: on Linux a nice value belongs to a thread, so this
// lowers only this worker, and /api/health and the streams keep answering while every core
// scans a hostile body. (Elsewhere it would lower the whole process, so it is not done there.)
if (process.platform === 'linux') {
  try {
    os.setPriority(0, 10);
  } catch {
    // Not allowed here: the scan still runs, at normal priority.
  }
}

const options = (workerData ?? {}) as WorkerOptions;
// RESCAN_MODEL=1: the embedded NER model joins the pattern stage (names, places, organisations).
// Imported only then: the model's features (a gazetteer of names) and onnxruntime are large.
const ner: NerRunnerFn | undefined = options.modelPath
  ? await (await import('./ner-session')).loadNerRunner(options.modelPath)
  : undefined;

function scan(
  task: Pick<ScanTask, 'texts' | 'threshold'>,
): ForwardedVerdict | Promise<ForwardedVerdict> {
  if (!ner) return scanForwarded(task.texts, detectPatterns, task.threshold);
  return scanForwardedAsync(
    task.texts,
    async (text, o) => {
      const r = await detect(text, { ...o, ner });
      // A model that fails is a scan that failed: fail closed.
      if (r.modelStage === 'failed') throw new Error(r.error?.message ?? 'the model failed');
      return r.entities;
    },
    task.threshold,
  );
}

// The pool sends a worker one task at a time.
port.on('message', (task: ScanTask) => {
  void Promise.resolve(scan(task)).then((verdict) => {
    // Only the verdict and the types go back: never values, and no list of findings that an
    // adversarial text could make as large as itself.
    const reply: ScanReply =
      verdict.verdict === 'blocked'
        ? { id: task.id, verdict: 'blocked', types: verdict.types }
        : { id: task.id, verdict: verdict.verdict };
    port.postMessage(reply);
  });
});

// Warm up before taking requests: the first scans compile the recognizers' regular expressions
// and let the JIT optimise the detector, tens of milliseconds that would otherwise count against
// the first request's budget (and every replacement worker's first request).
const SAMPLE =
  'Mail jane.doe@example.org or call +44 20 7946 0958 about card 4111 1111 1111 1111 and IBAN ' +
  'DE89 3704 0044 0532 0130 00 (born 1 May 1980, Mr. Abc at 10.0.0.1, see https://a.example/x). ' +
  'password=Tr0ub4dor&3xyz [PERSON_1] SSN 123-45-6789 ';
for (let i = 0; i < 5; i++) await scan({ texts: [SAMPLE, `${i} ${SAMPLE}`], threshold: undefined });

port.postMessage({ ready: true } satisfies ReadyMessage);

/** The messages between the proxy's main thread and a re-scan worker (rescan-worker.ts). */
import type { CheckOptions, CheckResult } from './request-check';

/** What a worker is started with (its workerData). */
export interface WorkerOptions {
  /** RESCAN_MODEL=1: the NER model file, run with the pattern stage. */
  modelPath?: string;
}

export interface CheckTask {
  id: number;
  /** The request body as received (transferred, not copied). */
  bytes: ArrayBuffer;
  options: CheckOptions;
}

export interface CheckReply {
  id: number;
  result: CheckResult;
}

/** A worker says it has loaded the detector and takes tasks. */
export interface ReadyMessage {
  ready: true;
}

export type WorkerMessage = CheckReply | ReadyMessage;

/** The messages between the proxy's main thread and a re-scan worker (rescan-worker.ts). */

/** What a worker is started with (its workerData). */
export interface WorkerOptions {
  /** RESCAN_MODEL=1: the NER model file, run with the pattern stage. */
  modelPath?: string;
}

export interface ScanTask {
  id: number;
  /** Every string the request would forward (chat-request.ts textsOf). */
  texts: string[];
  /** undefined: the detector's default threshold. */
  threshold: number | undefined;
}

export type ScanReply =
  | { id: number; verdict: 'clean' }
  | { id: number; verdict: 'blocked'; types: string[] }
  | { id: number; verdict: 'failed' };

/** A worker says it has loaded the detector and takes tasks. */
export interface ReadyMessage {
  ready: true;
}

export type WorkerMessage = ScanReply | ReadyMessage;

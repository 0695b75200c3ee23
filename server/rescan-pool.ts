/**
 * The re-scan off the event loop: a small pool of worker threads (one per core by default) that
 * run rescan-worker.ts, which checks a request body from its bytes to the body sent upstream
 * (request-check.ts: parse, schema, re-scan). The event loop only hands over the bytes
 * (transferred, not copied). Node only.
 *
 * - Time budget: a scan that has not answered `budgetMs` after it started is refused ('timeout')
 *   and its worker is terminated (the only way to stop synchronous JavaScript) and replaced. So one
 *   hostile body costs at most the budget on one core, and never blocks /api/health.
 * - Memory budget: each worker has a heap limit; a scan that exceeds it kills only that worker,
 *   and the request is refused the same way.
 * - Concurrency cap: at most `size` checks run, and at most `maxQueue` requests holding at most
 *   `maxQueuedBytes` of body wait; beyond that, and for a request that waited `budgetMs` without
 *   getting a worker, the answer is 'busy' at once (the route says 503), instead of an ever longer
 *   queue. The count lets small requests ride out a burst; the size keeps a queue of maximum-size
 *   bodies from holding much memory.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckTask, WorkerMessage, WorkerOptions } from './rescan-protocol';
import type { CheckOptions, CheckOutcome, RequestChecker } from './request-check';

export interface RescanPoolOptions {
  /** The worker script: dist-server/rescan-worker.js in production, a bundle of it in tests. */
  script: string | URL;
  /** Worker threads; default: the cores this process may use (os.availableParallelism()). */
  size?: number;
  /** Longest a scan may run, ms. */
  budgetMs: number;
  /** Checks that may wait for a worker; more are refused as busy. Default 64 per worker. */
  maxQueue?: number;
  /** Bytes of request bodies that may wait in all; a check that would exceed it is busy (16 MiB). */
  maxQueuedBytes?: number;
  /** Heap limit per worker, MB (default 256). */
  maxHeapMb?: number;
  /** RESCAN_MODEL=1: the NER model each worker runs with the pattern stage. */
  modelPath?: string;
}

export interface RescanPoolStats {
  size: number;
  ready: number;
  running: number;
  queued: number;
  /** Workers replaced after a scan outlived its budget (or its heap). */
  replaced: number;
}

interface Job {
  task: CheckTask;
  size: number;
  resolve: (outcome: CheckOutcome) => void;
  waitTimer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: ReturnType<typeof setTimeout>;
  /** Set when the pool itself ends this worker (budget, close): its exit is expected. */
  retired: boolean;
}

export class RescanPool implements RequestChecker {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly maxQueuedBytes: number;
  private queuedBytes = 0;
  private nextId = 1;
  private closed = false;
  private replaced = 0;
  private readyWaiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private startupError: Error | undefined;

  constructor(private readonly options: RescanPoolOptions) {
    this.size = Math.max(1, options.size ?? os.availableParallelism());
    this.maxQueue = options.maxQueue ?? this.size * 64;
    this.maxQueuedBytes = options.maxQueuedBytes ?? 16 * 1024 * 1024;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  /**
   * Resolves once every worker has loaded the detector; rejects when a worker fails before that
   * (a missing or broken worker script), so a server never starts without its re-scan.
   */
  ready(): Promise<void> {
    if (this.startupError) return Promise.reject(this.startupError);
    if (this.slots.every((s) => s.ready) || this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  stats(): RescanPoolStats {
    return {
      size: this.size,
      ready: this.slots.filter((s) => s.ready).length,
      running: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      replaced: this.replaced,
    };
  }

  hasCapacity(): boolean {
    if (this.closed) return false;
    if (this.queue.length === 0 && this.slots.some((s) => s.ready && !s.job)) return true;
    return this.queue.length < this.maxQueue;
  }

  check(body: Uint8Array, options: CheckOptions): Promise<CheckOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'failed' });
    // The worker gets the bytes themselves: a view on part of a larger buffer is copied first.
    const bytes =
      body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
        ? (body.buffer as ArrayBuffer)
        : body.slice().buffer;
    return new Promise((resolve) => {
      const size = bytes.byteLength;
      const job: Job = { task: { id: this.nextId++, bytes, options }, size, resolve };
      const idle = this.slots.find((s) => s.ready && !s.job);
      if (idle && this.queue.length === 0) {
        this.dispatch(idle, job);
        return;
      }
      if (this.queue.length >= this.maxQueue || this.queuedBytes + size > this.maxQueuedBytes) {
        resolve({ kind: 'busy' });
        return;
      }
      job.waitTimer = setTimeout(() => {
        if (this.unqueue(job)) resolve({ kind: 'busy' });
      }, this.options.budgetMs);
      this.queue.push(job);
      this.queuedBytes += size;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.waitTimer);
      job.resolve({ kind: 'failed' });
    }
    this.queuedBytes = 0;
    await Promise.all(
      this.slots.map((s) => {
        clearTimeout(s.timer);
        s.job?.resolve({ kind: 'failed' });
        s.job = undefined;
        s.retired = true;
        return s.worker.terminate();
      }),
    );
    for (const w of this.readyWaiters.splice(0)) w.resolve();
  }

  private spawn(): Slot {
    const workerData: WorkerOptions = this.options.modelPath
      ? { modelPath: this.options.modelPath }
      : {};
    const worker = new Worker(this.options.script, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 256 },
    });
    // The pool must not keep a process alive on its own; the server owns the lifetime.
    worker.unref();
    const slot: Slot = { worker, ready: false, retired: false };
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) {
        slot.ready = true;
        if (this.slots.every((s) => s.ready)) {
          for (const w of this.readyWaiters.splice(0)) w.resolve();
        }
        this.pump();
        return;
      }
      const job = slot.job;
      if (!job || job.task.id !== msg.id) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      job.resolve(msg.result);
      this.pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      // A heap over its limit ends the worker with ERR_WORKER_OUT_OF_MEMORY: the scan was too
      // costly, like one over the time budget. Anything else is a broken scan: fail closed.
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!slot.ready && !outOfMemory) this.failStartup(err);
      this.lose(slot, outOfMemory ? { kind: 'timeout' } : { kind: 'failed' });
    });
    worker.on('exit', (code) => {
      if (slot.retired) return;
      if (!slot.ready) this.failStartup(new Error(`a re-scan worker exited with ${code}`));
      this.lose(slot, { kind: 'failed' });
    });
    return slot;
  }

  private failStartup(err: Error): void {
    this.startupError ??= err;
    for (const w of this.readyWaiters.splice(0)) w.reject(err);
  }

  private dispatch(slot: Slot, job: Job): void {
    clearTimeout(job.waitTimer);
    slot.job = job;
    slot.timer = setTimeout(() => this.lose(slot, { kind: 'timeout' }), this.options.budgetMs);
    slot.worker.postMessage(job.task, [job.task.bytes]);
  }

  /** Ends a worker (its scan answered with `outcome`) and puts a fresh one in its place. */
  private lose(slot: Slot, outcome: CheckOutcome): void {
    if (slot.retired) return;
    slot.retired = true;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.resolve(outcome);
    void slot.worker.terminate();
    if (this.closed) return;
    this.replaced++;
    const i = this.slots.indexOf(slot);
    // A worker that died before it was ever ready will likely die again: wait before the next.
    const start = (): void => {
      if (this.closed || i < 0) return;
      this.slots[i] = this.spawn();
    };
    if (slot.ready) start();
    else setTimeout(start, 1_000).unref();
  }

  /** Takes `job` out of the queue; false when it was not there (dispatched already). */
  private unqueue(job: Job): boolean {
    const i = this.queue.indexOf(job);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    this.queuedBytes -= job.size;
    return true;
  }

  private pump(): void {
    for (const slot of this.slots) {
      const job = this.queue[0];
      if (!job) return;
      if (!slot.ready || slot.job || slot.retired) continue;
      this.unqueue(job);
      this.dispatch(slot, job);
    }
  }
}

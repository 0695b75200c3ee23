/**
 * A small HTTP/1.1 load generator for the benchmarks, over raw keep-alive TCP sockets.
 *
 * Why not autocannon: its fixed-rate mode sends each connection's share of a second's requests
 * in bursts on timer ticks, so a 500 requests/s run arrives as spikes that queue behind each
 * other, and its flat-out mode with many connections measures queueing, not the server. This
 * generator is open loop at a fixed rate: request i is due at start + i / rate, whatever happened
 * to earlier requests (no coordinated omission), it is sent on an idle connection (a new one is
 * opened when all are busy, so a slow server never delays a send), and latency is taken both from
 * the intended send time (includes any lateness of the generator itself) and from the actual
 * write. Without a rate it is closed loop: `connections` requests in flight, each connection
 * sending its next request when the previous answer is complete (a throughput ceiling).
 *
 * The request bytes are built once and responses are parsed only as far as framing needs
 * (status, Content-Length or chunked encoding), so the generator's own CPU cost per request stays
 * small next to the servers it measures on the same machine.
 */
import net from 'node:net';

export interface LoadSpec {
  host: string;
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second, evenly spaced (open loop). Omit for closed loop. */
  rate?: number;
  /** Open loop: connections opened before the start. Closed loop: requests in flight. */
  connections: number;
  durationMs: number;
  /** Open loop: never open more sockets than this (requests wait for one, counted in latency). */
  maxConnections?: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadStats {
  /** Requests due in the run (open loop) or sent (closed loop). */
  sent: number;
  /** 200 answers, read to the last byte. */
  ok: number;
  /** Non-200 answers, socket errors and requests still unanswered 5 s after the run ended. */
  failures: number;
  durationS: number;
  /** Completed 200 answers per second of the run. */
  rps: number;
  /** ms from the intended send time to the last byte of the answer (open loop). */
  latency: Percentiles;
  /** ms from the write of the request to the last byte of the answer. */
  service: Percentiles;
  /** ms by which the send followed its intended time (the generator's own timer lateness). */
  sendLag: Percentiles;
  /** Most sockets open at once. */
  sockets: number;
  /** This process's CPU (user + system) per request, ms. */
  cpuMsPerReq: number;
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

interface Pending {
  intended: number;
  sentAt: number;
}

/** Incremental HTTP/1.1 response framing: returns the status once the whole response is in. */
export class ResponseReader {
  private head: Buffer | undefined;
  private status = 0;
  /** Content-Length mode: bytes still to come; -1 = chunked. */
  private remaining = 0;
  private chunked = false;
  private inHead = true;
  /** Chunked mode: bytes left in the current chunk, including its trailing CRLF. */
  private chunkLeft = 0;
  private leftover: Buffer | undefined;
  private lastChunkSeen = false;

  /** Feeds bytes; returns the status when the response is complete, else 0. */
  push(data: Buffer): number {
    let buf = data;
    if (this.inHead) {
      buf = this.head ? Buffer.concat([this.head, data]) : data;
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        this.head = buf;
        return 0;
      }
      const headText = buf.toString('latin1', 0, end).toLowerCase();
      this.status = Number(headText.slice(9, 12));
      this.chunked = /\r\ntransfer-encoding:[ \t]*chunked/.test(headText);
      const length = /\r\ncontent-length:[ \t]*(\d+)/.exec(headText);
      this.remaining = length ? Number(length[1]) : 0;
      this.inHead = false;
      this.head = undefined;
      buf = buf.subarray(end + 4);
    }
    return this.chunked ? this.pushChunked(buf) : this.pushLength(buf);
  }

  private pushLength(buf: Buffer): number {
    this.remaining -= buf.length;
    return this.remaining <= 0 ? this.done() : 0;
  }

  private pushChunked(data: Buffer): number {
    const buf = this.leftover ? Buffer.concat([this.leftover, data]) : data;
    this.leftover = undefined;
    let i = 0;
    for (;;) {
      if (this.chunkLeft > 0) {
        const take = Math.min(this.chunkLeft, buf.length - i);
        i += take;
        this.chunkLeft -= take;
        if (this.chunkLeft > 0) return 0;
        if (this.lastChunkSeen) return this.done();
        continue;
      }
      const eol = buf.indexOf('\r\n', i);
      if (eol < 0) {
        this.leftover = buf.subarray(i);
        return 0;
      }
      const size = parseInt(buf.toString('latin1', i, eol).split(';')[0] ?? '', 16);
      i = eol + 2;
      if (size === 0) {
        // The terminating chunk; no trailers are expected, only the final CRLF.
        this.lastChunkSeen = true;
        this.chunkLeft = 2;
      } else {
        this.chunkLeft = size + 2;
      }
    }
  }

  private done(): number {
    const status = this.status;
    this.inHead = true;
    this.status = 0;
    this.remaining = 0;
    this.chunked = false;
    this.chunkLeft = 0;
    this.lastChunkSeen = false;
    this.leftover = undefined;
    return status;
  }
}

interface Conn {
  socket: net.Socket;
  reader: ResponseReader;
  current: Pending | undefined;
  alive: boolean;
}

export function runLoad(spec: LoadSpec): Promise<LoadStats> {
  const method = spec.method ?? 'POST';
  const body = Buffer.from(spec.body ?? '');
  const headerLines = Object.entries({
    Host: `${spec.host}:${spec.port}`,
    ...spec.headers,
    ...(body.length > 0 || method === 'POST' ? { 'Content-Length': String(body.length) } : {}),
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const request = Buffer.concat([
    Buffer.from(`${method} ${spec.path} HTTP/1.1\r\n${headerLines}\r\n`, 'latin1'),
    body,
  ]);

  const latency: number[] = [];
  const service: number[] = [];
  const sendLag: number[] = [];
  let ok = 0;
  let failures = 0;
  let sent = 0;
  let sockets = 0;
  let maxSockets = 0;
  const idle: Conn[] = [];
  const waiting: Pending[] = [];
  const maxConnections = spec.maxConnections ?? 1024;
  let stopped = false;
  let inFlight = 0;
  let onDrained: (() => void) | undefined;

  const open = (): Promise<Conn> =>
    new Promise((resolve, reject) => {
      const socket = net.connect({ host: spec.host, port: spec.port });
      socket.setNoDelay(true);
      const conn: Conn = { socket, reader: new ResponseReader(), current: undefined, alive: true };
      sockets++;
      maxSockets = Math.max(maxSockets, sockets);
      socket.once('connect', () => resolve(conn));
      socket.on('data', (data: Buffer) => {
        const status = conn.reader.push(data);
        if (status === 0) return;
        const p = conn.current;
        conn.current = undefined;
        if (p) complete(p, status);
        release(conn);
      });
      const gone = (): void => {
        if (!conn.alive) return;
        conn.alive = false;
        sockets--;
        const i = idle.indexOf(conn);
        if (i >= 0) idle.splice(i, 1);
        if (conn.current) {
          conn.current = undefined;
          fail();
        }
      };
      socket.on('error', (err) => {
        gone();
        reject(err);
      });
      socket.on('close', gone);
    });

  const complete = (p: Pending, status: number): void => {
    // Requests sent during the run count even when they finish after it.
    inFlight--;
    if (status === 200) {
      const t = performance.now();
      ok++;
      latency.push(t - p.intended);
      service.push(t - p.sentAt);
    } else {
      failures++;
    }
    if (inFlight === 0) onDrained?.();
  };
  const fail = (): void => {
    inFlight--;
    failures++;
    if (inFlight === 0) onDrained?.();
  };

  const send = (conn: Conn, p: Pending): void => {
    p.sentAt = performance.now();
    sendLag.push(p.sentAt - p.intended);
    conn.current = p;
    conn.socket.write(request);
  };

  /** A connection is free again: closed loop sends at once, open loop serves the queue first. */
  let closedLoopNext: ((conn: Conn) => void) | undefined;
  const release = (conn: Conn): void => {
    if (!conn.alive) return;
    if (closedLoopNext) {
      closedLoopNext(conn);
      return;
    }
    const next = waiting.shift();
    if (next) send(conn, next);
    else idle.push(conn);
  };

  const dispatch = (intended: number): void => {
    sent++;
    inFlight++;
    const p: Pending = { intended, sentAt: 0 };
    const conn = idle.pop();
    if (conn) {
      send(conn, p);
      return;
    }
    waiting.push(p);
    if (sockets < maxConnections) {
      open().then(
        (c) => release(c),
        () => {},
      );
    }
  };

  return (async () => {
    const conns = await Promise.all(Array.from({ length: spec.connections }, () => open()));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now() + 5;
    const end = t0 + spec.durationMs;

    if (spec.rate === undefined) {
      closedLoopNext = (conn) => {
        if (stopped) {
          idle.push(conn);
          return;
        }
        const now = performance.now();
        sent++;
        inFlight++;
        send(conn, { intended: now, sentAt: now });
      };
      await new Promise((r) => setTimeout(r, 5));
      for (const c of conns) closedLoopNext(c);
      await new Promise((r) => setTimeout(r, spec.durationMs));
      stopped = true;
    } else {
      idle.push(...conns);
      const interval = 1000 / spec.rate;
      let i = 0;
      await new Promise<void>((resolve) => {
        const tick = (): void => {
          const now = performance.now();
          for (;;) {
            const due = t0 + i * interval;
            if (due >= end) {
              resolve();
              return;
            }
            if (due > now) break;
            dispatch(due);
            i++;
          }
          // Node's timers have 1 ms resolution: a due time less than 1 ms away fires a little
          // late, and the lateness is recorded (sendLag) and included in `latency`.
          setTimeout(tick, Math.max(0, t0 + i * interval - performance.now()));
        };
        setTimeout(tick, Math.max(0, t0 - performance.now()));
      });
      stopped = true;
    }
    const durationS = (performance.now() - t0) / 1000;
    const okInRun = ok;
    // Let what is in flight finish (its latency counts), but not forever.
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        onDrained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const cpu = process.cpuUsage(cpu0);
    const unanswered = inFlight;
    for (const c of [...idle, ...conns]) c.socket.destroy();
    return {
      sent,
      ok,
      failures: failures + unanswered,
      durationS,
      rps: okInRun / durationS,
      latency: percentiles(latency),
      service: percentiles(service),
      sendLag: percentiles(sendLag),
      sockets: maxSockets,
      cpuMsPerReq: (cpu.user + cpu.system) / 1000 / Math.max(1, sent),
    };
  })();
}

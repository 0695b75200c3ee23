/**
 * The Node log sink: one JSON line per request, written to a stream in batches (at most every
 * `maxDelayMs` or `maxBytes`), so logging costs one write per batch instead of one per request.
 * Flushed synchronously on exit so no line is lost on a normal shutdown.
 */
import { writeSync } from 'node:fs';
import type { RequestLogLine } from './proxy';

export interface BatchedLogger {
  log(line: RequestLogLine): void;
  flush(): void;
}

export function batchedLogger(
  fd: number,
  options: { maxDelayMs?: number; maxBytes?: number } = {},
): BatchedLogger {
  const maxDelayMs = options.maxDelayMs ?? 50;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  let buffer = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!buffer) return;
    const text = buffer;
    buffer = '';
    try {
      writeSync(fd, text);
    } catch {
      // A closed or broken stdout must not take requests down.
    }
  };
  process.on('exit', flush);
  return {
    log(line) {
      buffer += `${JSON.stringify(line)}\n`;
      if (buffer.length >= maxBytes) flush();
      else timer ??= setTimeout(flush, maxDelayMs);
    },
    flush,
  };
}

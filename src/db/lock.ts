/**
 * Serialises audit appends. In browsers the Web Locks API holds the lock across every tab of the
 * origin; where it is missing (fake-indexeddb in Node, very old browsers) an in-process queue is
 * used, and the append transaction's own check (see audit.ts) still prevents a fork.
 */
let tail: Promise<unknown> = Promise.resolve();

export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) return locks.request(name, fn) as Promise<T>;
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}

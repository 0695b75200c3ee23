/**
 * Runs `work` once the page is idle (requestIdleCallback), at the latest after `timeoutMs`; a
 * plain timeout where the browser has no idle callbacks (Safari). Returns a cancel function.
 */
export function whenIdle(work: () => void, timeoutMs = 2_000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(work, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(work, 200);
  return () => window.clearTimeout(id);
}

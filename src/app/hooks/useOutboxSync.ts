import { useEffect } from 'react';

/** Starts the outbox sync once the shell has painted, with its code loaded on demand. */
export function useOutboxSync(): void {
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      void import('../outbox-sync').then(({ startOutboxSync }) => {
        if (!cancelled) stop = startOutboxSync();
      });
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop?.();
    };
  }, []);
}

import { useEffect } from 'react';

/**
 * Starts what runs in the background of every view once the shell has painted, with its code
 * loaded on demand: the outbox sync and the relay of storage failures to the shell's banner.
 */
export function useBackgroundServices(): void {
  useEffect(() => {
    const stops: Array<() => void> = [];
    let cancelled = false;
    const timer = setTimeout(() => {
      void import('../storage-relay').then(({ relayStorageErrors }) => {
        if (!cancelled) stops.push(relayStorageErrors());
      });
      void import('../outbox-sync').then(({ startOutboxSync }) => {
        if (!cancelled) stops.push(startOutboxSync());
      });
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, []);
}

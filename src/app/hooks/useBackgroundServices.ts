import { useEffect } from 'react';
import { whenIdle } from '../idle';

/**
 * Starts what runs in the background of every view once the shell has painted, with its code
 * loaded on demand: the outbox sync and the relay of storage failures to the shell's banner; and,
 * when the page is first idle, the analysis worker with its names model, so that the first preview
 * of a visit does not wait for them (the preview shows the pattern stage meanwhile).
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
    const stopIdle = whenIdle(() => {
      // a failure is shown by the preview and fails the send closed; nothing to do here
      void import('../../orchestrator/analysis-client').then(({ namesModelReady }) =>
        namesModelReady().catch(() => undefined),
      );
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stopIdle();
      for (const stop of stops) stop();
    };
  }, []);
}

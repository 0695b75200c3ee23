import { useEffect, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker that precaches the app shell (so the app opens offline) and reports
 * when a new release is waiting. `update()` activates it and reloads.
 */
export function useServiceWorker(): { updateReady: boolean; update: () => void } {
  const [updateReady, setUpdateReady] = useState(false);
  const [updater, setUpdater] = useState<(() => Promise<void>) | undefined>();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const updateSW = registerSW({
      immediate: true,
      onNeedRefresh: () => setUpdateReady(true),
    });
    setUpdater(() => () => updateSW(true));
  }, []);
  return { updateReady, update: () => void updater?.() };
}

/**
 * Whether the first-run introduction is still to be shown. Dismissal is remembered in
 * localStorage; e2e tests set the same key before the page loads to skip the introduction.
 */
import { useCallback, useState } from 'react';

export const FIRST_RUN_KEY = 'hearth.firstRunDone';

/** True once the person has finished or skipped the introduction (on this browser profile). */
export function firstRunDone(): boolean {
  try {
    return localStorage.getItem(FIRST_RUN_KEY) !== null;
  } catch {
    // No storage: never nag on every visit; treat as seen.
    return true;
  }
}

export function markFirstRunDone(): void {
  try {
    localStorage.setItem(FIRST_RUN_KEY, new Date().toISOString());
  } catch {
    // Best effort: the introduction stays dismissed for this page's life.
  }
}

/** `open` until dismissed; `dismiss()` hides it for good. */
export function useFirstRun(): { open: boolean; dismiss: () => void } {
  const [open, setOpen] = useState(() => !firstRunDone());
  const dismiss = useCallback(() => {
    markFirstRunDone();
    setOpen(false);
  }, []);
  return { open, dismiss };
}

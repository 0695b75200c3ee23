/**
 * The "Install Hearth" offer. Chrome fires `beforeinstallprompt` when the app is installable; we
 * keep the event and offer installation only at a sensible moment, never on a first visit's
 * first paint and never again once declined:
 * - after the first request completed in this page's life (watched in ./installMoment, loaded
 *   only once Chrome has offered installation), or when another part of the app calls
 *   `offerInstall()` (e.g. the Models view once a model is downloaded), or
 * - on a return visit, after the page has been open for RETURN_VISIT_DELAY_MS.
 * The listener is registered when this module is evaluated (the shell imports it), because the
 * event can fire before any component mounts.
 */
import { useEffect, useSyncExternalStore } from 'react';

/** Chrome's BeforeInstallPromptEvent (not in lib.dom). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

export const INSTALL_DISMISSED_KEY = 'hearth.installDismissed';
export const VISITS_KEY = 'hearth.visits';
export const RETURN_VISIT_DELAY_MS = 20_000;

export interface InstallState {
  /** Chrome said the app is installable and gave us its prompt. */
  available: boolean;
  /** The right moment has come (see the module comment). */
  moment: boolean;
  /** The person declined before (remembered). */
  dismissed: boolean;
  /** Installed, or running as the installed app. */
  installed: boolean;
}

/** Whether to show the offer now. */
export function shouldOfferInstall(s: InstallState): boolean {
  return s.available && s.moment && !s.dismissed && !s.installed;
}

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function storageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered across visits; still honoured for this one.
  }
}

let deferred: BeforeInstallPromptEvent | undefined;
let state: InstallState = {
  available: false,
  moment: false,
  dismissed: false,
  installed: false,
};
const listeners = new Set<() => void>();
let visits = 0;
const pageLoadedAt = Date.now();
let watching = false;

function update(patch: Partial<InstallState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') {
  visits = Number(storageGet(VISITS_KEY) ?? '0') + 1;
  if (!Number.isFinite(visits)) visits = 1;
  storageSet(VISITS_KEY, String(visits));
  state = {
    ...state,
    dismissed: storageGet(INSTALL_DISMISSED_KEY) !== null,
    installed: window.matchMedia?.('(display-mode: standalone)').matches ?? false,
  };
  window.addEventListener('beforeinstallprompt', (event) => {
    // Keep Chrome's own mini-infobar away; we offer it at our moment instead.
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    update({ available: true });
    if (!watching && !state.moment && !state.dismissed) {
      watching = true;
      void import('./installMoment')
        .then((m) => m.watchFirstRequest(pageLoadedAt, offerInstall))
        .catch(() => undefined);
    }
  });
  window.addEventListener('appinstalled', () => {
    deferred = undefined;
    update({ installed: true, available: false });
  });
}

/** Signal a good moment to offer installation (e.g. after the first completed request). */
export function offerInstall(): void {
  if (!state.moment) update({ moment: true });
}

/** Show Chrome's install dialog; a refusal counts as "not now" for good. */
export async function promptInstall(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
  const event = deferred;
  if (!event) return 'unavailable';
  deferred = undefined; // a prompt can be shown once per event
  update({ available: false });
  await event.prompt();
  const { outcome } = await event.userChoice;
  if (outcome === 'dismissed') dismissInstall();
  return outcome;
}

/** "Not now": never offer again on this browser profile. */
export function dismissInstall(): void {
  storageSet(INSTALL_DISMISSED_KEY, new Date().toISOString());
  update({ dismissed: true });
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** Whether to show the offer, plus its actions. Starts the return-visit timer while mounted. */
export function useInstallPrompt(): {
  show: boolean;
  install: () => Promise<unknown>;
  dismiss: () => void;
} {
  const snapshot = useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
  useEffect(() => {
    if (visits < 2 || state.moment) return;
    const timer = setTimeout(offerInstall, RETURN_VISIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return { show: shouldOfferInstall(snapshot), install: promptInstall, dismiss: dismissInstall };
}

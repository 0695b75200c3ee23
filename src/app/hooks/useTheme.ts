/**
 * The colour theme: follows the system unless the person picks light or dark. The choice is kept
 * in localStorage and applied as `data-theme` on <html>, which styles.css reads. The stored
 * choice is applied when this module is first imported (by the shell, before React renders), so a
 * reload in dark mode does not flash light: the CSP forbids the usual inline <script> for that.
 */
import { useCallback, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'hearth.theme';
const ORDER: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function isChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** The stored choice; 'system' when nothing (or something unreadable) is stored. */
export function readTheme(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return isChoice(stored) ? stored : 'system';
  } catch {
    // Storage can be disabled (privacy settings): follow the system.
    return 'system';
  }
}

/** Reflect a choice on <html>: no attribute for 'system', so the media query decides. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement) {
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
}

/** The choice after `current` in the toggle's cycle: system → light → dark → system. */
export function nextTheme(current: ThemeChoice): ThemeChoice {
  return ORDER[(ORDER.indexOf(current) + 1) % ORDER.length] ?? 'system';
}

const listeners = new Set<() => void>();
let current: ThemeChoice = typeof window === 'undefined' ? 'system' : readTheme();
if (typeof document !== 'undefined') applyTheme(current);

/** Store, apply and broadcast a choice. */
export function setTheme(choice: ThemeChoice): void {
  current = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not persisted, still applied for this session.
  }
  applyTheme(choice);
  listeners.forEach((l) => l());
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab changed the theme.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== THEME_STORAGE_KEY && e.key !== null) return;
    current = readTheme();
    applyTheme(current);
    onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** The current theme choice and a function that moves to the next one. */
export function useTheme(): { theme: ThemeChoice; cycle: () => void; set: typeof setTheme } {
  const theme = useSyncExternalStore(
    subscribe,
    () => current,
    () => 'system' as const,
  );
  const cycle = useCallback(() => setTheme(nextTheme(current)), []);
  return { theme, cycle, set: setTheme };
}

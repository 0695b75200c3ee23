import { useEffect, useRef } from 'react';

/**
 * Keeps `--composer-inset` on the chat element equal to the composer's height. On narrow screens
 * the composer is fixed to the bottom of the viewport (chat.css), so the messages need that much
 * room below them to never end up hidden behind it.
 */
export function useComposerInset<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const root = ref.current;
    const composer = root?.querySelector<HTMLElement>('.composer');
    if (!root || !composer || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--composer-inset', `${Math.ceil(composer.offsetHeight)}px`);
    });
    observer.observe(composer);
    return () => observer.disconnect();
  }, []);
  return ref;
}

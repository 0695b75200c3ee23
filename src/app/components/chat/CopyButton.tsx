/**
 * Copies a message's text, with the real values, to the clipboard; says "Copied" for a moment
 * (visibly, and to screen readers through a status region).
 */
import { useEffect, useState } from 'react';

/** How long "Copied" stays on the button. */
const COPIED_MS = 2000;

export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), COPIED_MS);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="copy-message">
      <button
        type="button"
        className="copy-button"
        aria-label={state === 'copied' ? 'Copied' : 'Copy message'}
        onClick={copy}
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span role="status" className={state === 'failed' ? 'error' : 'visually-hidden'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </span>
  );
}

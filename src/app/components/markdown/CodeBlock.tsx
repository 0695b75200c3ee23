import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface CodeBlockProps {
  /** The code as plain text, for the clipboard. */
  text: string;
  /** The rendered (possibly highlighted) <code> element. */
  children: ReactNode;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** A <pre> block with a Copy button; the result is announced to screen readers. */
export function CodeBlock({ text, children }: CodeBlockProps) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // Clipboard permission denied or not a secure context.
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  };

  return (
    <div className="code-block">
      <button type="button" className="code-copy" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
        <span className="visually-hidden"> code</span>
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Code copied to the clipboard' : ''}
      </span>
      <pre tabIndex={0}>{children}</pre>
    </div>
  );
}

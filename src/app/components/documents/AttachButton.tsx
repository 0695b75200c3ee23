/**
 * Three ways to attach files to a message: the button (a file picker), dropping files on the
 * message box, and pasting files into it. Pasted text stays text.
 */
import { useCallback, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { ACCEPT_ATTRIBUTE } from '../../../core/documents';

export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title="Attach text, Markdown, CSV, PDF or Word files (or drop them on the message box)"
      >
        Attach files
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPT_ATTRIBUTE}
        aria-label="Choose files to attach"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = ''; // the same file can be chosen again after it was removed
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/** Drop and paste handlers for the message box, and whether files are being dragged over it. */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const onPaste = useCallback(
    (e: ClipboardEvent) => {
      const files = [...e.clipboardData.files];
      if (!files.length) return;
      e.preventDefault();
      onFiles(files);
    },
    [onFiles],
  );
  return {
    over,
    onPaste,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length) onFiles(files);
      },
    },
  };
}

/** Asks before deleting a conversation, saying what goes and what the audit log keeps. */
import { useEffect, useId, useRef } from 'react';

export function ConfirmDelete({
  title,
  onConfirm,
  onCancel,
}: {
  title: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={headingId} onClose={onCancel} className="left-device">
      <h2 id={headingId}>Delete “{title || 'Untitled'}”?</h2>
      <p>
        Its messages, the real values behind its placeholders and its attached documents are removed
        from this device. This cannot be undone; export it first to keep a copy.
      </p>
      <p>
        The audit log records that a conversation was deleted, with counts only: no title and no
        text.
      </p>
      <div className="composer-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Delete conversation
        </button>
      </div>
    </dialog>
  );
}

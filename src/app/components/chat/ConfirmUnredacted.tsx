/**
 * The explicit confirmation before sending personal values as they are. Regulated data never gets
 * here (the preview offers no override for it and the orchestrator refuses it anyway).
 */
import { useEffect, useRef } from 'react';

export function ConfirmUnredacted({
  found,
  tierName,
  onConfirm,
  onCancel,
}: {
  /** e.g. "1 email, 2 names" */
  found: string;
  tierName: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" onClose={onCancel} className="left-device">
      <h2 id="confirm-title">Send without redaction?</h2>
      <p>
        This message contains {found}. Normally they are replaced by placeholders before anything
        leaves this device. If you continue, they are sent as they are to {tierName}.
      </p>
      <p>
        The request is recorded in the audit log as an override. Keys and passwords are never sent,
        and the server may refuse unredacted requests.
      </p>
      <div className="composer-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          Yes, skip redaction
        </button>
      </div>
    </dialog>
  );
}

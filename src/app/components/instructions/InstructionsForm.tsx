/**
 * A custom instruction: text the user wants every request to carry (a tone, a signature, facts
 * about themselves). Sent as a system message, and analysed before it may leave like any message.
 */
import { useEffect, useId, useState } from 'react';
import './instructions.css';

export const INSTRUCTIONS_NOTE =
  'Sent with every request as an instruction, and analysed on this device first like your messages: personal details in it are replaced by placeholders before a cloud model sees it, and sensitive content (health, for example) keeps the request on this device.';

export function InstructionsForm({
  label,
  load,
  save,
}: {
  label: string;
  /** The stored instruction ('' when none). */
  load: () => Promise<string>;
  /** Stores it ('' removes it). */
  save: (text: string) => Promise<void>;
}) {
  const id = useId();
  const [value, setValue] = useState<string | undefined>();
  const [stored, setStored] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void load().then((v) => {
      if (!live) return;
      setValue(v);
      setStored(v);
    });
    return () => {
      live = false;
    };
  }, [load]);

  const submit = async (text: string) => {
    try {
      await save(text);
      setStored(text.trim());
      setValue(text.trim());
      setMessage(text.trim() ? 'Saved on this device.' : 'Removed.');
    } catch {
      setMessage('Could not save on this device (storage full or unavailable).');
    }
  };

  return (
    <form
      className="instructions-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(value ?? '');
      }}
    >
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value ?? ''}
        disabled={value === undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setMessage(undefined);
        }}
        aria-describedby={`${id}-note`}
      />
      <p id={`${id}-note`} className="muted">
        {INSTRUCTIONS_NOTE}
      </p>
      <p className="actions">
        <button type="submit" disabled={value === undefined || value.trim() === stored}>
          Save instructions
        </button>{' '}
        {stored && (
          <button type="button" onClick={() => void submit('')}>
            Remove instructions
          </button>
        )}
      </p>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

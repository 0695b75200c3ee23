/**
 * Editing a sent message in place: the same live preview as the composer (the edited text with the
 * conversation before it), a plain statement of what sending will remove, then the same send.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { listMessages, type Message } from '../../../db';
import { chatRunner, historyOf } from './chat-runner';
import { LivePreview } from './LivePreview';
import { usePreview } from './usePreview';

export function EditMessage({ message, onDone }: { message: Message; onDone: () => void }) {
  const [text, setText] = useState(message.content);
  const [all, setAll] = useState<Message[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  useEffect(() => {
    let live = true;
    void listMessages(message.conversationId).then((rows) => live && setAll(rows));
    return () => {
      live = false;
    };
  }, [message.conversationId]);
  const at = all?.findIndex((m) => m.id === message.id) ?? -1;
  const history = useMemo(() => historyOf(all && at >= 0 ? all.slice(0, at) : []), [all, at]);
  const later = all && at >= 0 ? all.length - at - 1 : 0;
  const {
    preview,
    analysed,
    error: previewError,
  } = usePreview(text, message.conversationId, history);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !all) return;
    try {
      await chatRunner.edit(message, text.trim());
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form
      className="edit-message"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Edit your message
      </label>
      <textarea
        id={id}
        rows={3}
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-note`}
      />
      <p id={`${id}-note`} className="note">
        {later > 0
          ? `Sending replaces this message and removes the ${later} message${later === 1 ? '' : 's'} after it (answers included). Cancel keeps everything.`
          : 'Sending replaces this message. Cancel keeps it.'}
      </p>
      <p className="actions">
        <button type="submit" className="primary" disabled={!text.trim() || !all}>
          Send edited message
        </button>{' '}
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </p>
      {error && (
        <p role="alert" className="error">
          Could not send: {error}
        </p>
      )}
      <LivePreview text={text} preview={preview} analysed={analysed} error={previewError} />
    </form>
  );
}

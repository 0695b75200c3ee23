import { memo, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ConfirmUnredacted } from './ConfirmUnredacted';
import { LivePreview, countsText } from './LivePreview';
import { usePreview } from './usePreview';

/**
 * The message box: Enter sends, Shift+Enter adds a line; Stop while an answer streams. Memoised:
 * the chat re-renders on every streamed frame, the composer need not.
 */
export const Composer = memo(function Composer({
  busy,
  waitingElsewhere = false,
  onSend,
  onStop,
}: {
  busy: boolean;
  /** An answer in another conversation is still being written: Send waits for it. */
  waitingElsewhere?: boolean;
  onSend: (text: string, options?: { override?: 'unredacted' }) => Promise<void>;
  onStop: () => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const { preview, analysed, error: previewError } = usePreview(text);
  const hintId = useId();

  const submit = async (override?: 'unredacted') => {
    const message = text.trim();
    if (!message || busy || waitingElsewhere) return;
    setText('');
    setError(undefined);
    try {
      await onSend(message, override ? { override } : undefined);
    } catch (err) {
      setText(message); // nothing is lost: the text comes back into the box
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <textarea
        aria-label="Message"
        aria-describedby={hintId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        rows={3}
        placeholder="Write a message"
      />
      <div className="composer-actions">
        <span id={hintId} className="muted">
          {waitingElsewhere
            ? 'An answer in another conversation is still being written; Send is available when it is done.'
            : 'Enter to send, Shift+Enter for a new line'}
        </span>
        {busy ? (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!text.trim() || waitingElsewhere}>
            Send
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          Could not send: {error}
        </p>
      )}
      <LivePreview
        text={text}
        preview={preview}
        analysed={analysed}
        error={previewError}
        onSendUnredacted={busy || waitingElsewhere ? undefined : () => setConfirming(true)}
      />
      {confirming && preview && (
        <ConfirmUnredacted
          found={countsText(preview.counts)}
          tierName={
            preview.decision.tier === 'private'
              ? "your organisation's private endpoint"
              : 'the cloud provider'
          }
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void submit('unredacted');
          }}
        />
      )}
    </form>
  );
});

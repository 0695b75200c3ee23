import { memo, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Message } from '../../../db';
import type { PendingDocument } from '../../../orchestrator/documents';
import { AttachButton, useFileDrop } from '../documents/AttachButton';
import { AttachmentTray } from '../documents/AttachmentTray';
import { useAttachments } from '../documents/useAttachments';
import { historyOf } from './chat-runner';
import { ConfirmUnredacted } from './ConfirmUnredacted';
import { LivePreview, countsText } from './LivePreview';
import { chatKeys, usePreview } from './usePreview';
import { enginesText } from './engines';
import { getAppOrchestrator } from '../../../orchestrator';
import { useQuery } from '@tanstack/react-query';
import { useHealth } from '../../hooks/useHealth';

/**
 * The message box: Enter sends, Shift+Enter adds a line; Stop while an answer streams. Memoised:
 * the chat re-renders on every streamed frame, the composer need not.
 */
export const Composer = memo(function Composer({
  conversationId,
  messages,
  busy,
  waitingElsewhere = false,
  onSend,
  onStop,
}: {
  /** The open conversation and its messages: the preview evaluates the message with them. */
  conversationId?: string;
  messages?: readonly Message[];
  busy: boolean;
  /** An answer in another conversation is still being written: Send waits for it. */
  waitingElsewhere?: boolean;
  onSend: (
    text: string,
    options?: { override?: 'unredacted'; attachments?: PendingDocument[] },
  ) => Promise<void>;
  onStop: () => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const history = useMemo(() => historyOf(messages ?? []), [messages]);
  const { preview, analysed, error: previewError } = usePreview(text, conversationId, history);
  const hintId = useId();
  const attachments = useAttachments();
  const drop = useFileDrop(attachments.add);
  // "Skip redaction…" only where this server would forward it (ALLOW_UNREDACTED_OVERRIDE).
  const overrideAllowed = useHealth().data?.override?.allowed === true;
  // The same query as the preview's: which engines can answer now, said quietly under the box.
  const engines = useQuery({
    queryKey: chatKeys.health,
    queryFn: () => getAppOrchestrator().health(),
    refetchInterval: 15_000,
  });

  const submit = async (override?: 'unredacted') => {
    const message = text.trim();
    if ((!message && !attachments.ready) || attachments.busy || busy || waitingElsewhere) return;
    const docs = attachments.take();
    setText('');
    setError(undefined);
    try {
      await onSend(message, {
        ...(override ? { override } : {}),
        ...(docs.length ? { attachments: docs } : {}),
      });
    } catch (err) {
      setText(message); // nothing is lost: the text and the files come back into the box
      attachments.restore(docs);
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
    <form
      className={`composer${drop.over ? ' dropping' : ''}`}
      onSubmit={onSubmit}
      {...drop.handlers}
    >
      <textarea
        aria-label="Message"
        aria-describedby={hintId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={drop.onPaste}
        rows={3}
        placeholder="Write a message"
      />
      <AttachmentTray
        items={attachments.items}
        notices={attachments.notices}
        onRemove={attachments.remove}
        onDismiss={attachments.dismiss}
      />
      <div className="composer-actions">
        <AttachButton onFiles={attachments.add} />
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
          <button
            type="submit"
            className="primary"
            disabled={(!text.trim() && !attachments.ready) || attachments.busy || waitingElsewhere}
          >
            Send
          </button>
        )}
      </div>
      {engines.data && (
        <p className="muted engines-status" data-testid="engines-status">
          {enginesText(engines.data)}
        </p>
      )}
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
        onSendUnredacted={
          busy || waitingElsewhere || !overrideAllowed ? undefined : () => setConfirming(true)
        }
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

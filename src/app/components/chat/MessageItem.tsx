import { useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router-dom';
import type { Message } from '../../../db';
import { MessageAttachments, MessageSources } from '../documents/MessageDocuments';
import type { AnswerRestorer } from '../markdown/answer-restorer';
import { Markdown } from '../markdown/Markdown';
import { EditMessage } from './EditMessage';
import { LeftDeviceDialog } from './LeftDeviceDialog';
import { EditButton, RegenerateButton, canRegenerate } from './MessageActions';
import { RouteBadge } from './RouteBadge';
import { chatRunner } from './chat-runner';
import { CopyButton } from './CopyButton';

const STATUS_NOTES: Partial<Record<NonNullable<Message['status']>, string>> = {
  stopped: 'Stopped before the answer was complete.',
  queued: 'Waiting in the outbox: it will be re-checked and sent when the cloud is reachable.',
  blocked: 'Not sent: this request may not leave this device and cannot be answered here now.',
};

const runnerBusy = () => chatRunner.getSnapshot().busy;
/** One answer at a time: Retry waits while another is being written. */
const useRunnerBusy = () => useSyncExternalStore(chatRunner.subscribe, runnerBusy, runnerBusy);

/**
 * Kept on this device because nothing can answer it now: says what is missing and the next step.
 * Retry sends it through the same analysis and routing again; Discard forgets it.
 */
function WaitingForLocal({ message }: { message: Message }) {
  const busy = useRunnerBusy();
  return (
    <div className="waiting" role="status" data-testid="waiting-local">
      <p>
        <strong>Waiting for a local model.</strong> No local model is loaded, and no cloud tier can
        take this message, so it stays on this device; nothing was sent.
      </p>
      <p>
        Next step: <Link to="/models">open Models</Link> to load a model on this device, or have a
        cloud tier configured on this server (<Link to="/policy">Policy and settings</Link> shows
        which tiers your policy allows). Then retry.
      </p>
      <p className="actions">
        <button type="button" disabled={busy} onClick={() => void chatRunner.retry(message)}>
          Retry
        </button>{' '}
        <button type="button" onClick={() => void chatRunner.discard(message)}>
          Discard
        </button>
      </p>
    </div>
  );
}

/** This server refused to send the text unredacted: nothing left; offer the redacted way. */
function OverrideRefused({ message }: { message: Message }) {
  const busy = useRunnerBusy();
  return (
    <p className="actions">
      This server does not allow sending unredacted text; nothing was sent.{' '}
      <button type="button" disabled={busy} onClick={() => void chatRunner.retry(message)}>
        Send redacted instead
      </button>
    </p>
  );
}

export function MessageItem({
  message,
  live,
  livePlaceholders,
  restorer,
  last = false,
}: {
  /** The latest message of the conversation: its answer may be regenerated. */
  last?: boolean;
  message: Message;
  /** The answer as it streams in. */
  live?: string;
  /** `live` is a cloud answer as written, with placeholders to fill in. */
  livePlaceholders?: boolean;
  /** Fills the conversation's placeholders into an answer's text nodes. */
  restorer?: AnswerRestorer | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const isUser = message.role === 'user';
  // A cloud answer with placeholders is rendered as written, with the values filled into its
  // text only; other text is rendered as it is.
  const withPlaceholders =
    live !== undefined ? livePlaceholders === true : message.raw !== undefined;
  const text = live ?? message.raw ?? message.content;
  const interrupted = message.status === 'streaming' && live === undefined;
  return (
    <li className={`message ${isUser ? 'from-user' : 'from-assistant'}`}>
      <span className="visually-hidden">{isUser ? 'You said:' : 'Answer:'}</span>
      {isUser && editing ? (
        <EditMessage message={message} onDone={() => setEditing(false)} />
      ) : isUser ? (
        <p className="user-text">{text}</p>
      ) : text ? (
        <Markdown
          text={text}
          streaming={live !== undefined}
          restorer={withPlaceholders ? restorer : undefined}
        />
      ) : live !== undefined ? (
        <p className="muted" aria-live="polite">
          Thinking…
        </p>
      ) : null}
      {isUser && message.attachments?.length ? (
        <MessageAttachments attachments={message.attachments} />
      ) : null}
      {isUser && !editing && <EditButton onEdit={() => setEditing(true)} />}
      {!isUser && message.sources?.length ? <MessageSources sources={message.sources} /> : null}
      {live === undefined && message.content.trim() !== '' && <CopyButton text={message.content} />}
      {!isUser && (
        <div className="message-meta">
          {message.routing && <RouteBadge routing={message.routing} onOpen={() => setOpen(true)} />}
          {message.status && STATUS_NOTES[message.status] && (
            <span className="muted">{STATUS_NOTES[message.status]}</span>
          )}
          {interrupted && (
            <span className="muted">Interrupted (the page was closed while it streamed).</span>
          )}
          {message.error && message.status !== 'complete' && (
            <span className="error">{message.error.message}</span>
          )}
          {message.status === 'waiting' && <WaitingForLocal message={message} />}
          {message.error?.code === 'override_not_allowed' && <OverrideRefused message={message} />}
          {message.error?.code === 'unauthorized' && (
            <span>
              This server needs an access token: enter it under{' '}
              <Link to="/policy">Policy and settings</Link>, then send again.
            </span>
          )}
          {message.routing?.note && <span className="note">{message.routing.note}</span>}
          {last && live === undefined && canRegenerate(message) && (
            <RegenerateButton message={message} />
          )}
        </div>
      )}
      {open && message.routing && (
        <LeftDeviceDialog
          routing={message.routing}
          conversationId={message.conversationId}
          onClose={() => setOpen(false)}
        />
      )}
    </li>
  );
}

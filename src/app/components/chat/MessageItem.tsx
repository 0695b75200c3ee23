import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Message } from '../../../db';
import { MessageAttachments, MessageSources } from '../documents/MessageDocuments';
import type { AnswerRestorer } from '../markdown/answer-restorer';
import { Markdown } from '../markdown/Markdown';
import { LeftDeviceDialog } from './LeftDeviceDialog';
import { RouteBadge } from './RouteBadge';

const STATUS_NOTES: Partial<Record<NonNullable<Message['status']>, string>> = {
  stopped: 'Stopped before the answer was complete.',
  queued: 'Waiting in the outbox: it will be re-checked and sent when the cloud is reachable.',
  blocked: 'Not sent: this request may not leave this device and cannot be answered here now.',
};

export function MessageItem({
  message,
  live,
  livePlaceholders,
  restorer,
}: {
  message: Message;
  /** The answer as it streams in. */
  live?: string;
  /** `live` is a cloud answer as written, with placeholders to fill in. */
  livePlaceholders?: boolean;
  /** Fills the conversation's placeholders into an answer's text nodes. */
  restorer?: AnswerRestorer | undefined;
}) {
  const [open, setOpen] = useState(false);
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
      {isUser ? (
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
      {!isUser && message.sources?.length ? <MessageSources sources={message.sources} /> : null}
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
          {message.error?.code === 'unauthorized' && (
            <span>
              This server needs an access token: enter it under{' '}
              <Link to="/policy">Policy and settings</Link>, then send again.
            </span>
          )}
          {message.routing?.note && <span className="note">{message.routing.note}</span>}
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

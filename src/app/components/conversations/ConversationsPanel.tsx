/**
 * The conversation list beside the chat on wide screens, and in a drawer on narrow ones (phones),
 * where it would otherwise push the chat or sit below it. The drawer is a modal <dialog>: the
 * page behind is inert, Escape and the Close button close it, and focus returns to the button
 * that opened it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { ConversationList } from './ConversationList';

/** Same width as the single-column layout in chat.css. */
export const NARROW_QUERY = '(max-width: 720px)';

/** Alt+Shift+N starts a new chat (Ctrl+N and Ctrl+Shift+N belong to the browser). */
export const NEW_CHAT_SHORTCUT = 'Alt+Shift+N';

export interface ConversationsPanelProps {
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
  onNewChat: () => void;
  onDeleted: (conversationId: string) => void;
}

function NewChatButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-keyshortcuts={NEW_CHAT_SHORTCUT}
      title={`New chat (${NEW_CHAT_SHORTCUT})`}
    >
      New chat
    </button>
  );
}

export function ConversationsPanel(props: ConversationsPanelProps) {
  const narrow = useMediaQuery(NARROW_QUERY);
  const list = (
    <ConversationList
      selectedId={props.selectedId}
      onSelect={props.onSelect}
      onDeleted={props.onDeleted}
    />
  );
  if (!narrow) {
    return (
      <aside className="chat-sidebar">
        <NewChatButton onClick={props.onNewChat} />
        {list}
      </aside>
    );
  }
  return <ConversationsDrawer {...props} />;
}

function ConversationsDrawer({
  selectedId,
  onSelect,
  onNewChat,
  onDeleted,
}: ConversationsPanelProps) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const drawerId = useId();

  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
  }, [open]);

  const close = () => {
    dialog.current?.close();
  };
  // Whatever closed it (Escape, Close, a choice), focus goes back to the button that opened it.
  const onClosed = () => {
    setOpen(false);
    opener.current?.focus();
  };
  const choose = (act: () => void) => () => {
    close();
    act();
  };

  return (
    <div className="chat-drawer-bar">
      <button
        ref={opener}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? drawerId : undefined}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">☰ </span>Conversations
      </button>
      <NewChatButton onClick={onNewChat} />
      {open && (
        <dialog
          ref={dialog}
          id={drawerId}
          className="chat-drawer"
          aria-labelledby={headingId}
          onClose={onClosed}
        >
          <div className="chat-drawer-head">
            <h2 id={headingId}>Conversations</h2>
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
          <NewChatButton onClick={choose(onNewChat)} />
          <ConversationList
            selectedId={selectedId}
            onSelect={(id) => choose(() => onSelect(id))()}
            onDeleted={onDeleted}
          />
        </dialog>
      )}
    </div>
  );
}

/**
 * One conversation in the list: opening it, and its actions (rename, export, delete) behind an
 * "Actions" disclosure so the list stays one line per conversation, also at 360 px.
 */
import {
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { deleteConversation, renameConversation, type Conversation } from '../../../db';
import { chatRunner } from '../chat/chat-runner';
import { ConfirmDelete } from './ConfirmDelete';
import { exportConversation, type ExportKind } from './conversation-files';

export interface ConversationItemProps {
  conversation: Conversation;
  snippet: string | undefined;
  selected: boolean;
  onSelect: (conversationId: string) => void;
  onDeleted?: (conversationId: string) => void;
  /** An action failed (shown by the list: a deleted item is gone before it could say so). */
  onError: (message: string | undefined) => void;
}

type Mode = 'closed' | 'actions' | 'renaming' | 'deleting';

const answering = () => {
  const s = chatRunner.getSnapshot();
  return s.busy ? s.conversationId : undefined;
};

export function ConversationItem({
  conversation: c,
  snippet,
  selected,
  onSelect,
  onDeleted,
  onError,
}: ConversationItemProps) {
  const [mode, setMode] = useState<Mode>('closed');
  const toggle = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const panelId = useId();
  const title = c.title || 'Untitled';
  // An answer being written into this conversation would be stored after its deletion.
  const busy = useSyncExternalStore(chatRunner.subscribe, answering, answering) === c.id;

  const close = () => {
    setMode('closed');
    toggle.current?.focus();
  };
  const fail = (err: unknown) => onError(err instanceof Error ? err.message : String(err));
  const run = (what: () => Promise<unknown>) => {
    onError(undefined);
    what().catch(fail);
  };
  const onExport = (kind: ExportKind) => run(() => exportConversation(c.id, kind));
  const onDelete = () => {
    setMode('closed');
    run(async () => {
      await deleteConversation(c.id);
      onDeleted?.(c.id);
    });
  };
  const onPanelKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      // Only this panel closes, not the drawer around the list (a modal dialog closes on Escape).
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <li className="conversation-item">
      <div className="conversation-row">
        <button
          type="button"
          className="conversation-open"
          aria-current={selected ? 'true' : undefined}
          onClick={() => onSelect(c.id)}
        >
          <span id={titleId} className="conversation-title">
            {title}
          </span>
          <span className="conversation-sub">
            {snippet ?? new Date(c.updatedAt).toLocaleString()}
          </span>
        </button>
        <button
          ref={toggle}
          type="button"
          className="conversation-more"
          aria-label="Actions"
          aria-describedby={titleId}
          aria-expanded={mode === 'actions' || mode === 'renaming'}
          aria-controls={panelId}
          onClick={() => setMode(mode === 'closed' ? 'actions' : 'closed')}
        >
          ⋯
        </button>
      </div>
      {(mode === 'actions' || mode === 'renaming') && (
        <div id={panelId} className="conversation-actions" onKeyDown={onPanelKey}>
          {mode === 'renaming' ? (
            <RenameForm
              title={c.title}
              onCancel={close}
              onSave={(next) => {
                close();
                run(() => renameConversation(c.id, next));
              }}
            />
          ) : (
            <>
              <button type="button" onClick={() => setMode('renaming')}>
                Rename
              </button>
              <button type="button" onClick={() => onExport('markdown')}>
                Export as Markdown
              </button>
              <button type="button" onClick={() => onExport('json')}>
                Export as JSON
              </button>
              <button
                type="button"
                className="danger"
                disabled={busy}
                title={busy ? 'An answer is being written; delete it when it is done.' : undefined}
                onClick={() => setMode('deleting')}
              >
                Delete…
              </button>
              <p className="muted">
                Exports are made on this device and hold the real values; nothing is sent.
              </p>
            </>
          )}
        </div>
      )}
      {mode === 'deleting' && (
        <ConfirmDelete title={c.title} onCancel={close} onConfirm={onDelete} />
      )}
    </li>
  );
}

function RenameForm({
  title,
  onSave,
  onCancel,
}: {
  title: string;
  onSave: (title: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(title);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = value.trim();
    if (next && next !== title) onSave(next);
    else onCancel();
  };
  return (
    <form onSubmit={submit} className="conversation-rename">
      <label htmlFor={id}>New title</label>
      <input
        id={id}
        value={value}
        maxLength={200}
        onChange={(e) => setValue(e.target.value)}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="submit">Save</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

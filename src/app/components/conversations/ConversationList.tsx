/**
 * The conversation list with search over titles and message text, live across tabs. Built to be
 * embedded by the chat view: it only reports which conversation was chosen.
 */
import { useDeferredValue, useId, useState } from 'react';
import { useConversationSearch } from '../../hooks/db/useConversationSearch';

export interface ConversationListProps {
  selectedId?: string | null;
  onSelect: (conversationId: string) => void;
}

export function ConversationList({ selectedId, onSelect }: ConversationListProps) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const hits = useConversationSearch(deferred);
  const id = useId();

  return (
    <nav aria-label="Conversations">
      <label htmlFor={id}>Search conversations</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Title or text"
        style={{ display: 'block', width: '100%', font: 'inherit' }}
      />
      {hits === undefined ? (
        <p>Loading conversations…</p>
      ) : hits.length === 0 ? (
        <p className="empty">
          {deferred.trim() ? 'No conversation matches.' : 'No conversations yet.'}
        </p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0' }}>
          {hits.map(({ conversation: c, snippet }) => (
            <li key={c.id}>
              <button
                type="button"
                aria-current={c.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(c.id)}
                style={{
                  display: 'block',
                  width: '100%',
                  textAlign: 'left',
                  marginBottom: 4,
                  fontWeight: c.id === selectedId ? 600 : 400,
                }}
              >
                <span style={{ display: 'block' }}>{c.title || 'Untitled'}</span>
                <span style={{ display: 'block', color: 'var(--muted)', fontSize: '0.85em' }}>
                  {snippet ?? new Date(c.updatedAt).toLocaleString()}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

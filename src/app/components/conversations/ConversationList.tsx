/**
 * The conversation list with search over titles and message text, live across tabs. Built to be
 * embedded by the chat view: it only reports which conversation was chosen.
 */
import { useDeferredValue, useId, useState } from 'react';
import { useConversationSearch } from '../../hooks/db/useConversationSearch';
import { ConversationItem } from './ConversationItem';

export interface ConversationListProps {
  selectedId?: string | null;
  onSelect: (conversationId: string) => void;
  /** A conversation was deleted (the view leaves it if it was open). */
  onDeleted?: (conversationId: string) => void;
}

export function ConversationList({ selectedId, onSelect, onDeleted }: ConversationListProps) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const hits = useConversationSearch(deferred);
  const id = useId();
  const [error, setError] = useState<string | undefined>();

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
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {hits === undefined ? (
        <p>Loading conversations…</p>
      ) : hits.length === 0 ? (
        <p className="empty">
          {deferred.trim() ? 'No conversation matches.' : 'No conversations yet.'}
        </p>
      ) : (
        <ul className="conversation-list">
          {hits.map(({ conversation: c, snippet }) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              snippet={snippet}
              selected={c.id === selectedId}
              onSelect={onSelect}
              onError={setError}
              {...(onDeleted ? { onDeleted } : {})}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}

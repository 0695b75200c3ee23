import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { listRecentMessages, type Message } from '../../../db';

/** How many messages a conversation opens with; older ones load on request. */
export const MESSAGE_PAGE = 200;

/**
 * A conversation's newest messages, live across tabs ([] for a new conversation). A long
 * conversation opens at its end; `showEarlier()` widens the window by one page.
 */
export function useMessages(conversationId: string | undefined): {
  messages: Message[] | undefined;
  hasEarlier: boolean;
  showEarlier: () => void;
} {
  const [limit, setLimit] = useState(MESSAGE_PAGE);
  const [forId, setForId] = useState(conversationId);
  if (forId !== conversationId) {
    // another conversation: start again at its end
    setForId(conversationId);
    setLimit(MESSAGE_PAGE);
  }
  const messages = useLiveQuery(
    () => (conversationId ? listRecentMessages(conversationId, limit) : Promise.resolve([])),
    [conversationId, limit],
  );
  const showEarlier = useCallback(() => setLimit((l) => l + MESSAGE_PAGE), []);
  return { messages, hasEarlier: (messages?.length ?? 0) >= limit, showEarlier };
}

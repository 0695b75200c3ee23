import { useLiveQuery } from 'dexie-react-hooks';
import { listMessages, type Message } from '../../../db';

/** A conversation's messages, live across tabs; [] for a new conversation. */
export function useMessages(conversationId: string | undefined): Message[] | undefined {
  return useLiveQuery(
    () => (conversationId ? listMessages(conversationId) : Promise.resolve([])),
    [conversationId],
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { searchConversations, type ConversationHit } from '../../../db';

/** Conversations matching `query` in their title or text (all when empty); live across tabs. */
export function useConversationSearch(query: string): ConversationHit[] | undefined {
  return useLiveQuery(() => searchConversations(query), [query]);
}

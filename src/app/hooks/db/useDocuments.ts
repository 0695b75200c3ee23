import { useLiveQuery } from 'dexie-react-hooks';
import { listConversations, listDocuments, type StoredDocument } from '../../../db';

export interface DocumentListing {
  document: StoredDocument;
  /** The conversation's title, when it still exists. */
  conversationTitle?: string;
}

/** Every stored document, newest first, with its conversation's title; live across tabs. */
export function useDocuments(): DocumentListing[] | undefined {
  return useLiveQuery(async () => {
    const [docs, conversations] = await Promise.all([listDocuments(), listConversations()]);
    const titles = new Map(conversations.map((c) => [c.id, c.title]));
    return docs.map((document) => {
      const title = titles.get(document.conversationId);
      return title === undefined ? { document } : { document, conversationTitle: title };
    });
  }, []);
}

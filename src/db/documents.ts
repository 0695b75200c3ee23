/**
 * Attached documents: stored with the message they came with, listed for the Memory view, read
 * back for retrieval, deleted alone or with their conversation (conversations.ts).
 */
import { db } from './schema';
import { guardWrite } from './errors';
import type { NewMessage } from './conversations';
import type { DocumentIndexRow, DocumentTextRow, Message, StoredDocument } from './types';

/** A document to store: its row, its text and its index (all with the same id). */
export interface NewDocument {
  document: Omit<StoredDocument, 'conversationId' | 'messageId' | 'createdAt' | 'storedBytes'>;
  text: Omit<DocumentTextRow, 'id' | 'conversationId'>;
  index: string;
}

/** UTF-16 text plus the index's JSON: about what the database holds for a document. */
function storedBytes(d: NewDocument): number {
  return d.text.text.length * 2 + d.index.length * 2;
}

/**
 * Stores a user's message and the documents attached to it in one transaction: either the
 * message and every document are stored, or nothing is (a full disk loses nothing already there).
 */
export async function addMessageWithDocuments(
  msg: NewMessage,
  documents: readonly NewDocument[],
): Promise<Message> {
  const stored: Message = {
    ...msg,
    id: msg.id ?? crypto.randomUUID(),
    createdAt: msg.createdAt ?? Date.now(),
  };
  const d = db();
  const tables = [d.messages, d.conversations, d.documents, d.documentTexts, d.documentIndexes];
  await guardWrite(() =>
    d.transaction('rw', tables, async () => {
      for (const doc of documents) {
        const id = doc.document.id;
        await d.documents.add({
          ...doc.document,
          conversationId: stored.conversationId,
          messageId: stored.id,
          createdAt: stored.createdAt,
          storedBytes: storedBytes(doc),
        });
        await d.documentTexts.add({ ...doc.text, id, conversationId: stored.conversationId });
        await d.documentIndexes.add({
          id,
          conversationId: stored.conversationId,
          index: doc.index,
        });
      }
      await d.messages.add(stored);
      await d.conversations.update(stored.conversationId, { updatedAt: stored.createdAt });
    }),
  );
  return stored;
}

/** Every stored document, newest first (the Memory view). */
export function listDocuments(): Promise<StoredDocument[]> {
  return db().documents.orderBy('createdAt').reverse().toArray();
}

/** A conversation's documents in the order they were attached. */
export async function listConversationDocuments(conversationId: string): Promise<StoredDocument[]> {
  const rows = await db().documents.where('conversationId').equals(conversationId).toArray();
  return rows.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export async function loadDocumentTexts(ids: readonly string[]): Promise<DocumentTextRow[]> {
  const rows = await db().documentTexts.bulkGet([...ids]);
  return rows.filter((r): r is DocumentTextRow => r !== undefined);
}

export async function loadDocumentIndexes(ids: readonly string[]): Promise<DocumentIndexRow[]> {
  const rows = await db().documentIndexes.bulkGet([...ids]);
  return rows.filter((r): r is DocumentIndexRow => r !== undefined);
}

/** Deletes one document: its row, its text and its index, all or nothing. */
export async function deleteDocument(id: string): Promise<void> {
  const d = db();
  await guardWrite(() =>
    d.transaction('rw', [d.documents, d.documentTexts, d.documentIndexes], async () => {
      await d.documents.delete(id);
      await d.documentTexts.delete(id);
      await d.documentIndexes.delete(id);
    }),
  );
}

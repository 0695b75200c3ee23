/** Conversations and their messages. */
import { db } from './schema';
import { DbError, guardWrite, toDbError } from './errors';
import { appendAudit } from './audit';
import type { DeletionRecord } from '../core/audit';
import type { Conversation, Message } from './types';

export async function createConversation(title: string): Promise<Conversation> {
  const now = Date.now();
  const conv: Conversation = { id: crypto.randomUUID(), title, createdAt: now, updatedAt: now };
  await guardWrite(() => db().conversations.add(conv));
  return conv;
}

export function getConversation(id: string): Promise<Conversation | undefined> {
  return db().conversations.get(id);
}

export async function renameConversation(id: string, title: string): Promise<void> {
  await guardWrite(() => db().conversations.update(id, { title, updatedAt: Date.now() }));
}

/** Most recently active first. */
export function listConversations(): Promise<Conversation[]> {
  return db().conversations.orderBy('updatedAt').reverse().toArray();
}

export interface ConversationHit {
  conversation: Conversation;
  /** A short excerpt around the first matching message, when the match was in the text. */
  snippet?: string;
}

/**
 * Case-insensitive substring search over titles and message text, most recent first. A linear
 * scan: fine for the thousands of messages a person writes; a word index would come next.
 */
export async function searchConversations(query: string): Promise<ConversationHit[]> {
  const q = query.trim().toLowerCase();
  const all = await listConversations();
  if (!q) return all.map((conversation) => ({ conversation }));
  const snippets = new Map<string, string>();
  await db().messages.each((m) => {
    if (snippets.has(m.conversationId)) return;
    const i = m.content.toLowerCase().indexOf(q);
    if (i >= 0) snippets.set(m.conversationId, excerpt(m.content, i, q.length));
  });
  const hits: ConversationHit[] = [];
  for (const c of all) {
    const inTitle = c.title.toLowerCase().includes(q);
    const snippet = snippets.get(c.id);
    if (inTitle || snippet !== undefined)
      hits.push(snippet === undefined ? { conversation: c } : { conversation: c, snippet });
  }
  return hits;
}

function excerpt(text: string, at: number, len: number): string {
  const start = Math.max(0, at - 40);
  const end = Math.min(text.length, at + len + 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

export type NewMessage = Omit<Message, 'id' | 'createdAt'> &
  Partial<Pick<Message, 'id' | 'createdAt'>>;

/** Stores a message and marks its conversation as active; returns the stored message. */
export async function addMessage(msg: NewMessage): Promise<Message> {
  const stored: Message = {
    ...msg,
    id: msg.id ?? crypto.randomUUID(),
    createdAt: msg.createdAt ?? Date.now(),
  };
  const d = db();
  await guardWrite(() =>
    d.transaction('rw', d.messages, d.conversations, async () => {
      await d.messages.add(stored);
      await d.conversations.update(stored.conversationId, { updatedAt: stored.createdAt });
    }),
  );
  return stored;
}

/** Stores many messages at once (imports, tests, benchmarks). */
export async function addMessages(msgs: readonly Message[]): Promise<void> {
  await guardWrite(() => db().messages.bulkAdd([...msgs]));
}

export async function updateMessage(
  id: string,
  patch: Partial<Omit<Message, 'id' | 'conversationId'>>,
): Promise<void> {
  await guardWrite(() => db().messages.update(id, patch));
}

/** Deletes messages (a discarded request and its unanswered reply). */
export async function deleteMessages(ids: readonly string[]): Promise<void> {
  await guardWrite(() => db().messages.bulkDelete([...ids]));
}

/** A conversation's messages in the order they were written. */
export function listMessages(conversationId: string): Promise<Message[]> {
  return db()
    .messages.where('[conversationId+createdAt]')
    .between([conversationId, -Infinity], [conversationId, Infinity])
    .toArray();
}

/**
 * The newest `limit` messages of a conversation, oldest first: what a chat view needs to open a
 * long conversation at its end; older ones are read with `before` as the user scrolls up.
 */
export async function listRecentMessages(
  conversationId: string,
  limit: number,
  before = Infinity,
): Promise<Message[]> {
  const rows = await db()
    .messages.where('[conversationId+createdAt]')
    .between([conversationId, -Infinity], [conversationId, before], true, false)
    .reverse()
    .limit(limit)
    .toArray();
  return rows.reverse();
}

/**
 * Deletes a conversation with its messages, vault, queued requests and attached documents (their
 * text and index), all or nothing; then records the deletion in the audit log, without content:
 * the conversation's random id and how many rows of each kind went. Returns those counts.
 *
 * The audit entry is written after the deletion committed (signing is asynchronous and cannot run
 * inside the IndexedDB transaction): the log never claims a deletion that did not happen. If the
 * append fails, the data is gone and the error says that only the record is missing.
 */
export async function deleteConversation(id: string): Promise<DeletionRecord> {
  const d = db();
  const tables = [
    d.conversations,
    d.messages,
    d.vault,
    d.outbox,
    d.documents,
    d.documentTexts,
    d.documentIndexes,
  ];
  const record = await guardWrite(() =>
    d.transaction('rw', tables, async (): Promise<DeletionRecord> => {
      const documents = await d.documents.where('conversationId').equals(id).delete();
      await d.documentTexts.where('conversationId').equals(id).delete();
      await d.documentIndexes.where('conversationId').equals(id).delete();
      const messages = await d.messages.where('conversationId').equals(id).delete();
      const vaultEntries = await d.vault.where('conversationId').equals(id).delete();
      const queued = await d.outbox.where('conversationId').equals(id).delete();
      await d.conversations.delete(id);
      return { what: 'conversation', messages, vaultEntries, documents, queued };
    }),
  );
  try {
    await appendAudit({
      kind: 'deletion',
      requestId: id,
      route: 'deleted',
      pattern: 'delete-conversation',
      tiersThatSawData: [],
      entityCounts: {},
      deleted: record,
    });
  } catch (err) {
    throw new DbError(
      toDbError(err).code,
      'The conversation was deleted, but the audit log could not record the deletion.',
      { cause: err },
    );
  }
  return record;
}

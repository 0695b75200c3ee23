/** Requests waiting for the cloud; they survive reloads and are sent oldest first. */
import { db } from './schema';
import { guardWrite } from './errors';
import type { OutboxItem, StructuredError } from './types';

export type NewOutboxItem = Pick<OutboxItem, 'conversationId' | 'messageId' | 'request'> &
  Partial<Pick<OutboxItem, 'id'>>;

export async function enqueueOutbox(item: NewOutboxItem): Promise<OutboxItem> {
  const stored: OutboxItem = {
    ...item,
    id: item.id ?? crypto.randomUUID(),
    createdAt: Date.now(),
    attempts: 0,
  };
  await guardWrite(() => db().outbox.add(stored));
  return stored;
}

/** Oldest first. */
export function listOutbox(): Promise<OutboxItem[]> {
  return db().outbox.orderBy('createdAt').toArray();
}

export async function removeOutbox(id: string): Promise<void> {
  await guardWrite(() => db().outbox.delete(id));
}

/** Records a failed attempt (atomically increments the counter). */
export async function markOutboxAttempt(id: string, error: StructuredError): Promise<void> {
  await guardWrite(() =>
    db()
      .outbox.where('id')
      .equals(id)
      .modify((o) => {
        o.attempts += 1;
        o.lastError = { code: error.code, message: error.message };
      }),
  );
}

/** How much this origin stores, how much it may, and whether the browser may evict it. */
import Dexie from 'dexie';
import { db } from './schema';
import { lastQuotaFailure } from './errors';

export interface StorageHealth {
  /** True when the browser promised not to evict this origin's data under pressure. */
  persisted: boolean;
  usageBytes: number | null;
  quotaBytes: number | null;
  /** Usage by kind where the browser reports it (Chromium: indexedDB, caches, ...). */
  usageDetails: Record<string, number>;
  counts: {
    conversations: number;
    messages: number;
    memories: number;
    audit: number;
    outbox: number;
  };
  lastQuotaError: { at: string; message: string } | null;
  /** What to delete first when space runs out, in words. */
  suggestions: string[];
}

const MB = 1024 * 1024;

export async function storageHealth(): Promise<StorageHealth> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const [persisted, estimate] = await Promise.all([
    storage?.persisted?.().catch(() => false) ?? Promise.resolve(false),
    storage?.estimate?.().catch(() => undefined) ?? Promise.resolve(undefined),
  ]);
  const d = db();
  const [conversations, messages, memories, audit, outbox] = await Promise.all([
    d.conversations.count(),
    d.messages.count(),
    d.memories.count(),
    d.auditIndex.count(),
    d.outbox.count(),
  ]);
  const usageDetails =
    (estimate as { usageDetails?: Record<string, number> } | undefined)?.usageDetails ?? {};
  const suggestions: string[] = [];
  const caches = usageDetails.caches ?? 0;
  if (caches > 50 * MB) {
    suggestions.push(
      `Downloaded models and cached files use ${(caches / MB).toFixed(0)} MB: delete models you no longer use on the Models page.`,
    );
  }
  if (messages > 0)
    suggestions.push(`Delete old conversations (${conversations} stored, ${messages} messages).`);
  if (!persisted)
    suggestions.push(
      'Allow persistent storage so the browser does not evict your data when space is low.',
    );
  return {
    persisted: Boolean(persisted),
    usageBytes: estimate?.usage ?? null,
    quotaBytes: estimate?.quota ?? null,
    usageDetails,
    counts: { conversations, messages, memories, audit, outbox },
    lastQuotaError: lastQuotaFailure(),
    suggestions,
  };
}

/** Asks the browser to keep this origin's data under storage pressure; returns whether it will. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return false;
  return storage.persist().catch(() => false);
}

/**
 * Calls `listener` after any write to this origin's database (from this tab or another), so that
 * figures derived from it (counts, usage) are read again instead of shown stale. Returns the
 * unsubscribe function.
 */
export function onStorageMutated(listener: () => void): () => void {
  const handler = () => listener();
  Dexie.on('storagemutated', handler);
  return () => Dexie.on('storagemutated').unsubscribe(handler);
}

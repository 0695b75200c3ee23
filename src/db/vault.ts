/** The redaction vault: placeholder <-> original value, per conversation. Never leaves the device. */
import { db } from './schema';
import { guardWrite } from './errors';
import type { VaultRow } from './types';

export type VaultEntryInput = Omit<VaultRow, 'conversationId' | 'normalized'> & {
  normalized?: string;
};

/** Adds or replaces entries of a conversation's vault, all in one transaction. */
export async function saveVaultEntries(
  conversationId: string,
  entries: readonly VaultEntryInput[],
): Promise<void> {
  const rows: VaultRow[] = entries.map((e) => ({
    conversationId,
    placeholder: e.placeholder,
    type: e.type,
    value: e.value,
    normalized: e.normalized ?? `${e.type}:${e.value.trim().toLowerCase()}`,
  }));
  await guardWrite(() => db().vault.bulkPut(rows));
}

export function loadVault(conversationId: string): Promise<VaultRow[]> {
  return db().vault.where('conversationId').equals(conversationId).toArray();
}

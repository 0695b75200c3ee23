import { useLiveQuery } from 'dexie-react-hooks';
import { loadVault, type VaultRow } from '../../../db';

/** A conversation's placeholder vault (placeholder <-> real value); it never leaves this device. */
export function useVault(conversationId: string): VaultRow[] | undefined {
  return useLiveQuery(() => loadVault(conversationId), [conversationId]);
}

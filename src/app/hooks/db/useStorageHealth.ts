import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onStorageMutated, storageHealth } from '../../../db';

/**
 * The one query for this origin's storage (usage, quota, persistence, what the database holds):
 * the Memory and Models views both show it, so they cannot disagree.
 */
export const storageKeys = { health: ['db', 'storage-health'] as const };

/**
 * Usage, quota and persistence of this origin's storage, read again after every database write
 * (a memory added, a conversation deleted), after model downloads and deletions (their callers
 * invalidate `storageKeys.health`), and every 30 s for what changes outside (the Cache API).
 */
export function useStorageHealth() {
  const client = useQueryClient();
  useEffect(
    () => onStorageMutated(() => void client.invalidateQueries({ queryKey: storageKeys.health })),
    [client],
  );
  return useQuery({
    queryKey: storageKeys.health,
    queryFn: storageHealth,
    refetchInterval: 30_000,
  });
}

import { useQuery } from '@tanstack/react-query';
import { storageHealth } from '../../../db';

export const storageKeys = { health: ['db', 'storage-health'] as const };

/** Usage, quota and persistence of this origin's storage (not an IndexedDB query, so no liveQuery). */
export function useStorageHealth() {
  return useQuery({
    queryKey: storageKeys.health,
    queryFn: storageHealth,
    refetchInterval: 30_000,
  });
}

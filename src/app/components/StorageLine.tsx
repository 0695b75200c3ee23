import { formatBytes } from '../../core/local-model/progress';
import type { StorageHealth } from '../../db';

/** "Hearth uses 1.2 MB of the 10.0 GB this browser allows it (0.0%): 10.0 GB free." */
export function storageSentence(h: Pick<StorageHealth, 'usageBytes' | 'quotaBytes'>): string {
  const usage = h.usageBytes ?? undefined;
  const quota = h.quotaBytes ?? undefined;
  if (quota === undefined) return `Hearth uses ${formatBytes(usage)} of storage in this browser.`;
  const share = usage !== undefined && quota > 0 ? ` (${((usage / quota) * 100).toFixed(1)}%)` : '';
  const free = usage !== undefined ? `: ${formatBytes(Math.max(0, quota - usage))} free` : '';
  return `Hearth uses ${formatBytes(usage)} of the ${formatBytes(quota)} this browser allows it${share}${free}.`;
}

/**
 * The storage figures as one sentence, the same in the Memory and Models views (one query,
 * useStorageHealth, and one wording).
 */
export function StorageLine({ health }: { health: StorageHealth }) {
  return <span data-testid="storage-line">{storageSentence(health)}</span>;
}

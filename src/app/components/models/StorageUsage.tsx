import type { StorageInfo } from '../../../core/local-model/api';
import { formatBytes } from '../../../core/local-model/progress';

/** How much this site stores in the browser, and whether the browser promised to keep it. */
export function StorageUsage({
  info,
  onPersist,
}: {
  info: StorageInfo | undefined;
  onPersist(): void;
}) {
  if (!info) return <p>Checking storage…</p>;
  return (
    <div data-testid="storage-usage">
      <p>
        Hearth uses {formatBytes(info.usageBytes)} of storage in this browser
        {info.quotaBytes !== undefined
          ? `; the browser allows up to ${formatBytes(info.quotaBytes)}`
          : ''}
        .
      </p>
      {info.persisted ? (
        <p>The browser will keep downloaded models when space runs low.</p>
      ) : (
        <p>
          The browser may remove downloaded models when space runs low.{' '}
          <button type="button" onClick={onPersist}>
            Ask the browser to keep them
          </button>
        </p>
      )}
    </div>
  );
}

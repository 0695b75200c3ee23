import type { Download } from '../../hooks/useLocalModel';
import { formatBytes, formatEta } from '../../../core/local-model/progress';

/** The running download: a progress bar with bytes and time left, and a cancel button. */
export function DownloadProgress({ download, onCancel }: { download: Download; onCancel(): void }) {
  const p = download.progress;
  const bytes =
    p?.loadedBytes !== undefined
      ? `${formatBytes(p.loadedBytes)}${p.totalBytes !== undefined ? ` of ${formatBytes(p.totalBytes)}` : ''}`
      : undefined;
  const eta = formatEta(p?.etaSeconds);
  return (
    <div className="download" data-testid="download-progress" aria-live="polite">
      <p>
        <strong>{p?.text ?? 'Starting'}</strong>: {download.modelId}
      </p>
      <progress max={1} value={p?.fraction ?? 0} aria-label={`Progress for ${download.modelId}`} />
      <p>
        {Math.round((p?.fraction ?? 0) * 100)}%{bytes ? `, ${bytes}` : ''}
        {eta ? `, ${eta}` : ''}
      </p>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

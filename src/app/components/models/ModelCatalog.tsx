import type { ModelInfo, ModelStatus } from '../../../core/local-model/api';
import { formatBytes } from '../../../core/local-model/progress';

interface Props {
  models: ModelInfo[];
  status: ModelStatus | undefined;
  busy: boolean;
  onLoad(modelId: string): void;
  onDelete(modelId: string): void;
  onUnload(): void;
}

function gpuMemory(mb: number | undefined): string {
  return mb === undefined ? 'unknown' : `${(mb / 1024).toFixed(1)} GB`;
}

function size(m: ModelInfo): string {
  return `${m.downloadBytesEstimated ? 'about ' : ''}${formatBytes(m.downloadBytes)}`;
}

/** The catalog for this device: models that fit first, the rest folded away with reasons. */
export function ModelCatalog({ models, status, busy, onLoad, onDelete, onUnload }: Props) {
  const fitting = models.filter((m) => m.fits);
  const tooLarge = models.filter((m) => !m.fits);
  const loadedId = status?.state === 'ready' ? status.modelId : undefined;
  return (
    <>
      <div className="table-scroll">
        <table className="model-table" data-testid="model-catalog">
          <caption className="visually-hidden">Models that fit this device</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Download</th>
              <th scope="col">GPU memory</th>
              <th scope="col">Context</th>
              <th scope="col">Licence</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {fitting.map((m) => (
              <tr key={m.id} data-model-id={m.id}>
                <th scope="row">
                  {m.id}
                  {m.recommended && <span className="tag"> Recommended for this device</span>}
                  {m.selfHosted && <span className="tag"> Self-hosted</span>}
                  {m.cached && <span className="tag"> On this device</span>}
                </th>
                <td>{size(m)}</td>
                <td>{gpuMemory(m.vramMB)}</td>
                <td>
                  {m.contextLength ? `${m.contextLength.toLocaleString('en')} tokens` : 'unknown'}
                </td>
                <td>{m.licence ?? 'unknown'}</td>
                <td className="actions">
                  {loadedId === m.id ? (
                    <>
                      <span>In use</span>{' '}
                      <button type="button" onClick={onUnload}>
                        Stop using
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className={m.recommended ? 'primary' : undefined}
                      disabled={busy}
                      onClick={() => onLoad(m.id)}
                      aria-label={`${m.cached ? 'Use' : 'Download and use'} ${m.id}`}
                    >
                      {m.cached ? 'Use' : 'Download and use'}
                    </button>
                  )}{' '}
                  {m.cached && (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => onDelete(m.id)}
                      aria-label={`Delete ${m.id} from this device`}
                    >
                      Delete from this device
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fitting.length === 0 && <p className="empty">No model in the catalog fits this device.</p>}
      {tooLarge.length > 0 && (
        <details data-testid="models-too-large">
          <summary>Models that will not run well on this device ({tooLarge.length})</summary>
          <ul>
            {tooLarge.map((m) => (
              <li key={m.id}>
                {m.id}: {m.fitReason ?? 'does not fit'}.
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

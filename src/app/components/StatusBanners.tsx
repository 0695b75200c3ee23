import { useHealth } from '../hooks/useHealth';
import { useOnline } from '../hooks/useOnline';
import { useServiceWorker } from '../hooks/useServiceWorker';
import { useStorageError } from '../hooks/useStorageError';

/** The app's standing conditions, in plain words: offline, local-only, storage, update waiting. */
export function StatusBanners() {
  const online = useOnline();
  const health = useHealth();
  const sw = useServiceWorker();
  const [storageError, dismissStorageError] = useStorageError();
  const cloudConfigured = health.data?.cloud.configured === true;

  return (
    <div className="banners">
      {storageError && (
        <p role="alert" className="banner banner-offline">
          {storageError.message}{' '}
          <button type="button" onClick={dismissStorageError}>
            Dismiss
          </button>
        </p>
      )}
      {!online && (
        <p role="status" className="banner banner-offline">
          You are offline. Local answers, detection, your history and the audit log still work;
          requests that need the cloud will wait until you are back online.
        </p>
      )}
      {online && health.isSuccess && !cloudConfigured && (
        <p role="status" className="banner banner-local">
          Local-only mode: no cloud provider is configured on this server, so nothing leaves this
          device.
        </p>
      )}
      {online && health.isError && (
        <p role="status" className="banner banner-local">
          The Hearth server cannot be reached right now: working in local-only mode.
        </p>
      )}
      {sw.updateReady && (
        <p role="status" className="banner banner-update">
          A new version of Hearth is ready.{' '}
          <button type="button" onClick={sw.update}>
            Reload to update
          </button>
        </p>
      )}
    </div>
  );
}

import type { StorageHealth } from '../../../db';
import { StorageLine } from '../StorageLine';

/** How much this site stores in the browser, and whether the browser promised to keep it. */
export function StorageUsage({
  info,
  onPersist,
}: {
  /** The same query as the Memory view's (useStorageHealth). */
  info: StorageHealth | undefined;
  onPersist(): void;
}) {
  if (!info) return <p>Checking storage…</p>;
  return (
    <div data-testid="storage-usage">
      <p>
        <StorageLine health={info} />
      </p>
      <h3>What is stored where</h3>
      <ul data-testid="stored-where">
        <li>
          Models from the catalog (weights, model library, configuration): in this site&apos;s Cache
          API storage, counted above. Remove one with &quot;Delete from this device&quot;.
        </li>
        <li>
          Chrome&apos;s built-in model: in Chrome&apos;s own profile folder, shared by every site
          and not counted above; Chrome manages it (chrome://on-device-internals shows it).
        </li>
        <li>
          Conversations, memory, the placeholder vault, the outbox and the audit log: in this
          site&apos;s IndexedDB database &quot;hearth&quot;, counted above.
        </li>
        <li>
          The app itself and the embedded name-finding model: in the service worker&apos;s cache, so
          Hearth opens offline, counted above.
        </li>
        <li>
          Settings (theme, the chosen model, self-hosted model addresses): in this browser&apos;s
          localStorage.
        </li>
      </ul>
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

import { useEffect, useState } from 'react';
import { STORAGE_ERROR_EVENT, type StorageErrorDetail } from '../storage-events';

/** The latest storage failure reported by the db layer, until dismissed. */
export function useStorageError(): [StorageErrorDetail | undefined, () => void] {
  const [error, setError] = useState<StorageErrorDetail | undefined>();
  useEffect(() => {
    const on = (e: Event) => setError((e as CustomEvent<StorageErrorDetail>).detail);
    window.addEventListener(STORAGE_ERROR_EVENT, on);
    return () => window.removeEventListener(STORAGE_ERROR_EVENT, on);
  }, []);
  return [error, () => setError(undefined)];
}

/**
 * A storage failure (quota exceeded, IndexedDB unavailable) as a window event, so the shell can
 * show it without loading the database code in the first paint.
 */
export const STORAGE_ERROR_EVENT = 'hearth:storage-error';

export interface StorageErrorDetail {
  code: string;
  message: string;
}

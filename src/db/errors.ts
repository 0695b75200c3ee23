/**
 * Errors leave src/db as structured objects ({code, message}), never bare strings. A full disk is
 * the one the user can act on, so it gets its own code and a message that says what to delete.
 */

export type DbErrorCode = 'quota_exceeded' | 'invalid_backup' | 'conflict' | 'storage_error';

export class DbError extends Error {
  override readonly name = 'DbError';
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toJSON(): { code: DbErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export const QUOTA_MESSAGE =
  'Storage on this device is full, so the last change was not saved (everything saved before it is intact). ' +
  'Free space by deleting downloaded models on the Models page (usually the largest item), ' +
  'or old conversations.';

/** True for a QuotaExceededError however deeply Dexie wrapped it. */
export function isQuotaError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return true;
    const inner =
      (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
    e = inner;
  }
  return false;
}

/** Maps a storage failure to a DbError; DbErrors pass through. */
export function toDbError(err: unknown): DbError {
  if (err instanceof DbError) return err;
  if (isQuotaError(err)) return new DbError('quota_exceeded', QUOTA_MESSAGE, { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new DbError('storage_error', message, { cause: err });
}

type Listener = (error: DbError) => void;
const listeners = new Set<Listener>();
let lastQuotaError: { at: string; message: string } | null = null;

/** Subscribe to write failures (the UI shows a banner for quota errors). */
export function onDbError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function lastQuotaFailure(): { at: string; message: string } | null {
  return lastQuotaError;
}

/** Converts a failed write to a DbError and tells the listeners (once per failure). */
export function reportWriteError(err: unknown): DbError {
  const e = toDbError(err);
  if (e.code === 'quota_exceeded')
    lastQuotaError = { at: new Date().toISOString(), message: e.message };
  for (const l of listeners) l(e);
  return e;
}

/** Runs a write; on failure reports it once and rethrows it as a DbError. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw reportWriteError(err);
  }
}

/** Forwards the db layer's write failures to the shell (loaded after the first paint). */
import { lastQuotaFailure, onDbError } from '../db';
import { STORAGE_ERROR_EVENT, type StorageErrorDetail } from './storage-events';

/** A failure this recent, from before the relay started, is still worth telling the user. */
const REPLAY_MS = 60_000;

function announce(detail: StorageErrorDetail): void {
  window.dispatchEvent(new CustomEvent(STORAGE_ERROR_EVENT, { detail }));
}

export function relayStorageErrors(): () => void {
  const stop = onDbError((err) => announce({ code: err.code, message: err.message }));
  const last = lastQuotaFailure();
  if (last && Date.now() - Date.parse(last.at) < REPLAY_MS) {
    announce({ code: 'quota_exceeded', message: last.message });
  }
  return stop;
}

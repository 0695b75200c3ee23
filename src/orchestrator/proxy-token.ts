/**
 * The proxy's access token (when the server sets PROXY_TOKEN): asked of the user once, kept in
 * this browser's settings, read synchronously by the cloud client at every request.
 */
import { deleteSetting, getSetting, setSetting } from '../db';

const KEY = 'proxyToken';
let cached: string | undefined;
let loaded: Promise<void> | undefined;

/** Loads the stored token once; call before the first cloud request (the orchestrator does). */
export function loadProxyToken(): Promise<void> {
  loaded ??= getSetting(KEY)
    .then((v) => {
      cached = typeof v === 'string' && v ? v : undefined;
    })
    .catch(() => undefined);
  return loaded;
}

export function getProxyToken(): string | undefined {
  return cached;
}

export function hasProxyToken(): boolean {
  return cached !== undefined;
}

/** Saves (or, with an empty string, forgets) the token; takes effect at the next request. */
export async function setProxyToken(token: string): Promise<void> {
  const t = token.trim();
  if (t) await setSetting(KEY, t);
  else await deleteSetting(KEY);
  cached = t || undefined;
}

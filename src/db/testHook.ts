/**
 * Exposes the db module as `window.__hearthDb` in the e2e build only (`vite build --mode e2e`),
 * so Playwright specs and `npm run bench:db` can seed and measure the real IndexedDB. In every
 * other build the condition is a compile-time `false` and nothing is exposed.
 */
import * as api from './index';
import { deviceKey } from './keys';

export type HearthDbTestApi = typeof api;

export function exposeDbForTests(): void {
  if (import.meta.env.MODE !== 'e2e') return;
  (globalThis as unknown as { __hearthDb?: HearthDbTestApi }).__hearthDb = { ...api, deviceKey };
}

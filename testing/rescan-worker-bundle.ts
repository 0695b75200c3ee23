/**
 * The proxy's re-scan worker (server/rescan-worker.ts) as one JavaScript file, for tests and the
 * tsx-run benchmark. Production runs dist-server/rescan-worker.js from the build; here a worker
 * thread cannot load TypeScript through tsx quickly (about 3 s per worker on the 2-core machine),
 * while esbuild bundles it once per process in about 0.1 s and each worker then starts in 0.2 s.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let built: string | undefined;

/** Path of the bundled worker; built on first use, removed when the process exits. */
export function rescanWorkerScript(): string {
  if (built) return built;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hearth-rescan-'));
  const out = path.join(dir, 'rescan-worker.mjs');
  buildSync({
    entryPoints: [fileURLToPath(new URL('../server/rescan-worker.ts', import.meta.url))],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  built = out;
  return out;
}

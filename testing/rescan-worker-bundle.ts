/**
 * The proxy's re-scan worker (server/rescan-worker.ts) as one JavaScript file, for tests and the
 * tsx-run benchmark. Production runs dist-server/rescan-worker.js from the build; here a worker
 * thread cannot load TypeScript through tsx quickly (about 3 s per worker on the 2-core machine),
 * while esbuild bundles it once per process in about 0.1 s and each worker then starts in 0.2 s.
 */
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let built: string | undefined;

/**
 * Path of the bundled worker; built on first use, removed when the process exits. It lives under
 * node_modules/.cache so that the npm packages it leaves external (as the production build does,
 * onnxruntime-node's native binding among them) resolve from the project's node_modules.
 */
export function rescanWorkerScript(): string {
  if (built) return built;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const cache = path.join(root, 'node_modules', '.cache', 'hearth-rescan-worker');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, `${process.pid}-`));
  const out = path.join(dir, 'rescan-worker.mjs');
  buildSync({
    entryPoints: [path.join(root, 'server', 'rescan-worker.ts')],
    outfile: out,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  built = out;
  return out;
}

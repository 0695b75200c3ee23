// Builds the Node entry of the proxy and its re-scan worker thread into dist-server/ (bundling
// src/core, keeping npm packages external): main.js starts workers from rescan-worker.js beside it.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    // public/ (icons, the NER model) belongs to the app's build, not to the server's.
    copyPublicDir: false,
    rollupOptions: {
      input: { main: 'server/main.ts', 'rescan-worker': 'server/rescan-worker.ts' },
      output: { entryFileNames: '[name].js' },
    },
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
  },
});

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * pdf.js's character maps (Adobe CMaps, 1.7 MB), served from the app's origin at /pdfjs/cmaps/
 * and precached: reading a PDF with CJK fonts that lack their own maps needs them, and nothing
 * may be fetched from elsewhere.
 */
function pdfjsCMaps(): Plugin {
  const dir = path.resolve(import.meta.dirname, 'node_modules/pdfjs-dist/cmaps');
  const prefix = '/pdfjs/cmaps/';
  return {
    name: 'hearth-pdfjs-cmaps',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.startsWith(prefix) ? req.url.slice(prefix.length) : '';
        if (!/^[\w.-]+\.bcmap$/.test(name)) return next();
        try {
          res.setHeader('Content-Type', 'application/octet-stream');
          res.end(readFileSync(path.join(dir, name)));
        } catch {
          next();
        }
      });
    },
    generateBundle() {
      for (const f of readdirSync(dir)) {
        if (!f.endsWith('.bcmap')) continue;
        this.emitFile({
          type: 'asset',
          fileName: `pdfjs/cmaps/${f}`,
          source: readFileSync(path.join(dir, f)),
        });
      }
    },
  };
}

// The proxy serves the built app in production; in development Vite proxies /api to it.
export default defineConfig({
  plugins: [
    react(),
    pdfjsCMaps(),
    VitePWA({
      // The app shows an "update available" notice and lets the user choose when to reload.
      registerType: 'prompt',
      injectRegister: false,
      manifest: false, // public/manifest.webmanifest is the single source, linked from index.html
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest,wasm,onnx,json,bcmap}'],
        // Precache everything the app needs offline, including the lazily loaded worker chunks and
        // the NER model: a local-first app that loses its model runtime offline is not local-first.
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // 'hidden': maps are written (to read production stack traces) but not referenced from the
    // bundles, and the server never serves them.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 8000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The proxy serves the built app in production; in development Vite proxies /api to it.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The app shows an "update available" notice and lets the user choose when to reload.
      registerType: 'prompt',
      injectRegister: false,
      manifest: false, // public/manifest.webmanifest is the single source, linked from index.html
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm,onnx,json}'],
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

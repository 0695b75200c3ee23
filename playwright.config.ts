import { defineConfig } from '@playwright/test';

/** Debian's Chromium; see ../shared/BROWSER-TESTING.md for why these flags. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseFlags = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8790);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'on-first-retry',
    launchOptions: { executablePath: chromiumPath },
  },
  projects: [
    {
      name: 'chromium-webgpu',
      testIgnore: '**/*.no-webgpu.spec.ts',
      use: {
        launchOptions: {
          executablePath: chromiumPath,
          args: [...baseFlags, '--enable-unsafe-webgpu'],
        },
      },
    },
    {
      name: 'chromium-no-webgpu',
      testMatch: '**/*.no-webgpu.spec.ts',
      use: { launchOptions: { executablePath: chromiumPath, args: baseFlags } },
    },
  ],
  webServer: {
    // The production server (what `npm start` runs) serving the e2e build (the production build
    // plus the test engine; see README "Tests").
    command: 'node dist-server/main.js',
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { PORT: String(E2E_PORT), STATIC_ROOT: 'dist-e2e', HOST: '127.0.0.1' },
  },
});

import { defineConfig } from '@playwright/test';
import { CLOUD_PORT, E2E_PORT, PROXY_TOKEN, STUB_KEY, STUB_PORT, TOKEN_PORT } from './e2e/ports';

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

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  // CI retries a failed test once only to tell a flaky test from a broken one: the list reporter
  // names the tests that passed on the retry ("flaky"), and failOnFlakyTests fails the run anyway.
  // Nothing turns green by being retried.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: !!process.env.CI,
  // A guard against a hung test, not a speed check: on a busy 2-core machine one chat test can
  // wait a minute for its first answer (see ANSWER_TIMEOUT in e2e/chat/fixtures.ts).
  timeout: 120_000,
  // For what shows right after an action; waits for slow states (the model ready, an answer
  // complete) say so with their own, longer bound.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'on-first-retry',
    launchOptions: { executablePath: chromiumPath },
  },
  projects: [
    {
      name: 'chromium-webgpu',
      testIgnore: ['**/*.no-webgpu.spec.ts', '**/chat/**'],
      use: {
        launchOptions: {
          executablePath: chromiumPath,
          args: [...baseFlags, '--enable-unsafe-webgpu'],
        },
      },
    },
    {
      name: 'chat',
      testDir: 'e2e/chat',
      use: {
        baseURL: `http://127.0.0.1:${CLOUD_PORT}`,
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
  webServer: [
    {
      // A stub OpenAI-compatible provider on loopback that records what it received.
      command: `npx tsx testing/stub-upstream-cli.ts --port ${STUB_PORT} --api-key ${STUB_KEY}`,
      url: `http://127.0.0.1:${STUB_PORT}/__received`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The production server (what `npm start` runs) serving the e2e build (the production
      // build plus the test engine; see README "Tests"), with no cloud: local-only mode.
      command: 'node dist-server/main.js',
      url: `http://127.0.0.1:${E2E_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { PORT: String(E2E_PORT), STATIC_ROOT: 'dist-e2e', HOST: '127.0.0.1' },
    },
    {
      // The same build with the stub as its frontier tier, short timeouts so failures show fast.
      command: 'node dist-server/main.js',
      url: `http://127.0.0.1:${CLOUD_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        PORT: String(CLOUD_PORT),
        STATIC_ROOT: 'dist-e2e',
        HOST: '127.0.0.1',
        CLOUD_BASE_URL: `http://127.0.0.1:${STUB_PORT}/v1`,
        CLOUD_API_KEY: STUB_KEY,
        CLOUD_MODEL: 'stub-model',
        UPSTREAM_TIMEOUT_MS: '3000',
        RATE_LIMIT_RPM: '600',
        // Lets the override test send a confirmed unredacted request; off by default.
        ALLOW_UNREDACTED_OVERRIDE: '1',
      },
    },
    {
      // The cloud server again, but requiring an access token from the app.
      command: 'node dist-server/main.js',
      url: `http://127.0.0.1:${TOKEN_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        PORT: String(TOKEN_PORT),
        STATIC_ROOT: 'dist-e2e',
        HOST: '127.0.0.1',
        CLOUD_BASE_URL: `http://127.0.0.1:${STUB_PORT}/v1`,
        CLOUD_API_KEY: STUB_KEY,
        CLOUD_MODEL: 'stub-model',
        PROXY_TOKEN,
      },
    },
  ],
});

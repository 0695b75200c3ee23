import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { test, expect, HearthApp } from './fixtures/app';

test('the service worker precaches the shell and the app opens offline', async ({
  app,
  page,
  context,
}) => {
  await app.open('/');
  await app.waitForServiceWorker();
  await context.setOffline(true);
  await page.reload();
  await expect(app.heading()).toHaveText('Chat');
  await expect(page.getByText(/You are offline/)).toBeVisible();
  // Views are separate chunks: they must come from the precache too.
  await app.goTo('Audit log');
  await expect(app.heading()).toHaveText('Audit log');
  await context.setOffline(false);
});

test('Chrome finds the app installable (manifest, icons, service worker)', async ({
  baseURL,
  browserName,
}, testInfo) => {
  expect(browserName).toBe('chromium');
  // Playwright's normal contexts are off the record, where Chrome never offers installation
  // ("in-incognito"): use a real profile, as a person's browser would have.
  const launch = testInfo.project.use.launchOptions ?? {};
  const profile = await mkdtemp(path.join(tmpdir(), 'hearth-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    headless: true,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const app = new HearthApp(page);
    await app.open('/');
    await app.waitForServiceWorker();
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string }>;
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as {
      errors: unknown[];
      data?: string;
    };
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? '{}') as { icons: Array<{ sizes: string }> };
    expect(parsed.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

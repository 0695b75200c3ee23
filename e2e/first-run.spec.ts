import { test, expect, HearthApp } from './fixtures/app';

test('the first visit shows a skippable introduction that stays dismissed', async ({ page }) => {
  const app = new HearthApp(page, { firstRun: true });
  await app.open('/');
  const intro = page.getByRole('region', { name: 'Welcome to Hearth' });
  await expect(intro).toBeVisible();
  await expect(intro).toContainText('Stays on this device');
  // The e2e server has no cloud provider: the introduction says nothing leaves.
  await expect(intro).toContainText('Nothing leaves this device');
  await expect(intro).toContainText('Profile in force: Balanced');
  // What each local engine can do here (SwiftShader: a software renderer; Debian's Chromium: no
  // built-in model), with the recommended model's size and GPU memory, and speed only as measured.
  const gpu = intro.getByTestId('device-summary').locator('[data-engine="web-llm"]');
  await expect(gpu).toContainText('Only a software renderer here');
  await expect(gpu).toContainText(
    /Recommended: \S+, a download of about .+, about [\d.]+ GB of GPU memory/,
  );
  await expect(gpu).toContainText('Far too slow to use');
  const builtin = intro.getByTestId('device-summary').locator('[data-engine="chrome-built-in"]');
  await expect(builtin).toHaveAttribute('data-usable', 'false');
  await expect(builtin).toContainText('Unavailable');
  await expect(intro.getByTestId('first-run-model')).toContainText('Suggested model:');
  // The views stay usable while it is shown.
  await app.goTo('Dashboard');
  await expect(app.heading()).toHaveText('Dashboard');
  await intro.getByRole('button', { name: 'Skip introduction' }).click();
  await expect(intro).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  await page.reload();
  await expect(app.heading()).toHaveText('Dashboard');
  await expect(page.getByRole('region', { name: 'Welcome to Hearth' })).toHaveCount(0);
});

test('the theme toggle cycles system, light and dark and survives a reload', async ({
  app,
  page,
}) => {
  await app.open('/');
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await expect(toggle).toHaveAccessibleName(/^Theme: System/);
  await expect(html).not.toHaveAttribute('data-theme', /.+/);
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAccessibleName(/^Theme: Dark/);
  await toggle.click();
  await expect(html).not.toHaveAttribute('data-theme', /.+/);
});

/**
 * Accessibility of the shell and every view: axe (no serious or critical violations) in light and
 * dark theme, keyboard navigation, and a 360 px wide layout without horizontal scrolling.
 */
import type { Page } from '@playwright/test';
import { test, expect, HearthApp } from './fixtures/app';
import { seriousViolations } from './fixtures/axe';

const NOT_FOUND = '/no/such/page';

/** Every view the nav links to (so a new view such as /memory is covered once it is linked). */
async function viewPaths(app: HearthApp): Promise<string[]> {
  await app.open('/');
  const hrefs = await app.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(hrefs).toEqual(
    expect.arrayContaining(['/', '/dashboard', '/audit', '/models', '/policy']),
  );
  return [...hrefs, NOT_FOUND];
}

/** Lets a view finish its first asynchronous work (lazy chunk, worker probe, database read). */
async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Loading placeholders ("Checking…", "Loading…", "Reading…") usually go within a moment; axe
  // runs regardless, so a view that keeps one up (a model download) does not fail this check.
  await expect(page.getByText(/^(Checking|Loading|Reading)\b.*…$/))
    .toHaveCount(0, { timeout: 5_000 })
    .catch(() => undefined);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations on any view (${colorScheme})`, async ({
    app,
    page,
  }) => {
    test.setTimeout(150_000); // every view, each with a full axe run, on a shared machine
    await page.emulateMedia({ colorScheme });
    for (const path of await viewPaths(app)) {
      await app.open(path);
      await settle(page);
      expect(await seriousViolations(page), `${path} (${colorScheme})`).toEqual([]);
    }
  });
}

test('axe passes with the theme forced against the system setting', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open('/dashboard');
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await toggle.click(); // system → light
  await toggle.click(); // light → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await settle(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the first-run introduction passes axe in both themes', async ({ page }) => {
  const app = new HearthApp(page, { firstRun: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await app.open('/');
    await expect(page.getByTestId('first-run')).toBeVisible();
    await expect(page.getByTestId('first-run')).not.toContainText('Checking what this device');
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
});

test('the nav is reachable with Tab, shows focus, and Enter opens a view', async ({
  app,
  page,
}) => {
  await app.open('/');
  await settle(page);
  // The skip link comes first and moves focus to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  const dashboard = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dashboard' });
  for (let i = 0; i < 10; i++) {
    if (await dashboard.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(dashboard).toBeFocused();
  const outline = await dashboard.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/dashboard');
  await expect(app.heading()).toHaveText('Dashboard');

  // The theme toggle is a keyboard-operable button too.
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAccessibleName(/^Theme: Light/);
});

test('the skip link moves focus to the main content', async ({ app, page }) => {
  await app.open('/audit');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('at 360x740 no view scrolls horizontally', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const app = new HearthApp(page, { firstRun: true });
  for (const path of await viewPaths(app)) {
    await app.open(path);
    await settle(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
  }
});

test('at 360x740 the conversation drawer passes axe and works with the keyboard', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await app.open('/');
    await settle(page);
    expect(await seriousViolations(page), `chat (${colorScheme})`).toEqual([]);
    const opener = page.getByRole('button', { name: 'Conversations' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Conversations' });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole('searchbox', { name: 'Search conversations' })).toBeVisible();
    expect(await seriousViolations(page), `drawer (${colorScheme})`).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    await expect(opener).toBeFocused();
  }
});

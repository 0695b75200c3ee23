/**
 * The install offer. Chrome only fires `beforeinstallprompt` for real in a non-incognito profile
 * after its engagement heuristics, so the spec dispatches an equivalent event (with `prompt()` and
 * `userChoice`) and drives time with Playwright's clock.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';

async function chromeOffersInstall(page: Page, outcome: 'accepted' | 'dismissed') {
  await page.evaluate((outcome) => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, {
      prompt: async () => {
        (window as unknown as { __prompted: number }).__prompted =
          ((window as unknown as { __prompted?: number }).__prompted ?? 0) + 1;
      },
      userChoice: Promise.resolve({ outcome, platform: 'web' }),
    });
    window.dispatchEvent(event);
  }, outcome);
}

test('never on a first visit; on a return visit after a while; declining is remembered', async ({
  app,
  page,
}) => {
  await page.clock.install();
  const offer = page.getByRole('region', { name: 'Install Hearth' });

  await app.open('/'); // first visit
  await chromeOffersInstall(page, 'dismissed');
  await page.clock.fastForward(60_000);
  await expect(offer).toHaveCount(0);

  await page.reload(); // return visit
  await chromeOffersInstall(page, 'dismissed');
  await expect(offer).toHaveCount(0); // not on first paint
  await page.clock.fastForward(21_000);
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Install Hearth' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as { __prompted?: number }).__prompted))
    .toBe(1);
  await expect(offer).toHaveCount(0); // declined in Chrome's dialog: never again

  await page.reload();
  await chromeOffersInstall(page, 'dismissed');
  await page.clock.fastForward(60_000);
  await expect(offer).toHaveCount(0);
});

test('"Not now" hides the offer for good', async ({ app, page }) => {
  await page.clock.install();
  await page.addInitScript(() => localStorage.setItem('hearth.visits', '3'));
  const offer = page.getByRole('region', { name: 'Install Hearth' });
  await app.open('/dashboard');
  await chromeOffersInstall(page, 'accepted');
  await page.clock.fastForward(21_000);
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await chromeOffersInstall(page, 'accepted');
  await page.clock.fastForward(60_000);
  await expect(offer).toHaveCount(0);
});

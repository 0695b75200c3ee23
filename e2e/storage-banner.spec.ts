import { test, expect } from './fixtures/app';

test('a full disk is reported app-wide in plain words, with what to delete', async ({
  app,
  page,
}) => {
  await app.open('/memory');
  await page.waitForFunction(() => '__hearthDb' in window);
  // Make the next write to the conversations store fail the way a full disk does (only that
  // store: the app may write elsewhere in the background meanwhile).
  await page.evaluate(() => {
    const original = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args) {
      if (this.name !== 'conversations') return original.apply(this, args);
      IDBObjectStore.prototype.add = original;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    } as typeof original;
  });
  await page
    .evaluate(async () => {
      const db = (
        window as unknown as {
          __hearthDb: { createConversation(title: string): Promise<unknown> };
        }
      ).__hearthDb;
      return db.createConversation('will not fit').then(
        () => 'no error',
        (e: { code?: string }) => e.code,
      );
    })
    .then((code) => expect(code).toBe('quota_exceeded'));
  // The shell's banner (the Memory view shows its own notice of the same failure too).
  const banner = page
    .locator('.banners')
    .getByRole('alert')
    .filter({ hasText: 'Storage on this device is full' });
  await expect(banner).toContainText('deleting downloaded models');
  await app.goTo('Chat');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});

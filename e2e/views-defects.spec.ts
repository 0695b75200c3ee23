/**
 * Defects a tester saw in the views, each tested as a person sees it: no React Router warning on
 * load, the Memory view's storage line follows what is added, and the Memory and Models views
 * state storage the same way (one query, one sentence).
 */
import { test, expect } from './fixtures/app';
import { DataPages } from './fixtures/data';

for (const path of ['/', '/memory', '/models', '/policy']) {
  test(`loading ${path} logs no React Router warning`, async ({ app, page }) => {
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') messages.push(m.text());
    });
    await app.open(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    expect(messages.filter((m) => /HydrateFallback|React Router|v7_/i.test(m))).toEqual([]);
  });
}

test("the Memory view's storage line counts a memory as soon as it is added", async ({ page }) => {
  const data = new DataPages(page);
  await data.open('/memory');
  const usage = page.getByTestId('storage-usage');
  await expect(usage).toContainText(/\b0 memories\b/);
  await data.addMemory('Prefers metric units', 'public', false);
  await expect(data.memories()).toHaveCount(1);
  // without waiting for the 30 s refresh
  await expect(usage).toContainText(/\b1 memory\b/, { timeout: 5_000 });
});

test('the Memory and Models views state free storage the same way', async ({ app, page }) => {
  await app.open('/memory');
  const line = page.getByTestId('storage-line');
  await expect(line).toContainText('free');
  // usage may move between the two reads (the service worker caches); the quota and wording not
  const allowed = /Hearth uses .+ of the (.+) this browser allows it \(.+\): .+ free\./;
  const memory = (await line.textContent())?.match(allowed)?.[1];
  expect(memory).toBeTruthy();
  await app.goTo('Models');
  await expect(page.getByTestId('storage-line')).toHaveText(allowed);
  const models = (await page.getByTestId('storage-line').textContent())?.match(allowed)?.[1];
  expect(models).toBe(memory);
});

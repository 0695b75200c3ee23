/**
 * Chrome's built-in model as a local engine. Debian's Chromium has no built-in model, so the e2e
 * build injects FakeLanguageModel (a typed fake of the documented Prompt API) as
 * `globalThis.LanguageModel` when a test asks for it (localStorage "hearth:fake-language-model",
 * e2e builds only). Without it, the real browser's answer is tested: no built-in model.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';

async function fakeChrome(page: Page, config: Record<string, unknown>) {
  await page.addInitScript((cfg) => {
    // only on the first load: afterwards the fake keeps its own state, as Chrome does
    if (!localStorage.getItem('hearth:fake-language-model'))
      localStorage.setItem('hearth:fake-language-model', JSON.stringify(cfg));
  }, config);
}

async function testEngine(page: Page) {
  await page.addInitScript(() => {
    localStorage.setItem('hearth:test-engine', JSON.stringify({ tokenDelayMs: 5 }));
  });
}

test("Debian's Chromium: the Prompt API is there but its model is not; the Models view says so", async ({
  app,
  page,
}) => {
  await testEngine(page);
  await app.open('/models');
  const section = page.getByTestId('builtin-model');
  await expect(section).toHaveAttribute('data-state', 'unavailable');
  await expect(page.getByTestId('builtin-state')).toContainText(
    "Chromium builds such as Debian's ship without it",
  );
  await expect(section.getByRole('button')).toHaveCount(0);
  const summary = page.getByTestId('device-summary');
  await expect(summary.locator('[data-engine="chrome-built-in"]')).toHaveAttribute(
    'data-usable',
    'false',
  );
  // the real API's shape is the one the adapter reads (current names, not Chrome 138's)
  const shape = await page.evaluate(() =>
    Object.getOwnPropertyNames(
      (globalThis as unknown as { LanguageModel: { prototype: object } }).LanguageModel.prototype,
    ),
  );
  expect(shape).toEqual(
    expect.arrayContaining(['prompt', 'promptStreaming', 'measureContextUsage', 'contextWindow']),
  );
});

test("the server's Permissions-Policy lets this origin use the Prompt API", async ({
  app,
  page,
}) => {
  await app.open('/models');
  const verdict = await page.evaluate(() => {
    const fp = (
      document as unknown as {
        featurePolicy?: { features(): string[]; allowsFeature(f: string): boolean };
      }
    ).featurePolicy;
    if (!fp || !fp.features().includes('language-model')) return 'unknown feature';
    return fp.allowsFeature('language-model') ? 'allowed' : 'blocked';
  });
  expect(verdict).toBe('allowed');
});

test("Chrome's model (faked): download with progress from a click, answers with a Local badge, remembered, audited", async ({
  app,
  page,
}) => {
  await testEngine(page);
  await fakeChrome(page, {
    availability: 'downloadable',
    languages: ['en', 'es', 'ja'],
    downloadSteps: 8,
    downloadStepDelayMs: 150,
    reply: ['Hello', ' from', ' the', ' built-in', ' model.'],
    pieceDelayMs: 10,
  });
  await app.open('/models');
  const section = page.getByTestId('builtin-model');
  await expect(section).toHaveAttribute('data-state', 'downloadable');
  await expect(section).toContainText('It accepts English, Spanish, Japanese');
  await expect(page.getByTestId('device-summary')).toContainText(
    'Available after a one-time download by Chrome (Hearth downloads nothing)',
  );

  await section.getByRole('button', { name: "Download and use Chrome's built-in model" }).click();
  const progress = page.getByTestId('download-progress');
  await expect(progress).toContainText('Chrome is downloading its built-in model');
  await expect(progress.locator('progress')).toBeVisible();
  await expect(progress).toBeHidden({ timeout: 10_000 });
  const status = page.getByTestId('model-status');
  await expect(status).toContainText('In use: chrome-built-in (Chrome’s built-in model)');
  await expect(section).toHaveAttribute('data-state', 'available');
  await expect(section.getByRole('button', { name: 'Stop using' })).toBeVisible();

  // The choice is remembered: after a reload the same engine answers without a click.
  await page.reload();
  await expect(status).toContainText('In use: chrome-built-in');

  await app.goTo('Chat');
  await page.getByRole('textbox', { name: 'Message' }).fill('What is the capital of France?');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('list', { name: 'Messages' }).locator('li.from-assistant').last();
  await expect(answer).toContainText('Hello from the built-in model.');
  await expect(answer.locator('.route-badge')).toHaveText('Local');

  await app.goTo('Audit log');
  await page
    .getByRole('list', { name: 'Audit entries' })
    .getByRole('listitem')
    .first()
    .getByRole('button')
    .click();
  await expect(page.getByTestId('audit-local-engine')).toHaveText(
    'chrome-built-in (chrome-built-in)',
  );
});

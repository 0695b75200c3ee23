import { seriousViolations } from '../fixtures/axe';
import { test, expect } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the chat with an answer, its live preview and "What left this device" pass axe (${colorScheme})`, async ({
    chat,
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await chat.useTestEngine({
      loadedModel: 'test-engine-small-q4f32',
      tokens: ['**Sure.** Here is `code`:\n\n```js\nconst a = 1;\n```\n'],
    });
    await chat.open('/');
    await chat.send('Write a note to lena.fischer@example.de about the invoice.');
    await expect(chat.badge()).toHaveText(/Cloud \(redacted\)|Local/);
    await chat.message().fill('Call Jonas Weber at +49 30 901820 tomorrow.');
    await expect(page.getByTestId('live-preview')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await chat.badge().click();
    await expect(page.getByRole('dialog', { name: 'What left this device' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // The dialog is keyboard-operable: Escape closes it and focus returns to the page.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
}

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

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a conversation's actions, its rename form, the delete dialog and a copied message pass axe (${colorScheme})`, async ({
    chat,
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.emulateMedia({ colorScheme });
    await chat.useTestEngine({ loadedModel: 'test-engine-small-q4f32', tokens: ['Noted.'] });
    await chat.open('/');
    await chat.send('Remind me to call the plumber on Monday.');
    await chat.lastAnswer().getByRole('button', { name: 'Copy message' }).click();
    await expect(chat.lastAnswer().getByRole('status')).toHaveText('Copied');
    const list = page.getByRole('navigation', { name: 'Conversations' });
    await list.getByRole('button', { name: 'Actions' }).click();
    await expect(list.getByRole('button', { name: 'Export as JSON' })).toBeVisible();
    expect(await seriousViolations(page), 'actions').toEqual([]);
    await list.getByRole('button', { name: 'Rename' }).click();
    await expect(list.getByRole('textbox', { name: 'New title' })).toBeFocused();
    expect(await seriousViolations(page), 'rename').toEqual([]);
    // Escape leaves the form without renaming, focus back on the actions button.
    await page.keyboard.press('Escape');
    await expect(list.getByRole('button', { name: 'Actions' })).toBeFocused();
    await page.keyboard.press('Enter');
    await list.getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Delete “/ });
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    expect(await seriousViolations(page), 'delete dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await expect(list.getByRole('button', { name: /plumber/ })).toBeVisible();
  });
}

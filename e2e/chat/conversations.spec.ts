/**
 * What people expect of any chat app, on their own conversations: copy a message, rename, export
 * (Markdown and JSON, with the real values, saved by the browser) and delete with its data, the
 * audit log keeping a record without content.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { ANSWER_TIMEOUT, test, expect } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local answer.'] };
const EMAIL = 'maria.gonzalez@example.com';
const REQUEST =
  `Please draft a short, friendly reply to Maria Gonzalez (${EMAIL}, +1 415 555 0132) ` +
  'thanking her for the quick turnaround on the quarterly report.';

function conversations(page: Page) {
  return page.getByRole('navigation', { name: 'Conversations' });
}

async function downloaded(page: Page, action: () => Promise<void>): Promise<[Download, string]> {
  const download = page.waitForEvent('download');
  await action();
  const d = await download;
  const path = await d.path();
  return [d, await readFile(path, 'utf8')];
}

test('copy a message: the text as shown, with the real values, by mouse or keyboard', async ({
  chat,
  page,
  context,
  stub,
}) => {
  await stub.reset({ kind: 'normal', echo: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.send(REQUEST);
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  // The stub echoes what it received (placeholders); the answer shows the values again.
  await expect(chat.lastAnswer()).toContainText(EMAIL);

  await chat.lastAnswer().getByRole('button', { name: 'Copy message' }).click();
  await expect(chat.lastAnswer().getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(chat.lastAnswer().getByRole('status')).toHaveText('Copied');
  const answer = await page.evaluate(() => navigator.clipboard.readText());
  expect(answer).toContain(EMAIL);
  expect(answer).toContain('Maria Gonzalez');
  expect(answer).not.toMatch(/\[(EMAIL|PERSON|PHONE)_\d+\]/);
  // "Copied" is brief: the button comes back.
  await expect(chat.lastAnswer().getByRole('button', { name: 'Copy message' })).toBeVisible();

  // Keyboard: the user's own message, with Tab-reachable button and Enter.
  const mine = page.getByRole('list', { name: 'Messages' }).locator('li.from-user').last();
  await mine.getByRole('button', { name: 'Copy message' }).focus();
  await page.keyboard.press('Enter');
  await expect(mine.getByRole('button', { name: 'Copied' })).toBeFocused();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(REQUEST);
});

test('rename, export as Markdown and JSON, then delete a conversation and its data', async ({
  chat,
  page,
  stub,
}) => {
  await stub.reset({ kind: 'normal', echo: true }); // answers quote the redacted request
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.send(REQUEST);
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const conversationId = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(conversationId).not.toBe('');

  // Rename: the actions of a conversation, then its title in a form; Enter saves.
  const actions = conversations(page).getByRole('button', { name: 'Actions' });
  await expect(actions).toHaveCount(1);
  await expect(actions).toHaveAccessibleDescription(/Maria Gonzalez/);
  await actions.click();
  await expect(actions).toHaveAttribute('aria-expanded', 'true');
  await conversations(page).getByRole('button', { name: 'Rename' }).click();
  const title = conversations(page).getByRole('textbox', { name: 'New title' });
  await expect(title).toBeFocused();
  await title.fill('Invoice reply');
  await title.press('Enter');
  await expect(conversations(page).getByRole('button', { name: /^Invoice reply/ })).toBeVisible();
  await expect(actions).toBeFocused();

  // Export: files saved by the browser, with the real values; the UI says they stay here.
  await actions.click();
  await expect(conversations(page).getByText(/Exports are made on this device/)).toBeVisible();
  const [md, markdown] = await downloaded(page, () =>
    conversations(page).getByRole('button', { name: 'Export as Markdown' }).click(),
  );
  expect(md.suggestedFilename()).toMatch(/^hearth-invoice-reply-\d{4}-\d{2}-\d{2}\.md$/);
  expect(markdown).toMatch(/^# Invoice reply\n/);
  expect(markdown).toContain(`## You · `);
  expect(markdown).toContain(REQUEST);
  expect(markdown).toContain('## Answer (Cloud (redacted)) · ');
  expect(markdown.split(EMAIL).length - 1).toBeGreaterThanOrEqual(2); // question and answer
  expect(markdown).not.toMatch(/\[(EMAIL|PERSON|PHONE)_\d+\]/);

  const [js, jsonText] = await downloaded(page, () =>
    conversations(page).getByRole('button', { name: 'Export as JSON' }).click(),
  );
  expect(js.suggestedFilename()).toMatch(/^hearth-invoice-reply-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(jsonText) as {
    format: string;
    version: number;
    conversation: { id: string; title: string };
    messages: Array<{ role: string; content: string; answeredBy?: { label: string } }>;
  };
  expect(json).toMatchObject({
    format: 'hearth-conversation',
    version: 1,
    conversation: { id: conversationId, title: 'Invoice reply' },
  });
  expect(json.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(json.messages[0]?.content).toBe(REQUEST);
  expect(json.messages[1]?.content).toContain(EMAIL);
  expect(json.messages[1]?.answeredBy?.label).toBe('Cloud (redacted)');
  expect(jsonText).not.toMatch(/\[(EMAIL|PERSON|PHONE)_\d+\]/);

  // Delete asks first; Cancel keeps everything.
  await conversations(page).getByRole('button', { name: 'Delete…' }).click();
  let confirm = page.getByRole('dialog', { name: 'Delete “Invoice reply”?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('counts only: no title and no text');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(conversations(page).getByRole('button', { name: /^Invoice reply/ })).toBeVisible();

  await actions.click();
  await conversations(page).getByRole('button', { name: 'Delete…' }).click();
  confirm = page.getByRole('dialog', { name: 'Delete “Invoice reply”?' });
  await confirm.getByRole('button', { name: 'Delete conversation' }).click();
  await expect(conversations(page).getByText('No conversations yet.')).toBeVisible();
  // The open conversation was the deleted one: the chat starts empty.
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.answers()).toHaveCount(0);

  // The audit log records the deletion, with counts and no content, and still verifies.
  await chat.goTo('Audit log');
  const deletion = page.getByText(
    /conversation deleted with 2 messages, [1-9]\d* placeholder values/,
  );
  await expect(deletion).toBeVisible();
  await deletion.click();
  await expect(page.getByTestId('audit-deleted')).toContainText('counts only, no content');
  await expect(page.getByRole('main')).not.toContainText('Invoice reply');
  await page.getByRole('button', { name: /Verify chain/ }).click();
  await expect(page.getByText(/chain (is )?intact|verified/i).first()).toBeVisible();

  // Its messages and its placeholder values are gone from IndexedDB (the Audit view exposes
  // the db module in the e2e build).
  const left = await page.evaluate(async (id) => {
    const hdb = (
      window as unknown as {
        __hearthDb: {
          listConversations(): Promise<unknown[]>;
          listMessages(id: string): Promise<unknown[]>;
          loadVault(id: string): Promise<unknown[]>;
        };
      }
    ).__hearthDb;
    return {
      conversations: (await hdb.listConversations()).length,
      messages: (await hdb.listMessages(id)).length,
      vault: (await hdb.loadVault(id)).length,
    };
  }, conversationId);
  expect(left).toEqual({ conversations: 0, messages: 0, vault: 0 });
});

test('a conversation cannot be deleted while an answer is being written into it', async ({
  chat,
  page,
}) => {
  await chat.useTestEngine({
    loadedModel: 'test-engine-small-q4f32',
    tokens: Array.from({ length: 20 }, (_, i) => `word${i} `),
    // the answer pauses after word2 until released below
    holdAfterTokens: 3,
  });
  await chat.open('/');
  await chat.startSending('What should I pack for a week of hiking?');
  await expect(chat.lastAnswer()).toContainText('word2', { timeout: ANSWER_TIMEOUT });
  await conversations(page).getByRole('button', { name: 'Actions' }).click();
  const del = conversations(page).getByRole('button', { name: 'Delete…' });
  await expect(del).toBeDisabled();
  await page.evaluate(() => window.__hearthTestEngine?.configure({ holdAfterTokens: undefined }));
  await chat.waitForAnswer();
  await expect(del).toBeEnabled();
});

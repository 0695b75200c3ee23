import { test, expect } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['Local.'] };

test('sending unredacted needs explicit confirmation, sends the real values and is audited', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat
    .message()
    .fill('Please write a friendly reminder to peter.lund@example.org about Monday.');
  await chat.waitForPreview();
  await expect(page.getByTestId('preview-route')).toContainText('Cloud (redacted)');

  // Cancelling sends nothing and keeps the text.
  await page.getByRole('button', { name: 'Skip redaction…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send without redaction?' });
  await expect(dialog).toContainText('1 email');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(chat.message()).toHaveValue(/peter\.lund@example\.org/);
  expect(await stub.received()).toHaveLength(0);

  await page.getByRole('button', { name: 'Skip redaction…' }).click();
  await page.getByRole('button', { name: 'Yes, skip redaction' }).click();
  await chat.waitForAnswer();
  await expect(chat.badge()).toHaveText('Cloud');
  const received = await stub.received();
  expect(received).toHaveLength(1);
  expect(received[0]?.body).toContain('peter.lund@example.org');

  await chat.goTo('Audit log');
  await expect(page.getByText(/\(override\)|· override/).first()).toBeVisible();
});

test('regulated data offers no unredacted override and stays local', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat
    .message()
    .fill(
      'Tell anna.holm@example.org that her MRI shows a herniated disc and she starts physiotherapy.',
    );
  await chat.waitForPreview();
  await expect(page.getByTestId('preview-route')).toContainText('Local');
  await expect(page.getByRole('button', { name: 'Skip redaction…' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Send' }).click();
  await chat.waitForAnswer();
  await expect(chat.badge()).toHaveText('Local');
  expect(await stub.received()).toHaveLength(0);
});

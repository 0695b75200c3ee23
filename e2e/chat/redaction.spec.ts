import { test, expect } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local ', 'answer.'] };

test('Balanced: names, email and phone go to the cloud as placeholders and come back restored', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  const text =
    'Please draft a short, friendly reply to Maria Gonzalez (maria.gonzalez@example.com, +1 415 555 0132) ' +
    'thanking her for the quick turnaround on the quarterly report.';
  await chat.message().fill(text);
  // The live preview says what was found and where it would go, before sending.
  await chat.waitForPreview();
  await expect(page.getByTestId('preview-route')).toContainText('Cloud (redacted)');
  await expect(page.getByTestId('preview-detected')).toContainText('email');
  await page.getByRole('button', { name: 'Send' }).click();

  await chat.waitForAnswer();
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const received = await stub.received();
  expect(received).toHaveLength(1);
  const sent = received[0]?.body ?? '';
  expect(sent).not.toContain('Maria');
  expect(sent).not.toContain('Gonzalez');
  expect(sent).not.toContain('maria.gonzalez@example.com');
  expect(sent).not.toContain('555 0132');
  expect(sent).toMatch(/\[PERSON_1\]/);
  expect(sent).toMatch(/\[EMAIL_1\]/);
  expect(sent).toMatch(/\[PHONE_1\]/);
  // The browser never sees the provider key: the proxy adds it.
  expect(received[0]?.headers.authorization).toBe('Bearer stub-key-never-in-the-browser');

  // The stub echoes the redacted prompt: the answer shows the real values again.
  await expect(chat.lastAnswer()).toContainText('Maria Gonzalez');
  await expect(chat.lastAnswer()).toContainText('maria.gonzalez@example.com');

  // "What left this device": the exact outgoing text with placeholders, and the local mapping.
  await chat.badge().click();
  const dialog = page.getByRole('dialog', { name: 'What left this device' });
  await expect(dialog.getByTestId('outgoing-text')).toContainText('[EMAIL_1]');
  await expect(dialog.getByTestId('outgoing-text')).not.toContainText('maria.gonzalez');
  await expect(dialog.getByRole('table')).toContainText('maria.gonzalez@example.com');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The audit log has the decision and the chain verifies.
  await chat.goTo('Audit log');
  await page.getByRole('button', { name: /Verify chain/ }).click();
  await expect(page.getByText(/chain (is )?intact|verified/i).first()).toBeVisible();
});

test('medical details about a named person stay on this device', async ({ chat, stub, page }) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.send(
    'My colleague John Miller was diagnosed with type 2 diabetes last week and started metformin. ' +
      'How should I adjust his work schedule?',
  );
  await expect(chat.badge()).toHaveText('Local');
  await expect(chat.lastAnswer()).toContainText('A local answer.');
  expect(await stub.received()).toHaveLength(0);
  await chat.badge().click();
  await expect(page.getByTestId('nothing-left')).toBeVisible();
});

test('profile Private: nothing reaches the cloud, whatever the message', async ({ chat, stub }) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.setProfile('Private');
  for (const text of [
    'What is the capital of France?',
    'Summarise the history of the printing press in three paragraphs.',
    'Email bob@example.org about the offsite.',
  ]) {
    await chat.send(text);
    await expect(chat.badge()).toHaveText('Local');
  }
  expect(await stub.received()).toHaveLength(0);
});

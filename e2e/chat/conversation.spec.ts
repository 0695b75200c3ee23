/**
 * Real conversations, as the stub provider receives them: turns as role-structured messages with
 * one placeholder per value across turns, custom instructions analysed and redacted like any
 * text, and Edit / Regenerate going through the same analysis and routing as a send.
 */
import { ANSWER_TIMEOUT, test, expect, type ReceivedChat } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local ', 'answer.'] };

/** Our fixed placeholder instruction opens with this; "what left this device" leaves it out. */
const OUR_INSTRUCTION = /^Some personal values in this conversation were replaced/;

const messagesOf = (r: ReceivedChat | undefined) => r?.json?.messages ?? [];

/** What "what left this device" shows for one request: the messages, ours left out, with roles. */
function shown(r: ReceivedChat | undefined): string {
  const label = { system: 'System', user: 'User', assistant: 'Assistant' } as const;
  const list = messagesOf(r).filter(
    (m) => !(m.role === 'system' && OUR_INSTRUCTION.test(m.content)),
  );
  if (list.length === 1 && list[0]?.role === 'user') return list[0].content;
  return list.map((m) => `${label[m.role as keyof typeof label]}: ${m.content}`).join('\n\n');
}

test('a follow-up reaches the cloud as role-structured messages, the same value with the same placeholder in every turn', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.send(
    'Please draft a short, friendly reply to Maria Gonzalez (maria.gonzalez@example.com) thanking her for the quarterly report.',
  );
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  await chat.send('Now write a reminder to maria.gonzalez@example.com about the invoice.');
  await expect(chat.badge()).toHaveText('Cloud (redacted)');

  const received = await stub.received();
  expect(received).toHaveLength(2);
  const first = messagesOf(received[0]);
  const second = messagesOf(received[1]);
  expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  expect(second[0]?.content).toMatch(OUR_INSTRUCTION);
  // the first turn is sent again exactly as it was the first time
  expect(second[1]?.content).toBe(first.at(-1)?.content);
  expect(second[1]?.content).toContain('[PERSON_1]');
  expect(second[1]?.content).toContain('[EMAIL_1]');
  // the stub echoed the redacted prompt: the answer goes back with the same placeholders
  expect(second[2]?.content).toContain('[EMAIL_1]');
  expect(second[3]?.content).toBe('Now write a reminder to [EMAIL_1] about the invoice.');
  const body = received[1]?.body ?? '';
  expect(body).not.toContain('maria.gonzalez@example.com');
  expect(body).not.toContain('Gonzalez');

  // "What left this device" shows exactly the messages sent, with their roles.
  await chat.badge().click();
  const dialog = page.getByRole('dialog', { name: 'What left this device' });
  await expect(dialog.getByTestId('outgoing-text')).toHaveText(shown(received[1]));
  await expect(dialog.getByTestId('outgoing-text')).toContainText('Assistant: ');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('custom instructions, global and per conversation, are sent as system messages with the name redacted; a regulated one keeps the request local', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.goTo('Policy');
  const global = page.getByRole('textbox', { name: 'Instructions for every conversation' });
  await global.fill('Always sign as Dr. Jana Nováková.');
  await page.getByRole('button', { name: 'Save instructions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this device.' })).toBeVisible();
  await chat.goTo('Chat');

  await chat.send('Write a two-line thank-you note for the flowers to my team at work.');
  const [first] = await stub.received();
  const system = messagesOf(first).filter((m) => m.role === 'system');
  const instruction = system.find((m) => !OUR_INSTRUCTION.test(m.content));
  expect(instruction?.content).toMatch(/^Always sign as Dr\. \[PERSON_\d+\]\.$/);
  expect(first?.body).not.toContain('Nováková');

  // This conversation's own instruction, from the chat's header: regulated, so it stays here.
  await page.getByText('Conversation instructions', { exact: true }).click();
  await page
    .getByRole('textbox', { name: 'Instructions for this conversation' })
    .fill('I have type 1 diabetes and take insulin every morning; keep that in mind.');
  await page.getByRole('button', { name: 'Save instructions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this device.' })).toBeVisible();
  await chat.send('Suggest a dinner for tonight.');
  await expect(chat.badge()).toHaveText('Local');
  expect(await stub.received()).toHaveLength(1);
});

test('Edit replaces a message and drops the later turns after saying so, and is routed again; Regenerate asks again', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.setProfile('Cloud-first');
  await chat.send('Write a haiku about autumn rain in the city.');
  await expect(chat.badge()).toHaveText('Cloud');
  await chat.send('Now one about snow.');
  await expect(chat.badge()).toHaveText('Cloud');
  expect(await stub.received()).toHaveLength(2);

  // Edit the first message, from the keyboard.
  const firstUser = page.locator('li.from-user').first();
  await firstUser.getByRole('button', { name: 'Edit message' }).focus();
  await page.keyboard.press('Enter');
  const editor = firstUser.getByRole('textbox', { name: 'Edit your message' });
  await expect(editor).toBeFocused();
  await expect(firstUser).toContainText(
    'Sending replaces this message and removes the 3 messages after it',
  );
  await editor.fill(
    'Write a haiku about autumn rain for my tax adviser; my SSN is 078-05-1120 if he asks.',
  );
  // the same live preview as the composer, for the edited text
  await expect(firstUser.getByTestId('live-preview')).toBeVisible({ timeout: ANSWER_TIMEOUT });
  await firstUser.getByRole('button', { name: 'Send edited message' }).click();

  await expect(page.locator('li.from-user')).toHaveCount(1, { timeout: ANSWER_TIMEOUT });
  await expect(chat.answers()).toHaveCount(1);
  await chat.waitForAnswer();
  await expect(page.locator('li.from-user')).toContainText('078-05-1120');
  // Cloud-first sends a national id redacted: the edit went through the same routing
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const afterEdit = await stub.received();
  expect(afterEdit).toHaveLength(3);
  for (const r of afterEdit) expect(r.body).not.toContain('078-05-1120');
  const sent = messagesOf(afterEdit[2]);
  // the dropped turns are not sent: only the edited message (after our instruction)
  expect(sent.map((m) => m.role)).toEqual(['system', 'user']);
  expect(sent[1]?.content).toMatch(/\[NATIONAL_ID_\d+\]/);

  // Regenerate the answer: asked again through the same routing, in place.
  const regenerate = chat.lastAnswer().getByRole('button', { name: 'Regenerate answer' });
  await regenerate.click();
  await expect
    .poll(async () => (await stub.received()).length, { timeout: ANSWER_TIMEOUT })
    .toBe(4);
  const again = await stub.received();
  expect(again[3]?.body).toBe(again[2]?.body);
  // the button is back once the new answer is stored, in place of the old one
  await expect(regenerate).toBeEnabled({ timeout: ANSWER_TIMEOUT });
  await expect(chat.answers()).toHaveCount(1);
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
});

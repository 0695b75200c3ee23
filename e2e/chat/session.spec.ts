import { ANSWER_TIMEOUT, test, expect } from './fixtures';

test('Stop ends a streaming answer and keeps what arrived', async ({ chat, page }) => {
  await chat.useTestEngine({
    loadedModel: 'test-engine-small-q4f32',
    tokens: Array.from({ length: 200 }, (_, i) => `word${i} `),
    tokenDelayMs: 20,
    // the answer pauses after word3 until stopped: Stop is pressed while it is being written
    holdAfterTokens: 4,
  });
  await chat.open('/');
  await chat.startSending(
    'My neighbour Anna Kowalska has asthma; what should I know before babysitting her kids?',
  );
  // The first tokens come after the analysis (model load in a fresh profile).
  await expect(chat.lastAnswer()).toContainText('word3', { timeout: ANSWER_TIMEOUT });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(chat.badge()).toHaveText('Stopped');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  const text = (await chat.lastAnswer().textContent()) ?? '';
  expect(text).toContain('word3');
  expect(text).not.toContain('word4');
});

test('an answer keeps being written while the person looks at another page', async ({
  chat,
  page,
}) => {
  await chat.useTestEngine({
    loadedModel: 'test-engine-small-q4f32',
    tokens: Array.from({ length: 60 }, (_, i) => `word${i} `),
    tokenDelayMs: 20,
    // the answer pauses after word3 until released below, however long the steps take
    holdAfterTokens: 4,
  });
  await chat.open('/');
  await chat.startSending(
    'My neighbour Anna Kowalska has asthma; what should I keep in the house?',
  );
  await expect(chat.lastAnswer()).toContainText('word2', { timeout: ANSWER_TIMEOUT });
  await chat.goTo('Dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  // A new chat while the first answer is still on its way: Send waits for it, and says why.
  await chat.goTo('Chat');
  await chat.message().fill('Another question');
  await expect(
    page.getByText('An answer in another conversation is still being written'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  // The rest of the answer is written while this other conversation is on screen.
  await page.evaluate(() => window.__hearthTestEngine?.configure({ holdAfterTokens: undefined }));
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled({ timeout: ANSWER_TIMEOUT });
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /Anna Kowalska/ })
    .click();
  await expect(chat.lastAnswer()).toContainText('word59');
  await expect(chat.badge()).toHaveText('Local');
});

test('reload keeps conversations and a new chat starts empty', async ({ chat, page }) => {
  await chat.useTestEngine({ loadedModel: 'test-engine-small-q4f32', tokens: ['Kept.'] });
  await chat.open('/');
  await chat.send('Remember that my blood pressure reading today was 150/95.');
  await expect(chat.lastAnswer()).toContainText('Kept.');
  // Reloading while the answer is still being stored would (rightly) leave it "Interrupted".
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  const url = page.url();
  await page.reload();
  await expect(chat.lastAnswer()).toContainText('Kept.');
  expect(page.url()).toBe(url);
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(chat.answers()).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /blood pressure/ })
    .click();
  await expect(chat.lastAnswer()).toContainText('Kept.');
});

test('HTML in a model answer renders inert', async ({ chat, page }) => {
  await chat.useTestEngine({
    loadedModel: 'test-engine-small-q4f32',
    tokens: [
      'Here: <script>window.__pwned = 1</script> and ',
      '<img src=x onerror="window.__pwned = 2"> and [x](javascript:window.__pwned=3)',
    ],
  });
  await chat.open('/');
  await chat.send('My therapist said I should journal more. Any tips?');
  await expect(chat.lastAnswer()).toContainText('<script>');
  const answer = chat.lastAnswer();
  await expect(answer.locator('script')).toHaveCount(0);
  await expect(answer.locator('img')).toHaveCount(0);
  await expect(answer.locator('[onerror]')).toHaveCount(0);
  await expect(answer.locator('a[href^="javascript:"]')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
});

test('Enter sends, Shift+Enter adds a line, and the shortcut starts a new chat', async ({
  chat,
  page,
}) => {
  await chat.useTestEngine({ loadedModel: 'test-engine-small-q4f32', tokens: ['Ok.'] });
  await chat.open('/');
  const box = chat.message();
  await box.fill('My doctor changed my insulin dose.');
  await box.press('Shift+Enter');
  await box.pressSequentially('Second line');
  await expect(box).toHaveValue('My doctor changed my insulin dose.\nSecond line');
  await box.press('Enter');
  await chat.waitForAnswer();
  await expect(chat.lastAnswer()).toContainText('Ok.');
  await expect(box).toHaveValue('');
  await page.keyboard.press('Alt+Shift+N');
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.answers()).toHaveCount(0);
});

/**
 * Honest states: what the chat says when nothing can answer, and what it offers next; an override
 * offered only where this server allows it.
 */
import { E2E_PORT, PROXY_TOKEN, TOKEN_PORT } from '../ports';
import { test, expect } from './fixtures';

test.describe('no local model and no cloud tier (the server without a cloud)', () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORT}` });

  test('says what is missing, offers the next step, keeps the message waiting with Retry and Discard', async ({
    chat,
    page,
  }) => {
    await chat.useTestEngine({ tokens: ['unused'] }); // a local engine exists, no model is loaded
    await chat.open('/');
    // Said quietly under the box before anything is sent.
    await expect(page.getByTestId('engines-status')).toContainText('Nothing can answer right now');
    await chat.send('What is the capital of Australia?');

    const answer = chat.lastAnswer();
    await expect(chat.badge()).toHaveText('Waiting for a local model');
    const waiting = answer.getByTestId('waiting-local');
    await expect(waiting).toContainText('No local model is loaded');
    await expect(waiting).toContainText('nothing was sent');
    await expect(answer).not.toContainText('Blocked');
    await expect(waiting.getByRole('link', { name: 'open Models' })).toHaveAttribute(
      'href',
      '/models',
    );

    // Retry goes through the same analysis and routing: still nothing can answer it.
    await waiting.getByRole('button', { name: 'Retry' }).click();
    await expect(answer).toContainText('Tried again: still nothing can answer it here.', {
      timeout: 60_000,
    });
    await expect(chat.badge()).toHaveText('Waiting for a local model');
    await expect(page.getByRole('list', { name: 'Messages' }).locator('li')).toHaveCount(2);

    // Kept across a reload, as a person expects of a message they wrote.
    await page.reload();
    await expect(chat.lastAnswer().getByTestId('waiting-local')).toBeVisible();

    // Discard forgets the request and its reply.
    await chat.lastAnswer().getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByRole('list', { name: 'Messages' }).locator('li')).toHaveCount(0);
  });
});

test.describe('a waiting message is answered once a local model is loaded', () => {
  test.use({ baseURL: `http://127.0.0.1:${E2E_PORT}` });

  test('open Models from the message, load a model, come back: it is answered here', async ({
    chat,
    page,
  }) => {
    await chat.useTestEngine({ tokens: ['Canberra.'], loadSteps: 2, loadStepDelayMs: 20 });
    await chat.open('/');
    await chat.send('What is the capital of Australia?');
    await expect(chat.badge()).toHaveText('Waiting for a local model');

    await chat.lastAnswer().getByRole('link', { name: 'open Models' }).click();
    await page.getByRole('button', { name: 'Download and use test-engine-small-q4f32' }).click();
    await expect(page.getByTestId('model-status')).toContainText(
      'In use: test-engine-small-q4f32',
      {
        timeout: 30_000,
      },
    );
    await page.goBack();

    await expect(chat.badge()).toHaveText('Local', { timeout: 60_000 });
    await expect(page.getByTestId('engines-status')).toContainText(
      'Can answer now: the local model',
    );
    await expect(chat.lastAnswer()).toContainText('Canberra.');
    await expect(chat.lastAnswer().getByTestId('waiting-local')).toHaveCount(0);
  });
});

test.describe('a server that does not allow sending unredacted text', () => {
  test.use({ baseURL: `http://127.0.0.1:${TOKEN_PORT}` });

  test('offers no "Skip redaction…", although the text would leave redacted', async ({
    chat,
    page,
  }) => {
    await chat.useTestEngine({ tokens: ['unused'] });
    await chat.open('/');
    await chat.goTo('Policy');
    await page.getByLabel('Access token').fill(PROXY_TOKEN);
    await page.getByRole('button', { name: 'Save token' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Saved on this device.' }),
    ).toBeVisible();
    await chat.goTo('Chat');
    await chat
      .message()
      .fill('Please write a friendly reminder to peter.lund@example.org about Monday.');
    await chat.waitForPreview();
    await expect(page.getByTestId('preview-route')).toContainText('Cloud (redacted)');
    await expect(page.getByRole('button', { name: 'Skip redaction…' })).toHaveCount(0);
  });
});

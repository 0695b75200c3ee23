import { PROXY_TOKEN, TOKEN_PORT } from '../ports';
import { test, expect } from './fixtures';

test.use({ baseURL: `http://127.0.0.1:${TOKEN_PORT}` });

test('a server with PROXY_TOKEN: the app asks for the token once and keeps it', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine({ tokens: ['unused'] });
  await chat.open('/');
  const text = 'Draft a two-line note to maja.lind@example.se about the Friday demo.';
  await chat.send(text);
  await expect(chat.lastAnswer()).toContainText('This server needs an access token');
  expect(await stub.received()).toHaveLength(0);

  await chat.lastAnswer().getByRole('link', { name: 'Policy and settings' }).click();
  await page.getByLabel('Access token').fill(PROXY_TOKEN);
  await page.getByRole('button', { name: 'Save token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this device.' })).toBeVisible();

  // Kept across a reload: no second prompt.
  await page.reload();
  await chat.goTo('Chat');
  await chat.send(text);
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const received = await stub.received();
  expect(received).toHaveLength(1);
  // The app's token is for the proxy only; the provider sees the server's key.
  expect(received[0]?.headers.authorization).not.toContain(PROXY_TOKEN);
});

import { ANSWER_TIMEOUT, test, expect } from './fixtures';

const PERSONAL =
  'Write a two-line thank-you note to Daniel Okafor (daniel.okafor@example.net) for organising the team lunch.';

test('offline: banner, the cloud-bound request waits in the outbox, survives a reload, goes out when back online', async ({
  chat,
  stub,
  page,
  context,
}) => {
  // No local model: this request can only be answered by the cloud.
  await chat.useTestEngine({ tokens: ['unused'] });
  await chat.open('/');
  await chat.waitForServiceWorker();
  await context.setOffline(true);
  await expect(page.getByText(/You are offline/)).toBeVisible();
  await chat.send(PERSONAL);
  await expect(chat.badge()).toHaveText('Queued');
  await expect(chat.lastAnswer()).toContainText('Waiting in the outbox');

  await page.reload();
  await expect(chat.badge()).toHaveText('Queued');
  expect(await stub.received()).toHaveLength(0);

  await context.setOffline(false);
  // The outbox re-checks and sends the message once the browser is back online.
  await expect(chat.badge()).toHaveText('Cloud (redacted)', { timeout: ANSWER_TIMEOUT });
  await expect(chat.lastAnswer()).toContainText('Daniel Okafor');
  const received = await stub.received();
  expect(received).toHaveLength(1);
  expect(received[0]?.body).not.toContain('daniel.okafor@example.net');
});

test('upstream 500: the local answer is given instead and labelled so', async ({ chat, stub }) => {
  await chat.useTestEngine({
    loadedModel: 'test-engine-small-q4f32',
    tokens: ['Local ', 'fallback.'],
  });
  await stub.behave({ kind: 'error', status: 500 });
  await chat.open('/');
  await chat.send(PERSONAL);
  await expect(chat.badge()).toHaveText('Local');
  await expect(chat.lastAnswer()).toContainText('Local fallback.');
  // Either the 500 came back on this request (fallback after the call), or the proxy's health
  // probe had already seen the provider fail (the router kept it local): both say why.
  await expect(chat.lastAnswer()).toContainText(
    /(the frontier tier failed|the frontier cloud is unavailable).*answered on this device instead/,
  );
});

test('upstream timeout without a local model: the user is told what happened', async ({
  chat,
  stub,
  request,
}) => {
  await chat.useTestEngine({ tokens: ['unused'] });
  await stub.behave({ kind: 'hang' });
  await chat.open('/');
  await chat.send(PERSONAL);
  await expect(chat.badge()).toHaveText(/Queued|Failed/);
  await expect(chat.lastAnswer()).toContainText(/time|outbox/i);
  // The proxy remembers an unreachable provider for a while; wait until it sees it recover so the
  // next spec starts with a healthy cloud.
  await stub.behave({ kind: 'normal', echo: true });
  await expect
    .poll(
      async () => {
        const health = (await (await request.get('/api/health')).json()) as {
          tiers?: { frontier?: { reachable?: boolean } };
        };
        return health.tiers?.frontier?.reachable;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(true);
});

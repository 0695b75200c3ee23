/**
 * The first preview of a visit does not wait for the names model: it shows the pattern stage's
 * verdict (an e-mail found) and says names are still being checked, while a send still waits for
 * the model. The model's download is held back by the test (a route that answers only when
 * released), so "before the model is ready" is a state, not a race.
 */
import { test, expect } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local ', 'answer.'] };

// Requests from the analysis worker must reach the route below, not a service worker's cache.
test.use({ serviceWorkers: 'block' });

test('the first preview shows the pattern verdict while the names model loads; a send waits for it', async ({
  chat,
  stub,
  page,
  context,
}) => {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await context.route('**/models/ner/ner.onnx', async (route) => {
    asked = true;
    await released;
    await route.continue();
  });
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat
    .message()
    .fill('Please write to Maria Gonzalez at maria.gonzalez@example.com about the report.');

  const preview = page.getByTestId('live-preview');
  await expect(preview).toHaveAttribute('data-model-stage', 'pending', { timeout: 30_000 });
  await expect(page.getByTestId('preview-detected')).toContainText('1 email');
  await expect(page.getByTestId('preview-names-pending')).toContainText(
    'Names are still being checked',
  );
  expect(asked).toBe(true);

  // Sending now: the message is taken, but nothing leaves before the names were checked.
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(
    page.getByRole('list', { name: 'Messages' }).locator('li.from-user').last(),
  ).toContainText('maria.gonzalez@example.com');
  expect(await stub.received()).toHaveLength(0);

  release();
  await chat.waitForAnswer();
  const received = await stub.received();
  expect(received).toHaveLength(1);
  const sent = received[0]?.body ?? '';
  expect(sent).not.toContain('maria.gonzalez@example.com');
  // the name was found by the model (the pattern stage alone would not replace it)
  expect(sent).not.toContain('Gonzalez');
  expect(sent).toMatch(/\[PERSON_1\]/);
});

test('the pattern verdict is replaced by the full one once names are checked', async ({
  chat,
  page,
  context,
}) => {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/models/ner/ner.onnx', async (route) => {
    await released;
    await route.continue();
  });
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.message().fill('Please write to Maria Gonzalez at maria.gonzalez@example.com.');
  const preview = page.getByTestId('live-preview');
  await expect(preview).toHaveAttribute('data-model-stage', 'pending', { timeout: 30_000 });
  await expect(page.getByTestId('preview-detected')).not.toContainText('name');

  release();
  await expect(preview).toHaveAttribute('data-model-stage', 'ok', { timeout: 60_000 });
  await expect(page.getByTestId('preview-names-pending')).toHaveCount(0);
  await expect(page.getByTestId('preview-detected')).toContainText('1 name');
  await expect(page.getByTestId('preview-detected')).toContainText('1 email');
});

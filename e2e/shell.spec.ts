import { test, expect } from './fixtures/app';

const VIEWS = [
  { label: 'Chat', path: '/', heading: 'Chat' },
  { label: 'Dashboard', path: '/dashboard', heading: 'Dashboard' },
  { label: 'Audit log', path: '/audit', heading: 'Audit log' },
  { label: 'Models', path: '/models', heading: 'Models' },
  { label: 'Policy', path: '/policy', heading: 'Policy and settings' },
] as const;

test('every view renders from the navigation and from its URL', async ({ app, page }) => {
  await app.open('/');
  for (const view of VIEWS) {
    await app.goTo(view.label);
    await expect(page).toHaveURL(view.path);
    await expect(app.heading()).toHaveText(view.heading);
  }
  for (const view of VIEWS) {
    await app.open(view.path);
    await expect(app.heading()).toHaveText(view.heading);
  }
});

test('an unknown route shows a not-found view inside the shell', async ({ app, page }) => {
  await app.open('/no/such/page');
  await expect(app.heading()).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the chat' }).click();
  await expect(app.heading()).toHaveText('Chat');
});

test('without a cloud provider the app says it runs in local-only mode', async ({ app, page }) => {
  await app.open('/');
  await expect(page.getByText(/Local-only mode/)).toBeVisible();
});

test('the proxy answers /api/health and JSON 404s for unknown API paths', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, cloud: { configured: false } });
  const missing = await request.get('/api/nothing-here');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['content-type']).toContain('application/json');
});

test('the page runs under the strict CSP without violations', async ({ app, page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await app.open('/');
  for (const view of VIEWS) await app.goTo(view.label);
  await app.goTo('Models'); // the one view that starts the worker
  await expect(page.getByTestId('gpu-capabilities')).not.toContainText('Checking');
  expect(violations).toEqual([]);
});

import { test, expect } from './fixtures/app';

test('without WebGPU the app loads and the Models view says local inference is unavailable', async ({
  app,
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await app.open('/models');
  await expect(page.getByTestId('gpu-capabilities')).toContainText(
    /Local inference is unavailable: (no GPU adapter is available|this browser does not expose WebGPU)/,
  );
  await app.goTo('Chat');
  await expect(app.heading()).toHaveText('Chat');
  expect(errors).toEqual([]);
});

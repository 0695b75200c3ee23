import { test, expect } from './fixtures/app';

test('the worker probes WebGPU and the Models view says what will run', async ({ app, page }) => {
  await app.open('/models');
  const caps = page.getByTestId('gpu-capabilities');
  // Headless Chromium with --enable-unsafe-webgpu exposes SwiftShader: no shader-f16.
  await expect(caps).toContainText(
    'WebGPU available (software renderer, no 16-bit float shaders): only f32 models will run.',
  );
  await expect(caps).toContainText('Largest buffer');
});

test('a worker that cannot start shows the reason and the app stays usable', async ({
  app,
  page,
  context,
}) => {
  await context.route('**/assets/local-model.worker-*.js', (route) => route.abort('failed'));
  await app.open('/models');
  await expect(page.getByRole('alert')).toContainText('Local inference is unavailable');
  await expect(page.getByRole('alert')).toContainText('worker could not start');
  await app.goTo('Chat');
  await expect(app.heading()).toHaveText('Chat');
});

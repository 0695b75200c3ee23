import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';

/** Select the e2e build's TestEngine before the page loads (see docs/local-model.md). */
async function useTestEngine(page: Page, config: Record<string, unknown> = {}) {
  await page.addInitScript((cfg) => {
    localStorage.setItem('hearth:test-engine', JSON.stringify(cfg));
  }, config);
}

const SMALL = 'test-engine-small-q4f32';

/** Configure one self-hosted model (the admin setting) before the page loads. */
async function selfHost(page: Page, baseUrl: string, id: string) {
  await page.addInitScript(
    ({ baseUrl, id }) => {
      localStorage.setItem(
        'hearth:self-hosted-models',
        JSON.stringify({
          baseUrl,
          onlySelfHosted: true,
          models: [{ id, modelUrl: id, modelLibUrl: `libs/${id}-webgpu.wasm`, vramMB: 900 }],
        }),
      );
    },
    { baseUrl, id },
  );
}

test.describe('real web-llm engine (SwiftShader, no weights reachable)', () => {
  test('the catalog hides f16 variants and recommends a small f32 model', async ({ app, page }) => {
    await app.open('/models');
    const catalog = page.getByTestId('model-catalog');
    await expect(catalog).toBeVisible({ timeout: 20_000 });
    const recommended = catalog.locator('tr', { hasText: 'Recommended for this device' });
    await expect(recommended).toHaveCount(1);
    await expect(recommended).toHaveAttribute('data-model-id', 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    const ids = await catalog
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model-id') ?? ''));
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id) => /f16/.test(id))).toEqual([]);
    await expect(catalog).toContainText('Apache 2.0');
    // Models over this device's budget are folded away, with a reason.
    await expect(page.getByTestId('models-too-large')).toContainText('GPU memory');
  });

  test('a self-hosted model folder without files fails with a clear message and the app stays usable', async ({
    app,
    page,
    baseURL,
  }) => {
    await selfHost(page, `${baseURL}/self-hosted-empty/`, 'Empty-0.5B-q4f32_1-MLC');
    await app.open('/models');
    const catalog = page.getByTestId('model-catalog');
    await expect(catalog.locator('tbody tr')).toHaveCount(1, { timeout: 20_000 });
    await expect(catalog).toContainText('Self-hosted');
    await page.getByRole('button', { name: 'Download and use Empty-0.5B-q4f32_1-MLC' }).click();
    const error = page.getByTestId('model-error');
    await expect(error).toBeVisible({ timeout: 25_000 });
    await expect(error).toHaveAttribute('data-code', 'model_not_found');
    await expect(error).toContainText('were not found on the model server');
    await expect(error).toContainText('folder layout');
    // said once: the alert explains, the status line does not repeat it
    await expect(page.getByTestId('model-status')).toContainText('No local model is loaded');
    await expect(page.getByText('were not found on the model server')).toHaveCount(1);
    await app.goTo('Chat');
    await expect(app.heading()).toHaveText('Chat');
  });

  test('an unreachable model server fails with a network message and the app stays usable', async ({
    app,
    page,
  }) => {
    await selfHost(page, 'http://127.0.0.1:9/', 'Unreachable-0.5B-q4f32_1-MLC');
    await app.open('/models');
    await page
      .getByRole('button', { name: 'Download and use Unreachable-0.5B-q4f32_1-MLC' })
      .click();
    const error = page.getByTestId('model-error');
    await expect(error).toHaveAttribute('data-code', 'network_lost', { timeout: 25_000 });
    await expect(error).toContainText('could not be reached');
    await expect(error).toContainText('Check the connection');
    await app.goTo('Policy');
    await expect(app.heading()).toHaveText('Policy and settings');
  });
});

test.describe('TestEngine (e2e build only)', () => {
  test('loads with a progress bar, then streams canned tokens through the facade', async ({
    app,
    page,
  }) => {
    await useTestEngine(page, {
      tokens: ['Hello', ' from', ' Hearth'],
      tokenDelayMs: 10,
      loadSteps: 10,
      loadStepDelayMs: 150,
      downloadBytes: 300_000_000,
      decodeTokensPerSecond: 12.5,
    });
    await app.open('/models');
    await expect(page.getByTestId('test-engine-banner')).toBeVisible();
    await expect(page.getByTestId('model-catalog')).toContainText(SMALL);
    await page.getByRole('button', { name: `Download and use ${SMALL}` }).click();
    const progress = page.getByTestId('download-progress');
    await expect(progress).toContainText(/of 300 MB/);
    await expect(progress.locator('progress')).toBeVisible();
    await expect(progress).toBeHidden({ timeout: 10_000 });
    await expect(page.getByTestId('model-status')).toContainText(`In use: ${SMALL}`);

    const out = await page.evaluate(async () => {
      const lm = window.__hearthTestEngine?.localModel;
      if (!lm) throw new Error('no test hook');
      const tokens: string[] = [];
      const result = await lm.generate({ messages: [{ role: 'user', content: 'Hi' }] }, (t) =>
        tokens.push(t),
      );
      const judgement = await lm.judge('difficulty', 'Hi');
      return { tokens, result, judgement };
    });
    expect(out.tokens).toEqual(['Hello', ' from', ' Hearth']);
    expect(out.result).toMatchObject({ text: 'Hello from Hearth', finishReason: 'stop' });
    expect(out.judgement).toMatchObject({ kind: 'difficulty', unknown: true });

    await app.goTo('Chat');
    await app.goTo('Models');
    await expect(page.getByTestId('model-status')).toContainText('12.5 tokens per second');
  });

  test('cancel stops a download and a failed download explains what to do', async ({
    app,
    page,
  }) => {
    await useTestEngine(page, { loadSteps: 50, loadStepDelayMs: 200 });
    await app.open('/models');
    await page.getByRole('button', { name: `Download and use ${SMALL}` }).click();
    await expect(page.getByTestId('download-progress')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('download-progress')).toBeHidden();
    await expect(page.getByTestId('model-status')).toContainText('No local model is loaded');
    await expect(page.getByTestId('model-error')).toHaveCount(0);

    await page.evaluate(() =>
      window.__hearthTestEngine?.configure({
        loadStepDelayMs: 10,
        failLoad: { code: 'quota_exceeded', afterSteps: 2 },
      }),
    );
    await page.getByRole('button', { name: `Download and use ${SMALL}` }).click();
    const error = page.getByTestId('model-error');
    await expect(error).toHaveAttribute('data-code', 'quota_exceeded');
    await expect(error).toContainText('Free up space');
    // the failure is stated once (the alert), not again by the status line
    await expect(page.getByText('quota_exceeded')).toHaveCount(1);
    await expect(page.getByTestId('model-status')).toHaveText('No local model is loaded.');
    // dismissed, the status line says what failed
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('model-status')).toContainText('failed');
    await expect(page.getByText('quota_exceeded')).toHaveCount(1);
  });

  test('asks the browser to keep its storage before a model download starts, and says what is stored where', async ({
    app,
    page,
  }) => {
    await useTestEngine(page, { loadSteps: 10, loadStepDelayMs: 100 });
    // navigator.storage.persist() answers only when the test lets it (then with the real answer)
    await page.addInitScript(() => {
      const storage = navigator.storage;
      const real = storage.persist.bind(storage);
      const gate = { calls: 0, release: () => {} };
      (window as unknown as { __persistGate: typeof gate }).__persistGate = gate;
      storage.persist = () => {
        gate.calls += 1;
        return new Promise<boolean>((resolve) => {
          gate.release = () => void real().then(resolve);
        });
      };
    });
    await app.open('/models');
    const where = page.getByTestId('stored-where');
    await expect(where).toContainText("in this site's Cache API storage");
    await expect(where).toContainText("Chrome's own profile folder");
    await expect(where).toContainText('IndexedDB database "hearth"');

    await page.getByRole('button', { name: `Download and use ${SMALL}` }).click();
    await page.waitForFunction(
      () => (window as unknown as { __persistGate: { calls: number } }).__persistGate.calls === 1,
    );
    // the download waits for the browser's answer
    const state = () =>
      page.evaluate(async () => (await window.__hearthTestEngine?.localModel.status())?.state);
    expect(await state()).toBe('idle');
    await page.evaluate(() =>
      (window as unknown as { __persistGate: { release(): void } }).__persistGate.release(),
    );
    await expect(page.getByTestId('model-status')).toContainText(`In use: ${SMALL}`);
    expect(await state()).toBe('ready');
  });

  test('deletes a cached model and shows storage use', async ({ app, page }) => {
    await useTestEngine(page, { cachedModels: [SMALL] });
    await app.open('/models');
    // this origin's real storage (the same query and sentence as the Memory view)
    await expect(page.getByTestId('storage-line')).toContainText(/Hearth uses .+ free\./);
    const row = page.locator(`tr[data-model-id="${SMALL}"]`);
    await expect(row).toContainText('On this device');
    await page.getByRole('button', { name: `Delete ${SMALL} from this device` }).click();
    await expect(row).not.toContainText('On this device');
  });
});

test('the worker runs the embedded NER model on demand', async ({ app, page }) => {
  await app.open('/models');
  await page.waitForFunction(() => window.__hearthTestEngine !== undefined);
  const out = await page.evaluate(async () => {
    try {
      const entities = await window.__hearthTestEngine?.detectNer(
        'Please call Anna Schmidt at the Berlin office tomorrow.',
      );
      return { entities };
    } catch (err) {
      return { error: err as { code: string; message: string } };
    }
  });
  // Needs public/models/ner/ner.onnx (the NER model shipped with the app).
  expect(out.error).toBeUndefined();
  expect(out.entities).toContainEqual(
    expect.objectContaining({ type: 'PERSON', text: 'Anna Schmidt', source: 'ner' }),
  );
});

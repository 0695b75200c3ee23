/**
 * The dashboard over real stored figures. Samples are written straight into the app's IndexedDB
 * (the `metrics` and `outbox` stores of the database src/db creates), then the page is reloaded.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';

const HOUR = 3_600_000;

function samples(now: number) {
  const base = {
    route: 'local',
    tier: 'local',
    latencyMs: 300,
    promptTokens: 400,
    completionTokens: 200,
    costUsd: 0,
    redactions: {},
    escalated: false,
  };
  return [
    { ...base, id: 'm1', at: now - 3 * HOUR },
    { ...base, id: 'm2', at: now - 2 * HOUR, latencyMs: 500 },
    {
      ...base,
      id: 'm3',
      at: now - 2 * HOUR,
      route: 'frontier',
      tier: 'frontier',
      latencyMs: 1800,
      costUsd: 0.004,
      redactions: { PERSON: 2, EMAIL: 1 },
    },
    {
      ...base,
      id: 'm4',
      at: now - HOUR,
      route: 'frontier',
      tier: 'frontier',
      latencyMs: 2200,
      costUsd: 0.005,
      escalated: true,
      redactions: { PHONE: 1 },
    },
    { ...base, id: 'm5', at: now - HOUR, route: 'blocked', tier: 'local', latencyMs: 0 },
  ];
}

async function seed(page: Page): Promise<void> {
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('hearth');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['metrics', 'outbox'], 'readwrite');
      for (const row of rows) tx.objectStore('metrics').put(row);
      tx.objectStore('outbox').put({
        id: 'o1',
        conversationId: 'c1',
        messageId: 'x1',
        createdAt: Date.now(),
        request: {},
        attempts: 0,
      });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, samples(Date.now()));
}

test('with no figures the dashboard says so', async ({ app, page }) => {
  await app.open('/dashboard');
  await expect(page.getByTestId('dashboard-empty')).toContainText('Nothing to chart yet');
});

test('stored figures become charts with text and table summaries', async ({ app, page }) => {
  const csp: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text());
  });
  await app.open('/dashboard');
  await expect(page.getByTestId('dashboard-empty')).toBeVisible(); // the database exists now
  await seed(page);
  await page.reload();

  const routes = page.getByRole('region', { name: /Requests by route/ });
  await expect(routes).toContainText('Local 40%, Cloud 40%, Blocked 20%');
  await expect(routes.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Redactions by entity type' })).toContainText(
    'PERSON: 2, EMAIL: 1, PHONE: 1',
  );
  const latency = page.getByRole('region', { name: 'Latency by tier (p50 and p95)' });
  await expect(latency).toContainText('Local: p50 300 ms, p95 500 ms');
  await expect(latency).toContainText('Cloud: p50 1800 ms, p95 2200 ms');
  await expect(page.getByText('1 of 4 answered requests escalated')).toBeVisible();
  await expect(page.getByText('request waiting to be sent')).toBeVisible();
  await expect(page.getByTestId('cost-explanation')).toContainText('per million input tokens');

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => v.id)).toEqual([]);

  await page.setViewportSize({ width: 360, height: 740 });
  await expect(routes.locator('svg.recharts-surface').first()).toBeVisible();
  // The charts re-measure through a ResizeObserver after the viewport changes: wait for it.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(360);
  expect(csp).toEqual([]);
});

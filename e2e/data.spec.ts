/**
 * Local data in the real IndexedDB of Chromium: persistence across reloads, two tabs appending to
 * the audit chain at once, exports that verify outside the browser, backup into a fresh profile.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures/app';
import { DataPages } from './fixtures/data';

const root = path.resolve(import.meta.dirname, '..');

/** Runs the auditor's command exactly as documented: `npm run -s audit:verify < file`. */
function auditVerify(input: string) {
  const r = spawnSync('npm', ['run', '-s', 'audit:verify'], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout };
}

test('memories and audit entries survive a reload; the views show them', async ({ page }) => {
  const data = new DataPages(page);
  await data.open('/memory');
  await data.addMemory('My daughter is allergic to peanuts', 'personal', true);
  await data.addMemory('I work at Acme on the billing team', 'internal', false);
  await expect(data.memories()).toHaveCount(2);
  await data.appendEntries(12, 4);

  await page.reload();
  await expect(data.memories()).toHaveCount(2);
  await expect(data.memories().first()).toContainText('Acme');
  await expect(data.memories().nth(1)).toContainText('Never leaves this device');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await expect(data.auditCount()).toHaveText('12 entries');
  await expect(data.auditRows().first()).toContainText('#12');
});

test('memory: edit and delete with the keyboard-reachable controls', async ({ page }) => {
  const data = new DataPages(page);
  await data.open('/memory');
  await data.addMemory('Prefers metric units', 'public', false);
  const item = data.memories().first();
  await item.getByRole('button', { name: 'Edit: Prefers metric units' }).click();
  const edit = page.getByRole('group', { name: 'Edit memory' });
  await edit.getByLabel('Memory').fill('Prefers metric units and 24-hour time');
  await edit.getByLabel('Sensitivity').selectOption('internal');
  await edit.getByLabel('Never leaves this device').check();
  await edit.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(item).toContainText('Prefers metric units and 24-hour time');
  await expect(item).toContainText('Sensitivity: internal');
  await expect(item).toContainText('Never leaves this device');
  await item.getByRole('button', { name: /^Delete/ }).focus();
  await page.keyboard.press('Enter');
  await item.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(data.memories()).toHaveCount(0);
});

test('two tabs append concurrently: no fork, the chain verifies, both views update', async ({
  context,
}) => {
  const a = new DataPages(await context.newPage());
  const b = new DataPages(await context.newPage());
  await a.open('/audit');
  await b.open('/audit');
  await Promise.all([
    a.appendEntries(60, 1, 'tab-a'),
    b.appendEntries(60, 1, 'tab-b'),
    a.appendEntries(40, 8, 'tab-a-batch'),
  ]);
  const seqs = await a.db((db) => db.auditSeqs(), undefined);
  expect(seqs).toHaveLength(160);
  expect(new Set(seqs).size).toBe(160);
  expect(await b.db((db) => db.verifyAuditChain(), undefined)).toEqual({ ok: true, count: 160 });
  // Each tab's live query saw the other tab's writes.
  await expect(a.auditCount()).toHaveText('160 entries');
  await expect(b.auditCount()).toHaveText('160 entries');
  await b.page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(b.verifyResult()).toContainText('Chain intact. All 160 entries verified');
});

test('an exported file verifies with audit:verify; one edited byte fails', async ({ page }) => {
  const data = new DataPages(page);
  await data.open('/audit');
  await data.appendEntries(30, 10);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  expect(text.trim().split('\n')).toHaveLength(31);

  const ok = auditVerify(text);
  expect(ok.out).toMatch(/^OK: 30 entries verified/);
  expect(ok.code).toBe(0);

  // One byte: a digit of entry 17's latency (120 -> 920).
  const lines = text.split('\n');
  lines[17] = (lines[17] ?? '').replace('"latencyMs":120', '"latencyMs":920');
  const bad = auditVerify(lines.join('\n'));
  expect(bad.out).toContain('FAILED at entry 17');
  expect(bad.code).toBe(1);

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csvText = readFileSync(await (await csv).path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toMatch(/^seq,at,kind,requestId,route,pattern/);
  expect(csvText.trim().split('\r\n')).toHaveLength(31);
});

test('the audit view filters, and says where the chain breaks after tampering', async ({
  page,
}) => {
  const data = new DataPages(page);
  await data.open('/audit');
  await data.appendEntries(40, 20);
  await expect(data.auditCount()).toHaveText('40 entries');
  await page.getByLabel('Route').selectOption('cloud-redacted');
  await expect(data.auditCount()).toHaveText('10 of 40 entries match');
  await page.getByLabel('Tier').selectOption('cloud');
  await page.getByLabel('Entity type').selectOption('EMAIL');
  await expect(data.auditCount()).toHaveText('10 of 40 entries match');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Entity type').selectOption('PERSON');
  await expect(data.auditCount()).toHaveText('20 of 40 entries match');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('From').fill('2999-01-01');
  await expect(data.auditCount()).toHaveText('0 of 40 entries match');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Open details of the newest entry.
  await data.auditRows().first().getByRole('button').click();
  await expect(page.getByRole('complementary')).toContainText('Entry 40');

  // Tamper with entry 7 directly in IndexedDB, as malware or a curious user could.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onsuccess = () => {
          // Entries live 100 to a record: entry 7 is in the block that starts at 1.
          const tx = open.result.transaction('auditBlocks', 'readwrite');
          const store = tx.objectStore('auditBlocks');
          const get = store.get(1);
          get.onsuccess = () => {
            const block = get.result as { first: number; entries: Array<{ seq: number }> };
            const entries = block.entries.map((e) =>
              e.seq === 7 ? { ...e, route: 'local-only-honest' } : e,
            );
            store.put({ ...block, entries });
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(data.verifyResult()).toContainText('Chain broken at entry 7.');
  await expect(data.verifyResult()).toContainText('edited');
});

test('a backup restores into a fresh browser profile, all or nothing', async ({
  page,
  browser,
}) => {
  const data = new DataPages(page);
  await data.open('/memory');
  await data.addMemory('Blood type O negative', 'regulated', true);
  await data.appendEntries(5, 5);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export backup' }).click();
  const backupPath = await (await download).path();

  const fresh = await browser.newContext();
  try {
    const other = new DataPages(await fresh.newPage());
    await other.open('/memory');
    // A broken file first: nothing is applied and the reason is shown.
    const broken = JSON.parse(readFileSync(backupPath, 'utf8'));
    broken.data.memories[0].sensitivity = 'secret';
    await other.page.getByLabel('Restore from a backup file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect(other.page.getByRole('alert')).toContainText('Nothing was imported');
    await expect(other.memories()).toHaveCount(0);

    await other.page.getByLabel('Restore from a backup file').setInputFiles(backupPath);
    await expect(
      other.page.getByRole('status').filter({ hasText: 'Backup restored' }),
    ).toContainText('1 memories and 5 audit entries');
    await expect(other.memories()).toHaveCount(1);
    expect(await other.db((db) => db.verifyAuditChain(), undefined)).toEqual({
      ok: true,
      count: 5,
    });
    // The new profile signs with its own key and continues the chain.
    await other.appendEntries(2, 1, 'after-restore');
    expect(await other.db((db) => db.verifyAuditChain(), undefined)).toEqual({
      ok: true,
      count: 7,
    });
  } finally {
    await fresh.close();
  }
});

test('deleting an index row cannot hide an entry: Verify chain says the index was changed', async ({
  page,
}) => {
  const data = new DataPages(page);
  await data.open('/audit');
  await data.appendEntries(20, 20);
  await expect(data.auditCount()).toHaveText('20 entries');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onsuccess = () => {
          const tx = open.result.transaction('auditIndex', 'readwrite');
          tx.objectStore('auditIndex').delete(5);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(data.verifyResult()).toContainText("The log's index was changed at entry 5.");
  await expect(data.verifyResult()).toContainText('All 20 entries themselves verified');
});

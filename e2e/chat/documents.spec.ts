/**
 * Attached documents in Chromium with the stub provider: what of a text file, a CSV and a PDF
 * reaches the provider (placeholders, table columns, only the relevant passages of a long PDF),
 * what the user is shown (progress, findings, sources, what left the device), deletion with the
 * conversation, and files that are refused (too large, damaged, wrong type, scanned) without
 * losing anything. Fixtures are written by testing/doc-fixtures.ts, here, from text.
 */
import type { Page } from '@playwright/test';
import {
  makeCsv,
  makeDocx,
  makePdf,
  makeScannedPdf,
  plantedReport,
  type Page as PdfPage,
} from '../../testing/doc-fixtures';
import { test, expect, type ChatPage } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local ', 'answer.'] };

const NOTES = [
  'Kick-off notes, supplier audit',
  '',
  'Attendees: Maren Vandersloot (maren.vandersloot@example.org) and Tobias Kirchhoff.',
  'Tobias sends the audit checklist to the supplier by Friday; call him on +1 555 0142 with questions.',
].join('\n');

/** A staff list: "Xu Li" and "Bo Ek" are names a detector easily misses; the column is redacted whole. */
const STAFF = [
  ['Name', 'Email', 'Team'],
  ['Ingrid Halvorsen', 'ingrid.halvorsen@example.org', 'Logistics'],
  ['Xu Li', 'xu.li@example.org', 'Logistics'],
  ['Bo Ek', 'bo.ek@example.org', 'Quality'],
  ['Ingrid Halvorsen', 'ingrid.h@example.org', 'Quality'],
];

const file = (name: string, buffer: Buffer, mimeType = 'application/octet-stream') => ({
  name,
  mimeType,
  buffer,
});

function tray(page: Page) {
  return page.getByRole('list', { name: 'Attached files' }).first();
}

async function attach(page: Page, files: ReturnType<typeof file>[]): Promise<void> {
  await page.getByLabel('Choose files to attach').setInputFiles(files);
}

/** Rows of the document stores in the real IndexedDB, per conversation (or all). */
function storedRows(page: Page, conversationId?: string) {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('hearth');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const tx = db.transaction(store, 'readonly');
        const s = tx.objectStore(store);
        const req = id === undefined ? s.count() : s.index('conversationId').count(id);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const out = {
      documents: await count('documents'),
      documentTexts: await count('documentTexts'),
      documentIndexes: await count('documentIndexes'),
    };
    db.close();
    return out;
  }, conversationId);
}

function conversationIdOf(page: Page): string {
  const m = /\/c\/([^/?#]+)/.exec(page.url());
  if (!m?.[1]) throw new Error(`not in a conversation: ${page.url()}`);
  return m[1];
}

async function sendWith(chat: ChatPage, page: Page, text: string): Promise<void> {
  const before = await chat.answers().count();
  await chat.message().fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(chat.answers()).toHaveCount(before + 1);
}

test('a text file, a CSV and a long PDF: only placeholders and the relevant passages reach the provider', async ({
  chat,
  stub,
  page,
}) => {
  const report = plantedReport(12, 11);
  const fact = report.facts[0];
  if (!fact) throw new Error('the report has no fact');
  const pdf = await makePdf(report.pages);
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await attach(page, [
    file('kickoff-notes.txt', Buffer.from(NOTES), 'text/plain'),
    file('staff.csv', makeCsv(STAFF), 'text/csv'),
    file('site-report.pdf', pdf, 'application/pdf'),
  ]);
  // Each file is read and checked here before anything can be sent; the findings are shown.
  const items = tray(page).getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: 'staff.csv' })).toContainText(
    /columns "Name", "Email" redacted as columns/,
  );
  await expect(items.filter({ hasText: 'site-report.pdf' })).toContainText('12 pages');
  await expect(items.filter({ hasText: 'site-report.pdf' })).toContainText('long: the passages');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();

  await sendWith(chat, page, fact.question);
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const received = await stub.received();
  expect(received).toHaveLength(1);
  const body = received[0]?.body ?? '';
  // Nothing personal from any of the files left the device…
  for (const v of [
    'Maren',
    'Vandersloot',
    'maren.vandersloot@example.org',
    'Tobias',
    'Kirchhoff',
    '555 0142',
    ...STAFF.slice(1).flatMap((r) => [r[0] as string, r[1] as string]),
    ...report.planted,
  ])
    expect(body, `"${v}" reached the provider`).not.toContain(v);
  // …nor the file names; the documents are numbered and the short ones go whole.
  expect(body).not.toContain('staff.csv');
  expect(body).not.toContain('site-report');
  expect(body).toContain('[document 1, text, whole document]');
  expect(body).toContain('audit checklist');
  // The staff table keeps its header; one placeholder per distinct name ("Ingrid Halvorsen" twice).
  expect(body).toContain('| Name | Email | Team |');
  const json = received[0]?.json;
  const sent = (json?.messages ?? []).map((m) => m.content).join('\n');
  const names = [...sent.matchAll(/^\| (\[PERSON_\d+\]) \| \[EMAIL_\d+\] \|/gm)].map((m) => m[1]);
  expect(names).toHaveLength(4);
  expect(names[0]).toBe(names[3]);
  expect(new Set(names).size).toBe(3);
  // The long PDF: only passages, the one with the answer among them, cited by page.
  expect(body).toContain(fact.sentence.slice(0, 40));
  expect(body).toContain(`[document 3, pdf, 12 pages, page ${fact.page}]`);
  expect(sent.length).toBeLessThan(16_000);

  // The answer names its sources on this device.
  await expect(chat.lastAnswer().getByRole('list', { name: 'Sources' })).toContainText(
    `From site-report.pdf, page`,
  );
  await expect(chat.lastAnswer()).toContainText(`${fact.page}`);
  // The user's message lists its files.
  await expect(
    page.getByRole('list', { name: 'Messages' }).locator('li.from-user').last(),
  ).toContainText('staff.csv');

  // "What left this device" shows the document text with its placeholders highlighted.
  await chat.badge().click();
  const dialog = page.getByRole('dialog', { name: 'What left this device' });
  const docPart = dialog.getByTestId('outgoing-document');
  await expect(docPart).toContainText('[document 2, csv table, whole document]');
  await expect(docPart.locator('mark.placeholder').first()).toBeVisible();
  await expect(docPart).not.toContainText('Halvorsen');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('files come in by drag and drop and by paste too; Word files are read as well', async ({
  chat,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  const docx = await makeDocx([
    { heading: 'Rota' },
    {
      table: [
        ['Name', 'Shift'],
        ['Maren Vandersloot', 'early'],
        ['Bo Ek', 'late'],
      ],
    },
  ]);
  await attach(page, [file('rota.docx', docx)]);
  await expect(tray(page).getByRole('listitem').filter({ hasText: 'rota.docx' })).toContainText(
    'column "Name" redacted as a column',
  );
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(
      new File(['Dropped notes about the audit.'], 'dropped.txt', { type: 'text/plain' }),
    );
    return dt;
  });
  await page.locator('form.composer').dispatchEvent('dragover', { dataTransfer: dropped });
  await page.locator('form.composer').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(tray(page)).toContainText('dropped.txt');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['a,b\n1,2\n'], 'pasted.csv', { type: 'text/csv' }));
    const box = document.querySelector('textarea[aria-label="Message"]');
    box?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  });
  await expect(tray(page)).toContainText('pasted.csv');
  await expect(tray(page).getByRole('listitem')).toHaveCount(3);
  await expect(tray(page).getByText(/Found:/)).toHaveCount(3);
});

test('deleting the conversation deletes its documents, their text and their index', async ({
  chat,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await attach(page, [file('kickoff-notes.txt', Buffer.from(NOTES), 'text/plain')]);
  await expect(tray(page).getByText(/Found:/)).toBeVisible();
  await sendWith(chat, page, 'What did Tobias promise?');
  const id = conversationIdOf(page);
  expect(await storedRows(page, id)).toEqual({
    documents: 1,
    documentTexts: 1,
    documentIndexes: 1,
  });

  // The Memory view lists it with its size.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Memory' })
    .click();
  const list = page.getByRole('list', { name: 'Stored documents' });
  await expect(list).toContainText('kickoff-notes.txt');
  await expect(list.getByTestId('document-size')).toContainText(
    /file \d+ bytes · 2\d\d characters/,
  );

  await page.waitForFunction(() => '__hearthDb' in window);
  await page.evaluate(
    (cid) =>
      (
        window as unknown as { __hearthDb: { deleteConversation(id: string): Promise<void> } }
      ).__hearthDb.deleteConversation(cid),
    id,
  );
  expect(await storedRows(page)).toEqual({ documents: 0, documentTexts: 0, documentIndexes: 0 });
  await expect(page.getByText('No documents stored.')).toBeVisible();
});

test('the Memory view deletes one document, and its conversation stays', async ({ chat, page }) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await attach(page, [file('kickoff-notes.txt', Buffer.from(NOTES), 'text/plain')]);
  await expect(tray(page).getByText(/Found:/)).toBeVisible();
  await sendWith(chat, page, 'Who attended?');
  const id = conversationIdOf(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Memory' })
    .click();
  await page.getByRole('button', { name: 'Delete document: kickoff-notes.txt' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByText('No documents stored.')).toBeVisible();
  expect(await storedRows(page, id)).toEqual({
    documents: 0,
    documentTexts: 0,
    documentIndexes: 0,
  });
  await page.goto(`/c/${id}`);
  await expect(chat.answers()).toHaveCount(1);
});

test('too large, damaged, wrong type and scanned files are refused clearly; nothing is lost or sent', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.message().fill('Compare these, please.');
  await attach(page, [file('kickoff-notes.txt', Buffer.from(NOTES), 'text/plain')]);
  await expect(tray(page).getByText(/Found:/)).toBeVisible();

  const pdfPages: PdfPage[] = [[{ paragraph: 'x' }]];
  const real = await makePdf(pdfPages);
  await attach(page, [
    file('huge.txt', Buffer.alloc(21 * 1024 * 1024, 'a'), 'text/plain'),
    file('broken.pdf', Buffer.concat([real.subarray(0, 40), Buffer.from('garbage'.repeat(50))])),
    file('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'image/png'),
    file('scan.pdf', await makeScannedPdf(2), 'application/pdf'),
  ]);
  const alerts = page.locator('.attachments [role="alert"]');
  await expect(alerts).toHaveCount(4);
  await expect(alerts.filter({ hasText: 'huge.txt' })).toContainText('at most 20.0 MB');
  await expect(alerts.filter({ hasText: 'broken.pdf' })).toContainText(
    'could not be read as a PDF',
  );
  await expect(alerts.filter({ hasText: 'photo.png' })).toContainText('cannot be attached');
  await expect(alerts.filter({ hasText: 'scan.pdf' })).toContainText('no text layer');
  // Nothing was lost: the text and the good file are still there, and the message can go.
  await expect(chat.message()).toHaveValue('Compare these, please.');
  await expect(tray(page).getByRole('listitem')).toHaveCount(1);
  await expect(tray(page)).toContainText('kickoff-notes.txt');
  expect(await stub.received()).toHaveLength(0);
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('files whose content does not match their extension are refused clearly; the message stays', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.message().fill('Summarise the attachments.');
  await attach(page, [
    // a picture renamed to .txt, and a text file renamed to .docx
    file(
      'notes.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0]),
    ),
    file('minutes.docx', Buffer.from('Minutes of the meeting, plain text.')),
  ]);
  const alerts = page.locator('.attachments [role="alert"]');
  await expect(alerts).toHaveCount(2);
  await expect(alerts.filter({ hasText: 'notes.txt' })).toContainText(
    'does not look like a text file',
  );
  await expect(alerts.filter({ hasText: 'minutes.docx' })).toContainText(
    'could not be read as a Word document',
  );
  await expect(page.getByRole('list', { name: 'Attached files' })).toHaveCount(0);
  await expect(chat.message()).toHaveValue('Summarise the attachments.');
  expect(await stub.received()).toHaveLength(0);
});

test('too much text for one message is refused before anything is sent', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  const words = 'The quick audit report lists the open actions in order. ';
  const big = words.repeat(Math.ceil(210_000 / words.length));
  await attach(page, [file('too-long.txt', Buffer.from(big), 'text/plain')]);
  await expect(page.locator('.attachments [role="alert"]')).toContainText(
    'more than 200,000 characters',
  );
  await expect(page.getByRole('list', { name: 'Attached files' })).toHaveCount(0);
  expect(await stub.received()).toHaveLength(0);
});

test('a document with health details keeps the request on this device; without a local model the user is told', async ({
  chat,
  stub,
  page,
}) => {
  // No local model is loaded (the test engine is selected but not loaded).
  await chat.useTestEngine({ tokens: ['unused'] });
  await chat.open('/');
  const letter = [
    'Occupational health referral',
    '',
    'Maren Vandersloot was diagnosed with type 2 diabetes in March and started insulin therapy.',
    'She asks for a later shift start while her medication is adjusted.',
  ].join('\n');
  await attach(page, [file('referral.txt', Buffer.from(letter), 'text/plain')]);
  await expect(page.getByTestId('attachment-regulated')).toContainText(
    'no local model is loaded to answer them',
  );
  await sendWith(chat, page, 'Draft a reply about the shift start.');
  // Kept on this device until a local model is loaded (issue 16's honest states), never sent.
  await expect(chat.badge()).toHaveText('Waiting for a local model');
  await expect(chat.lastAnswer().getByTestId('waiting-local')).toBeVisible();
  await expect(chat.lastAnswer()).toContainText('"referral.txt" contains health details');
  await expect(chat.lastAnswer()).toContainText('no local model is loaded here to answer it');
  expect(await stub.received()).toHaveLength(0);
});

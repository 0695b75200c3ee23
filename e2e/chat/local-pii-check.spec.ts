/**
 * The local model's PII second opinion in the app, with the e2e build's test engine as the model
 * (no weights can be downloaded here) and the stub provider recording what left the device.
 * "bubbles" is a nickname neither the patterns nor the NER model find (checked with pii:detect).
 */
import { test, expect } from './fixtures';

const NICKNAME = 'bubbles';
const TEXT = `Ask ${NICKNAME} to book the room for the quarterly review next week.`;
/**
 * The same request with an email: it leaves the device redacted whatever the local model says.
 * The email stays apart from the nickname: right after a word, "(ops@…)" makes the detector call
 * that word a name.
 */
const WITH_EMAIL = `Ask ${NICKNAME} to book the room for the quarterly review next week. Questions go to ops@example.org.`;

const engine = (piiOpinion: Record<string, unknown>) => ({
  loadedModel: 'test-engine-small-q4f32',
  tokens: ['A local ', 'answer.'],
  tokenDelayMs: 5,
  judgements: { 'answer-confidence': { kind: 'answer-confidence', confidence: 0.2 } },
  piiOpinion,
});

test('a nickname only the local model finds is marked in the preview and leaves as a placeholder', async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine(engine({ values: [{ text: NICKNAME, kind: 'name' }] }));
  await chat.open('/');
  await chat.message().fill(TEXT);
  const check = page.getByTestId('preview-local-check');
  await expect(check).toHaveAttribute('data-state', 'done');
  await expect(check).toContainText('The local model found 1 more value to replace');
  const byModel = page.getByTestId('live-preview').locator('mark[data-source="local-model"]');
  await expect(byModel).toHaveText(NICKNAME);
  await expect(byModel).toHaveAttribute('title', 'PERSON, found by the local model');
  await expect(page.getByTestId('preview-route')).toContainText('Cloud (redacted)');

  await page.getByRole('button', { name: 'Send' }).click();
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const sent = (await stub.received()).map((r) => r.body).join('\n');
  expect(sent).not.toContain(NICKNAME);
  expect(sent).toContain('[PERSON_1]');
  // the stub echoes: the nickname is filled in again on this device
  await expect(chat.lastAnswer()).toContainText(NICKNAME);
  await chat.badge().click();
  const dialog = page.getByRole('dialog', { name: 'What left this device' });
  await expect(dialog).toContainText('the local model found 1 name the detector had missed');
});

for (const [name, piiOpinion, note] of [
  [
    'junk',
    { raw: 'Sure! Here are the names: bubbles. {"values": [' },
    "the local model's PII check answered with something unusable (the answer was not valid JSON): decided without it",
  ],
  [
    'strings that are not in the text',
    {
      values: [
        { text: 'Margarethe Oyelaran', kind: 'name' },
        { text: 'Zanzibar General', kind: 'organisation' },
      ],
    },
    'the local model named 2 values that are not in the text: ignored',
  ],
  [
    'no answer within the budget',
    { values: [{ text: NICKNAME, kind: 'name' }], delayMs: 60_000 },
    "the local model's PII check gave no answer within 5 s: decided without it",
  ],
] as const) {
  test(`a local model that returns ${name} changes nothing, and the reasons say so`, async ({
    chat,
    stub,
    page,
  }) => {
    await chat.useTestEngine(engine(piiOpinion));
    await chat.open('/');
    await chat.send(WITH_EMAIL);
    await expect(chat.badge()).toHaveText('Cloud (redacted)');
    const sent = (await stub.received())
      .flatMap((r) => r.json?.messages ?? [])
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n');
    // the email is redacted as always; nothing was added, so the nickname went as it was
    expect(sent).not.toContain('ops@example.org');
    expect(sent).toContain('[EMAIL_1]');
    expect(sent).toContain(NICKNAME);
    expect(sent).not.toContain('[PERSON_');
    await chat.badge().click();
    const dialog = page.getByRole('dialog', { name: 'What left this device' });
    await expect(dialog).toContainText(note);
  });
}

test("Chrome's built-in model (the typed fake) gives the same second opinion through responseConstraint", async ({
  chat,
  stub,
  page,
}) => {
  // the web-llm side is the test engine with no model loaded: only Chrome's model can answer
  await chat.useTestEngine({ tokenDelayMs: 5 });
  await page.addInitScript(
    (cfg) => {
      localStorage.setItem('hearth:fake-language-model', JSON.stringify(cfg));
      // chosen on an earlier visit: restored without a click because it is already available
      localStorage.setItem(
        'hearth:local-model-choice',
        JSON.stringify({ engine: 'chrome-built-in', modelId: 'chrome-built-in' }),
      );
    },
    {
      availability: 'available',
      reply: ['A local ', 'answer.'],
      constrained: {
        'answer-confidence': '{"confidence":0.2}',
        pii: JSON.stringify({ values: [{ text: NICKNAME, kind: 'name' }] }),
      },
    },
  );
  await chat.open('/models');
  await expect(page.getByTestId('model-status')).toContainText('In use: chrome-built-in');
  await chat.goTo('Chat');
  await chat.send(TEXT);
  await expect(chat.badge()).toHaveText('Cloud (redacted)');
  const sent = (await stub.received()).map((r) => r.body).join('\n');
  expect(sent).not.toContain(NICKNAME);
  expect(sent).toContain('[PERSON_1]');
  // the fake was asked with the PII schema as its responseConstraint
  const asked = await page.evaluate(
    () =>
      window.__hearthFakeLanguageModel?.calls.filter((c) => {
        const constraint = (c.options as { responseConstraint?: { properties?: object } })
          ?.responseConstraint;
        return c.method === 'prompt' && constraint?.properties && 'values' in constraint.properties;
      }).length ?? 0,
  );
  expect(asked).toBeGreaterThan(0);
  await chat.badge().click();
  const dialog = page.getByRole('dialog', { name: 'What left this device' });
  await expect(dialog).toContainText('the local model found 1 name the detector had missed');
});

test("the preview decides with the local model's sensitivity judgement, as the chat then does", async ({
  chat,
  stub,
  page,
}) => {
  await chat.useTestEngine({
    ...engine({ values: [] }),
    judgements: {
      sensitivity: { kind: 'sensitivity', level: 'regulated', categories: [], confidence: 0.9 },
    },
  });
  await chat.open('/');
  const text = 'Summarise what the quarterly review should cover. Questions go to ops@example.org.';
  await chat.message().fill(text);
  const check = page.getByTestId('preview-local-check');
  await expect(check).toHaveAttribute('data-state', 'done');
  await expect(check).toContainText('The local model judged this request regulated.');
  await expect(page.getByTestId('preview-route')).toHaveText('Would be answered: Local');
  await page.getByRole('button', { name: 'Send' }).click();
  await chat.waitForAnswer();
  await expect(chat.badge()).toHaveText('Local');
  expect(await stub.received()).toHaveLength(0);
});

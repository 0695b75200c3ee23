/**
 * The chat on a phone (360×740): the composer is always in view, the conversation list is a
 * drawer, and the Models table keeps its words whole.
 */
import type { Locator, Page } from '@playwright/test';
import { ChatPage, test, expect } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['Canberra.'] };

test.use({ viewport: { width: 360, height: 740 } });

/** The composer's text box is entirely inside the viewport. */
async function expectComposerInView(chat: ChatPage): Promise<void> {
  await expect(chat.message()).toBeInViewport({ ratio: 1 });
  await expect(chat.page.getByRole('button', { name: 'Send' })).toBeInViewport({ ratio: 1 });
}

async function bottomOf(l: Locator): Promise<number> {
  const box = await l.boundingBox();
  if (!box) throw new Error('not rendered');
  return box.y + box.height;
}

test('the composer is in view on the first visit and after sending', async ({ page }) => {
  // The first visit, with the introduction above the chat.
  const chat = new ChatPage(page, { firstRun: true });
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expectComposerInView(chat);

  await page.getByRole('button', { name: 'Skip introduction' }).click();
  for (const question of ['What is the capital of Australia?', 'And of New Zealand?']) {
    await chat.send(question);
    await expectComposerInView(chat);
    // The new answer is scrolled into view above the composer, not hidden behind it.
    await expect(chat.lastAnswer()).toBeInViewport();
    const composerTop = (await page.locator('form.composer').boundingBox())?.y ?? 0;
    expect(await bottomOf(chat.lastAnswer())).toBeLessThanOrEqual(composerTop + 1);
  }
  // Typing (the live preview grows the composer) keeps the text box in view.
  await chat.message().fill('Call Jonas Weber at +49 30 901820 tomorrow.');
  await chat.waitForPreview();
  await expectComposerInView(chat);
});

/** The conversation drawer: a button opens it; Escape or Close closes it; focus comes back. */
test('the conversation list is a drawer', async ({ chat, page }) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.send('What is the capital of Australia?');
  const list = page.getByRole('navigation', { name: 'Conversations' });
  // Not on the page until asked for: the chat has the whole width.
  await expect(list).toHaveCount(0);

  const opener = page.getByRole('button', { name: 'Conversations' });
  await expect(opener).toBeInViewport();
  await opener.click();
  const drawer = page.getByRole('dialog', { name: 'Conversations' });
  await expect(drawer).toBeVisible();
  await expect(opener).toHaveAttribute('aria-expanded', 'true');
  await expect(drawer.getByRole('button', { name: /capital of Australia/ })).toBeVisible();
  // Focus is inside the drawer, and Escape closes it and returns focus to the opener.
  await expect(drawer.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(opener).toBeFocused();
  await expect(opener).toHaveAttribute('aria-expanded', 'false');

  // The Close button does the same; choosing a conversation closes it and opens the chat.
  await opener.click();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toHaveCount(0);
  await expect(opener).toBeFocused();
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(chat.answers()).toHaveCount(0);
  await opener.click();
  await drawer.getByRole('button', { name: /capital of Australia/ }).click();
  await expect(drawer).toHaveCount(0);
  await expect(chat.lastAnswer()).toContainText('Canberra');
  await expectComposerInView(chat);
});

/**
 * Words of the table's cells that the browser wrapped in the middle (one word on two lines). A
 * model id may wrap after its hyphens, so a hyphenated id counts as several words.
 */
function brokenWords(page: Page): Promise<string[]> {
  return page.getByTestId('model-catalog').evaluate((table) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/[^\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (lines.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  });
}

test('the Models table does not break words letter by letter', async ({ chat, page }) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/models');
  const table = page.getByTestId('model-catalog');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  expect(await brokenWords(page)).toEqual([]);
  // The headers are one line each (wider than tall), and the page itself does not scroll sideways.
  for (const th of await table.locator('thead th').all()) {
    const box = await th.boundingBox();
    expect(box && box.width > box.height, await th.innerText()).toBe(true);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

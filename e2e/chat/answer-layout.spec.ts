/** An answer bubble starts with its text: no blank line above the first paragraph. */
import { test, expect } from './fixtures';

const LOCAL = { loadedModel: 'test-engine-small-q4f32', tokens: ['A local ', 'answer.'] };

test('an answer bubble starts with its first line, not a blank line', async ({ chat }) => {
  await chat.useTestEngine(LOCAL);
  await chat.open('/');
  await chat.send('My colleague John Miller has the flu. How should I plan his week?');
  const bubble = chat.lastAnswer();
  const first = bubble.locator('.markdown > *').first();
  await expect(first).toHaveText(/\S/);
  const box = await bubble.boundingBox();
  const text = await first.boundingBox();
  const style = await bubble.evaluate((el) => {
    const s = getComputedStyle(el);
    return { padding: parseFloat(s.paddingTop), border: parseFloat(s.borderTopWidth) };
  });
  expect(box && text).toBeTruthy();
  // the text begins where the bubble's padding ends (a blank line would add about 16 px)
  expect((text?.y ?? 0) - (box?.y ?? 0)).toBeLessThanOrEqual(style.padding + style.border + 1);
});

import { test, expect } from './fixtures';

interface DbHook {
  createConversation(title: string): Promise<{ id: string }>;
  addMessages(
    msgs: Array<{
      id: string;
      conversationId: string;
      role: 'user' | 'assistant';
      content: string;
      createdAt: number;
      status?: 'complete';
    }>,
  ): Promise<void>;
}

test('a long conversation opens at its end and loads earlier messages on request', async ({
  chat,
  page,
}) => {
  // The e2e build exposes the db module (window.__hearthDb) once a data view has loaded.
  await chat.open('/memory');
  await page.waitForFunction(() => '__hearthDb' in window);
  const id = await page.evaluate(async () => {
    const db = (window as unknown as { __hearthDb: DbHook }).__hearthDb;
    const conv = await db.createConversation('Long thread');
    const t0 = Date.now() - 1_000_000;
    await db.addMessages(
      Array.from({ length: 250 }, (_, i) => ({
        id: `m${i}`,
        conversationId: conv.id,
        role: i % 2 ? ('assistant' as const) : ('user' as const),
        content: `message number ${i}`,
        createdAt: t0 + i,
        status: 'complete' as const,
      })),
    );
    return conv.id;
  });
  await page.goto(`/c/${id}`);
  const list = page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  await expect(list).toHaveCount(200);
  await expect(list.last()).toContainText('message number 249');
  await page.getByRole('button', { name: 'Show earlier messages' }).click();
  await expect(list).toHaveCount(250);
  await expect(list.first()).toContainText('message number 0');
  await expect(page.getByRole('button', { name: 'Show earlier messages' })).toHaveCount(0);
});

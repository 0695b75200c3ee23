/**
 * Custom instructions: one global (a setting) and one per conversation (a field of the
 * conversation, not indexed, so no schema change). They are sent as system messages and analysed
 * with the request like any other text (src/core/router/messages.ts).
 */
import { db } from './schema';
import { guardWrite } from './errors';
import { deleteSetting, getSetting, setSetting } from './settings';

/** The settings key of the global instruction. */
export const GLOBAL_INSTRUCTIONS_KEY = 'customInstructions';

/** The global instruction ('' when none). */
export async function getGlobalInstructions(): Promise<string> {
  const v = await getSetting<unknown>(GLOBAL_INSTRUCTIONS_KEY);
  return typeof v === 'string' ? v : '';
}

/** Stores the global instruction; an empty one is removed. */
export async function setGlobalInstructions(text: string): Promise<void> {
  if (text.trim()) await setSetting(GLOBAL_INSTRUCTIONS_KEY, text.trim());
  else await deleteSetting(GLOBAL_INSTRUCTIONS_KEY);
}

/** This conversation's instruction ('' when none). */
export async function getConversationInstructions(conversationId: string): Promise<string> {
  return (await db().conversations.get(conversationId))?.instructions ?? '';
}

/** Stores this conversation's instruction; an empty one is removed. */
export async function setConversationInstructions(
  conversationId: string,
  text: string,
): Promise<void> {
  const instructions = text.trim() || undefined;
  await guardWrite(() =>
    db()
      .conversations.where('id')
      .equals(conversationId)
      .modify((c) => {
        if (instructions) c.instructions = instructions;
        else delete c.instructions;
      }),
  );
}

/** What a request in this conversation carries: the global instruction, then its own. */
export async function instructionsFor(conversationId: string | undefined): Promise<string[]> {
  const [global, own] = await Promise.all([
    getGlobalInstructions(),
    conversationId ? getConversationInstructions(conversationId) : Promise.resolve(''),
  ]);
  return [global, own].filter((s) => s.length > 0);
}

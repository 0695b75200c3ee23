/**
 * Saves one conversation as a Markdown or JSON file, built in the page from the local database:
 * the file holds the real values and goes straight to the browser's downloads, never to a server.
 */
import {
  conversationToJson,
  conversationToMarkdown,
  exportFileName,
} from '../../../core/conversation-export';
import { getConversation, listMessages } from '../../../db';
import { downloadText } from '../../hooks/db/download';

export type ExportKind = 'markdown' | 'json';

export async function exportConversation(id: string, kind: ExportKind): Promise<void> {
  const [conversation, messages] = await Promise.all([getConversation(id), listMessages(id)]);
  if (!conversation) throw new Error('This conversation no longer exists.');
  const now = new Date();
  if (kind === 'markdown') {
    downloadText(
      conversationToMarkdown(conversation, messages, now),
      exportFileName(conversation, now, 'md'),
      'text/markdown;charset=utf-8',
    );
  } else {
    downloadText(
      JSON.stringify(conversationToJson(conversation, messages, now), null, 2) + '\n',
      exportFileName(conversation, now, 'json'),
      'application/json',
    );
  }
}

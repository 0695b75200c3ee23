/**
 * One conversation exported as Markdown (to read) or JSON (to keep or process), both with the
 * real values: the messages' `content` is the text as the user sees it, placeholders already
 * filled in. The files are built and saved in the browser; nothing is sent anywhere.
 *
 * Pure: no DOM, no storage. The caller reads the rows (src/db) and saves the file.
 */

/** The JSON export's `format` field: lets a reader tell it from other JSON files. */
export const CONVERSATION_EXPORT_FORMAT = 'hearth-conversation';
/** Bumped when the JSON shape changes in a way a reader must know about (docs/data.md). */
export const CONVERSATION_EXPORT_VERSION = 1;

/** What the export needs of a conversation (a subset of the stored row). */
export interface ExportConversation {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** The custom instruction for this conversation (sent as a system message), when set. */
  instructions?: string;
}

/** What the export needs of a message (a subset of the stored row). */
export interface ExportMessage {
  id: string;
  role: 'user' | 'assistant' | 'system';
  /** The text with real values, as shown. */
  content: string;
  createdAt: number;
  status?: string;
  error?: { code: string; message: string };
  routing?: { label: string; tier: string };
  attachments?: ReadonlyArray<{ name: string; kind: string; bytes: number }>;
  sources?: ReadonlyArray<{ name: string; whole: boolean; pages: number[]; parts: number[] }>;
}

/** Version 1 of the JSON export. Times are ISO 8601 (UTC). */
export interface ConversationExportV1 {
  format: typeof CONVERSATION_EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  conversation: {
    id: string;
    title: string;
    createdAt: string;
    updatedAt: string;
    /** This conversation's custom instruction, as written (optional). */
    instructions?: string;
  };
  messages: Array<{
    id: string;
    role: 'user' | 'assistant' | 'system';
    content: string;
    createdAt: string;
    /** 'complete', 'stopped', 'blocked', 'waiting', 'queued', 'error', ... when stored. */
    status?: string;
    error?: { code: string; message: string };
    /** Who answered: the badge ("Local", "Cloud (redacted)") and the tier. */
    answeredBy?: { label: string; tier: string };
    attachments?: Array<{ name: string; kind: string; bytes: number }>;
    sources?: Array<{ name: string; whole: boolean; pages: number[]; parts: number[] }>;
  }>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The JSON export as an object (`JSON.stringify` it to save). */
export function conversationToJson(
  conversation: ExportConversation,
  messages: readonly ExportMessage[],
  exportedAt: Date,
): ConversationExportV1 {
  return {
    format: CONVERSATION_EXPORT_FORMAT,
    version: CONVERSATION_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    conversation: {
      id: conversation.id,
      title: conversation.title,
      createdAt: iso(conversation.createdAt),
      updatedAt: iso(conversation.updatedAt),
      ...(conversation.instructions?.trim() ? { instructions: conversation.instructions } : {}),
    },
    messages: messages.map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      createdAt: iso(m.createdAt),
      ...(m.status ? { status: m.status } : {}),
      ...(m.error && m.status !== 'complete'
        ? { error: { code: m.error.code, message: m.error.message } }
        : {}),
      ...(m.routing ? { answeredBy: { label: m.routing.label, tier: m.routing.tier } } : {}),
      ...(m.attachments?.length
        ? { attachments: m.attachments.map(({ name, kind, bytes }) => ({ name, kind, bytes })) }
        : {}),
      ...(m.sources?.length
        ? {
            sources: m.sources.map(({ name, whole, pages, parts }) => ({
              name,
              whole,
              pages: [...pages],
              parts: [...parts],
            })),
          }
        : {}),
    })),
  };
}

const ROLE_HEADING: Record<ExportMessage['role'], string> = {
  user: 'You',
  assistant: 'Answer',
  system: 'Instructions',
};

/** Statuses worth a line in the Markdown, said as the chat says them. */
const STATUS_LINE: Record<string, string> = {
  stopped: 'Stopped before the answer was complete.',
  blocked: 'Not sent: this request could not be answered on this device.',
  waiting: 'Waiting for a local model; nothing was sent.',
  queued: 'Waiting in the outbox.',
  error: 'Failed.',
  streaming: 'Interrupted while it was being written.',
};

/**
 * The Markdown export: a title, a line saying the file holds real values and was made on this
 * device, then each message under a heading with who wrote it and when. Answers are Markdown
 * already and go in as written; the user's text goes in as typed.
 */
export function conversationToMarkdown(
  conversation: ExportConversation,
  messages: readonly ExportMessage[],
  exportedAt: Date,
): string {
  const title = conversation.title.trim() || 'Untitled conversation';
  const out: string[] = [
    `# ${title.replace(/\s+/g, ' ')}`,
    '',
    `Exported from Hearth on ${exportedAt.toISOString()}. This file holds the real values (names, ` +
      'addresses, numbers) that placeholders stood for in anything sent to a cloud model. It was ' +
      'made on this device and was not sent anywhere.',
  ];
  if (conversation.instructions?.trim())
    out.push('', '## Instructions for this conversation', '', conversation.instructions.trimEnd());
  for (const m of messages) {
    const by = m.role === 'assistant' && m.routing ? ` (${m.routing.label})` : '';
    out.push('', `## ${ROLE_HEADING[m.role]}${by} · ${iso(m.createdAt)}`, '');
    if (m.content.trim()) out.push(m.content.trimEnd());
    const notes: string[] = [];
    if (m.attachments?.length)
      notes.push(`Attached: ${m.attachments.map((a) => a.name).join(', ')}`);
    if (m.sources?.length) notes.push(`Sources: ${m.sources.map((s) => s.name).join(', ')}`);
    const status = m.status ? STATUS_LINE[m.status] : undefined;
    if (status) notes.push(status);
    if (m.error && m.status !== 'complete') notes.push(`Error: ${m.error.message}`);
    // A blank line between the text and the notes; none when there is no text.
    if (notes.length) out.push(...(m.content.trim() ? [''] : []), ...notes.map((n) => `_${n}_`));
  }
  return out.join('\n') + '\n';
}

/** A file name for the export: the title made safe for file systems, and the date. */
export function exportFileName(
  conversation: ExportConversation,
  exportedAt: Date,
  extension: 'md' | 'json',
): string {
  const slug =
    conversation.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '')
      .toLowerCase() || 'conversation';
  const day = exportedAt.toISOString().slice(0, 10);
  return `hearth-${slug}-${day}.${extension}`;
}

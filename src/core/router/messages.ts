/**
 * A request as the messages a model receives: the user's custom instructions (system messages),
 * the conversation so far (user and assistant turns) and the new message. The router analyses
 * them as one transcript (the sensitivity of an earlier turn or of an instruction counts), and
 * the transcript's layout says where each message lies in it, so what the analysis planned to
 * redact can be applied to each message alone and the request sent role by role. Pure.
 */
import type { ChatMessage } from '../local-model/api';

/**
 * Our own system instruction, sent first whenever the conversation holds placeholders. It is
 * fixed text (never redacted, a finding in it blocks) and is not listed in "what left this
 * device": it is the same for every request, and its example placeholders stand for nothing.
 */
export const PLACEHOLDER_SYSTEM =
  'Some personal values in this conversation were replaced by placeholders such as [PERSON_1] or [EMAIL_2]. The same value has the same placeholder in every message. Keep every placeholder exactly as written wherever the value is needed; never guess what it stands for.';

export interface MessagesInput {
  text: string;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly ChatMessage[];
  /** Custom instructions (the global one, then the conversation's): one system message each. */
  instructions?: readonly string[];
}

/** Where one message's content lies in the transcript: [start, end). */
export interface Segment {
  start: number;
  end: number;
}

export interface TranscriptLayout {
  /** What the router analyses. */
  text: string;
  /** The messages, in the order they are sent. */
  messages: ChatMessage[];
  /** segments[i] is where messages[i].content lies in `text`. */
  segments: Segment[];
}

const LABELS: Record<ChatMessage['role'], string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
};

/** The messages of a request: instructions, then the history, then the new message. */
export function requestMessages(input: MessagesInput): ChatMessage[] {
  return [
    ...(input.instructions ?? [])
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((content) => ({ role: 'system' as const, content })),
    ...(input.history ?? []).map((m) => ({ role: m.role, content: m.content })),
    { role: 'user' as const, content: input.text },
  ];
}

/**
 * The transcript the router analyses and where each message lies in it. A lone message is its
 * own transcript (no label), so a first message is analysed exactly as typed.
 */
export function transcriptLayout(input: MessagesInput): TranscriptLayout {
  const messages = requestMessages(input);
  if (messages.length === 1)
    return { text: input.text, messages, segments: [{ start: 0, end: input.text.length }] };
  let text = '';
  const segments: Segment[] = [];
  messages.forEach((m, i) => {
    if (i > 0) text += '\n\n';
    text += `${LABELS[m.role]}: `;
    const start = text.length;
    text += m.content;
    segments.push({ start, end: text.length });
  });
  return { text, messages, segments };
}

/**
 * What "what left this device" and the audit log show for one cloud call: every message sent
 * but our fixed placeholder instruction; a lone user message as it is, several with their roles.
 */
export function sentText(messages: readonly ChatMessage[]): string {
  const shown = messages.filter((m) => !(m.role === 'system' && m.content === PLACEHOLDER_SYSTEM));
  if (shown.length === 1 && shown[0]?.role === 'user') return shown[0].content;
  return shown.map((m) => `${LABELS[m.role]}: ${m.content}`).join('\n\n');
}

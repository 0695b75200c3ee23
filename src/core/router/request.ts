/**
 * One request as the router sees it, wherever it is evaluated: the chat before sending, the
 * composer's preview while typing, the Policy view's "Try it". All three pass the same input (the
 * message and the conversation before it) to `evaluateRequest`, so they cannot disagree.
 */
import type { ChatMessage } from '../local-model/api';
import type { DenyListEntry } from '../pii';
import type { Policy } from '../policy/schema';
import { evaluate, type Evaluation, type EvaluateOptions } from './evaluate';
import type { Health } from './types';

export interface RequestInput {
  text: string;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly ChatMessage[];
}

/** Everything a decision depends on besides the detector's model stage. */
export interface RequestContext {
  request: RequestInput;
  policy: Policy;
  health: Health;
  /** Values this conversation already replaced by placeholders: they stay personal. */
  known: DenyListEntry[];
}

/** The text the router analyses and a cloud tier would get (redacted): the transcript when there is history. */
export function transcriptOf(input: RequestInput): string {
  if (!input.history?.length) return input.text;
  const turns = input.history.map(
    (m) =>
      `${m.role === 'assistant' ? 'Assistant' : m.role === 'system' ? 'System' : 'User'}: ${m.content}`,
  );
  return `${turns.join('\n\n')}\n\nUser: ${input.text}`;
}

/** analyze -> decide -> outgoing for a request with its history. */
export function evaluateRequest(
  input: RequestInput,
  policy: Policy,
  health: Health,
  options: EvaluateOptions = {},
): Evaluation {
  return evaluate(transcriptOf(input), policy, health, options);
}

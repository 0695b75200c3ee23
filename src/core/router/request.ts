/**
 * One request as the router sees it, wherever it is evaluated: the chat before sending, the
 * composer's preview while typing, the Policy view's "Try it". All three pass the same input (the
 * message, the conversation before it and the custom instructions) to `evaluateRequest`, so they
 * cannot disagree.
 */
import type { DenyListEntry, VaultData } from '../pii';
import type { Policy } from '../policy/schema';
import { evaluateLayout, type Evaluation, type EvaluateOptions } from './evaluate';
import { transcriptLayout, type MessagesInput } from './messages';
import type { Health } from './types';

/** The message, the earlier turns (oldest first) and the custom instructions. */
export type RequestInput = MessagesInput;

/** Everything a decision depends on besides the detector's model stage. */
export interface RequestContext {
  request: RequestInput;
  policy: Policy;
  health: Health;
  /** Values this conversation already replaced by placeholders: they stay personal. */
  known: DenyListEntry[];
  /**
   * The conversation's placeholders, so a preview shows the placeholders the send will use
   * (a copy is redacted with; the stored vault changes only when something is sent).
   */
  vault?: VaultData;
}

/** The text the router analyses: the transcript of instructions, history and message. */
export function transcriptOf(input: RequestInput): string {
  return transcriptLayout(input).text;
}

/** analyze -> decide -> outgoing messages for a request with its history and instructions. */
export function evaluateRequest(
  input: RequestInput,
  policy: Policy,
  health: Health,
  options: EvaluateOptions = {},
): Evaluation {
  return evaluateLayout(transcriptLayout(input), policy, health, options);
}

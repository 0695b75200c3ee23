/**
 * Edit (on a sent message) and Regenerate (on the latest answer): both end in the chat runner's
 * normal send or retry, so they go through the same analysis, routing and re-scan as a send.
 */
import { useSyncExternalStore } from 'react';
import type { Message } from '../../../db';
import { chatRunner } from './chat-runner';

const runnerBusy = () => chatRunner.getSnapshot().busy;
/** One answer at a time: both wait while another is being written. */
const useRunnerBusy = () => useSyncExternalStore(chatRunner.subscribe, runnerBusy, runnerBusy);

const REGENERATE_AFTER: ReadonlySet<Message['status']> = new Set([
  'complete',
  'stopped',
  'error',
  'blocked',
]);

/** Answers that may be asked again (not one still streaming, queued or waiting: those have their own). */
export const canRegenerate = (message: Message): boolean => REGENERATE_AFTER.has(message.status);

/** Asks the answer's message again with the conversation before it, in place. */
export function RegenerateButton({ message }: { message: Message }) {
  const busy = useRunnerBusy();
  return (
    <button
      type="button"
      className="message-action"
      disabled={busy}
      onClick={() => void chatRunner.retry(message)}
    >
      Regenerate<span className="visually-hidden"> answer</span>
    </button>
  );
}

/** Opens a sent message for editing in place (EditMessage). */
export function EditButton({ onEdit }: { onEdit: () => void }) {
  const busy = useRunnerBusy();
  return (
    <button type="button" className="message-action" disabled={busy} onClick={onEdit}>
      Edit<span className="visually-hidden"> message</span>
    </button>
  );
}

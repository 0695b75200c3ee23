/**
 * Sends what waits in the outbox when the browser is back online and fills in the waiting answers.
 * Loaded after the first paint (it pulls in the orchestrator); runs in every view, not only Chat.
 */
import { updateMessage } from '../db';
import { getAppOrchestrator, watchOutbox } from '../orchestrator';
import { answerMarkdown, answerText, routingFromResult } from './components/chat/routing';

export function startOutboxSync(): () => void {
  return watchOutbox(getAppOrchestrator(), (entry, result) => {
    const content = answerText(result, '');
    const raw = answerMarkdown(result, '');
    void updateMessage(entry.messageId, {
      content,
      ...(raw !== undefined && raw !== content ? { raw } : {}),
      status: result.status,
      route: result.decision.route,
      pattern: result.decision.pattern,
      badge: result.badge.label,
      routing: routingFromResult(result),
      ...(result.error ? { error: result.error } : {}),
    });
  });
}

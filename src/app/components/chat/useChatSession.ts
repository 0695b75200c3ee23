/**
 * One conversation's send/stop loop: stores the user's message, streams the answer from the
 * orchestrator into component state (batched per animation frame so long answers never block
 * the main thread), then stores the answer with its routing record.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { addMessage, createConversation, updateMessage, type Message } from '../../../db';
import type { ChatMessage } from '../../../core/local-model/api';
import { getAppOrchestrator } from '../../../orchestrator';
import { answerText, routingFromResult } from './routing';

export interface Streaming {
  messageId: string;
  text: string;
  decided: boolean;
}

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}

/** Earlier turns the models should see: finished user and assistant messages, oldest first. */
function historyOf(messages: readonly Message[]): ChatMessage[] {
  return messages
    .filter((m) => m.role === 'user' || (m.role === 'assistant' && m.status === 'complete'))
    .map((m) => ({ role: m.role, content: m.content }));
}

export function useChatSession(
  conversationId: string | undefined,
  onCreated: (id: string) => void,
  messages: readonly Message[] = [],
) {
  const [streaming, setStreaming] = useState<Streaming | undefined>();
  // True from the click until the answer is stored: the composer must not offer Send while the
  // conversation and messages are still being created, or a second message would be dropped.
  const [busy, setBusy] = useState(false);
  const abortRef = useRef<AbortController | undefined>(undefined);
  const bufferRef = useRef('');
  const frameRef = useRef<number | undefined>(undefined);

  useEffect(
    () => () => {
      abortRef.current?.abort();
      if (frameRef.current !== undefined) cancelAnimationFrame(frameRef.current);
    },
    [],
  );

  const flush = useCallback(() => {
    frameRef.current = undefined;
    const text = bufferRef.current;
    setStreaming((s) => (s ? { ...s, text } : s));
  }, []);

  const send = useCallback(
    async (text: string, options: { override?: 'unredacted' } = {}) => {
      if (abortRef.current) return; // one answer at a time
      const ctl = new AbortController();
      abortRef.current = ctl;
      setBusy(true);
      try {
        const convId = conversationId ?? (await createConversation(titleFrom(text))).id;
        if (!conversationId) onCreated(convId);
        await addMessage({ conversationId: convId, role: 'user', content: text });
        const answer = await addMessage({
          conversationId: convId,
          role: 'assistant',
          content: '',
          status: 'streaming',
        });
        bufferRef.current = '';
        setStreaming({ messageId: answer.id, text: '', decided: false });
        const orch = getAppOrchestrator();
        const result = await orch.send(
          {
            conversationId: convId,
            messageId: answer.id,
            text,
            history: historyOf(messages),
            ...(options.override ? { override: options.override } : {}),
          },
          {
            onDecision: () => setStreaming((s) => (s ? { ...s, decided: true } : s)),
            onToken: (delta) => {
              bufferRef.current += delta;
              frameRef.current ??= requestAnimationFrame(flush);
            },
            onReset: () => {
              bufferRef.current = '';
              frameRef.current ??= requestAnimationFrame(flush);
            },
          },
          ctl.signal,
        );
        await updateMessage(answer.id, {
          content: answerText(result, bufferRef.current),
          status: result.status,
          route: result.decision.route,
          pattern: result.decision.pattern,
          badge: result.badge.label,
          requestId: result.messageId,
          routing: routingFromResult(result),
          ...(result.error ? { error: result.error } : {}),
        });
      } finally {
        abortRef.current = undefined;
        setStreaming(undefined);
        setBusy(false);
      }
    },
    [conversationId, onCreated, flush, messages],
  );

  const stop = useCallback(() => abortRef.current?.abort(), []);

  return { send, stop, streaming, busy };
}

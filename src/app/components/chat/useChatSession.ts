/**
 * One conversation's view of the chat runner (chat-runner.ts): send and stop, the answer being
 * streamed into this conversation, and whether an answer elsewhere is still being written.
 */
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Message } from '../../../db';
import type { PendingDocument } from '../../../orchestrator/documents';
import { chatRunner } from './chat-runner';

export type { Streaming } from './chat-runner';

export function useChatSession(
  conversationId: string | undefined,
  onCreated: (id: string) => void,
  messages: readonly Message[] = [],
) {
  const state = useSyncExternalStore(chatRunner.subscribe, chatRunner.getSnapshot);
  // Where the view is now: a conversation created by a send only opens if the view still shows
  // the new, empty chat it was sent from (not after the person moved elsewhere).
  const shownRef = useRef<{ mounted: boolean; id: string | undefined }>({
    mounted: true,
    id: conversationId,
  });
  useEffect(() => {
    shownRef.current = { mounted: true, id: conversationId };
    return () => {
      shownRef.current = { mounted: false, id: conversationId };
    };
  }, [conversationId]);

  const send = useCallback(
    (text: string, options: { override?: 'unredacted'; attachments?: PendingDocument[] } = {}) =>
      chatRunner.send({
        conversationId,
        text,
        messages,
        ...(options.override ? { override: options.override } : {}),
        ...(options.attachments?.length ? { attachments: options.attachments } : {}),
        onCreated: (id) => {
          const shown = shownRef.current;
          if (shown.mounted && shown.id === undefined) onCreated(id);
        },
      }),
    [conversationId, messages, onCreated],
  );
  const stop = useCallback(() => chatRunner.stop(), []);

  const here = state.busy && state.conversationId === conversationId;
  return {
    send,
    stop,
    streaming: here ? state.streaming : undefined,
    /** An answer for this conversation is on its way. */
    busy: here,
    /** An answer for another conversation is still being written (one at a time). */
    waitingElsewhere: state.busy && !here,
  };
}

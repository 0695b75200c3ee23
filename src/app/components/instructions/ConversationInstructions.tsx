import { useCallback } from 'react';
import { getConversationInstructions, setConversationInstructions } from '../../../db';
import { InstructionsForm } from './InstructionsForm';

/**
 * This conversation's own instruction, folded away under the chat's title; it comes after the
 * global one (Policy and settings).
 */
export function ConversationInstructions({ conversationId }: { conversationId: string }) {
  const load = useCallback(() => getConversationInstructions(conversationId), [conversationId]);
  const save = useCallback(
    (text: string) => setConversationInstructions(conversationId, text),
    [conversationId],
  );
  return (
    <details className="conversation-instructions">
      <summary>Conversation instructions</summary>
      <InstructionsForm
        key={conversationId}
        label="Instructions for this conversation"
        load={load}
        save={save}
      />
    </details>
  );
}

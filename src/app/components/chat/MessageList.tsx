import { useEffect, useMemo, useRef } from 'react';
import type { Message } from '../../../db';
import { useVault } from '../../hooks/db/useVault';
import { answerRestorer, vaultFromRows } from '../markdown/answer-restorer';
import { MessageItem } from './MessageItem';
import type { Streaming } from './useChatSession';

export function MessageList({
  messages,
  streaming,
}: {
  messages: Message[];
  streaming: Streaming | undefined;
}) {
  const end = useRef<HTMLDivElement>(null);
  // The conversation's placeholder vault: answers written with placeholders get the values back
  // in their text (never in their links) when rendered.
  const rows = useVault(messages[0]?.conversationId ?? '');
  const restorer = useMemo(() => (rows ? answerRestorer(vaultFromRows(rows)) : undefined), [rows]);
  // Scrolling forces a layout: follow a streaming answer every ~300 characters, not every frame.
  const step = streaming ? Math.floor(streaming.text.length / 300) : -1;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, step]);
  return (
    <div className="messages">
      <ol aria-label="Messages" aria-live="off">
        {messages.map((m, i) => (
          <MessageItem
            key={m.id}
            message={m}
            last={i === messages.length - 1}
            restorer={restorer}
            {...(streaming?.messageId === m.id
              ? { live: streaming.text, livePlaceholders: streaming.placeholders }
              : {})}
          />
        ))}
      </ol>
      <div ref={end} />
    </div>
  );
}

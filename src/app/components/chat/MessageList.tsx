import { useEffect, useRef } from 'react';
import type { Message } from '../../../db';
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
  // Scrolling forces a layout: follow a streaming answer every ~300 characters, not every frame.
  const step = streaming ? Math.floor(streaming.text.length / 300) : -1;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, step]);
  return (
    <div className="messages">
      <ol aria-label="Messages" aria-live="off">
        {messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            {...(streaming?.messageId === m.id ? { live: streaming.text } : {})}
          />
        ))}
      </ol>
      <div ref={end} />
    </div>
  );
}

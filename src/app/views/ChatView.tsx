import { useCallback, useEffect } from 'react';
import { useMatch, useNavigate } from 'react-router-dom';
import { ConversationsPanel } from '../components/conversations/ConversationsPanel';
import { Composer } from '../components/chat/Composer';
import { ConversationInstructions } from '../components/instructions/ConversationInstructions';
import { MessageList } from '../components/chat/MessageList';
import { useChatSession } from '../components/chat/useChatSession';
import { useAnswerWhenModelLoads } from '../components/chat/useAnswerWhenModelLoads';
import { useComposerInset } from '../components/chat/useComposerInset';
import { useMessages } from '../hooks/db/useMessages';
import '../components/chat/chat.css';

export function ChatView() {
  const conversationId = useMatch('/c/:conversationId')?.params.conversationId;
  const navigate = useNavigate();
  const { messages, hasEarlier, showEarlier } = useMessages(conversationId);
  const onCreated = useCallback((id: string) => navigate(`/c/${id}`), [navigate]);
  const { send, stop, streaming, busy, waitingElsewhere } = useChatSession(
    conversationId,
    onCreated,
    messages,
  );
  useAnswerWhenModelLoads(messages);
  const chatRef = useComposerInset<HTMLElement>();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.shiftKey && e.code === 'KeyN') {
        e.preventDefault();
        void navigate('/');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <section aria-labelledby="chat-title" className="chat" ref={chatRef}>
      <ConversationsPanel
        selectedId={conversationId ?? null}
        onSelect={(id) => void navigate(`/c/${id}`)}
        onNewChat={() => void navigate('/')}
        onDeleted={(id) => {
          if (id === conversationId) void navigate('/');
        }}
      />
      <div className="chat-main">
        <h1 id="chat-title">Chat</h1>
        {conversationId && <ConversationInstructions conversationId={conversationId} />}
        {hasEarlier && (
          <button type="button" onClick={showEarlier}>
            Show earlier messages
          </button>
        )}
        {messages && messages.length > 0 ? (
          <MessageList messages={messages} streaming={streaming} />
        ) : (
          <p className="lead">
            Ask anything. Every message is analysed on this device first; your policy decides
            whether it is answered here, by your organisation&apos;s private endpoint, or by a cloud
            model with personal details replaced by placeholders. The preview under the box shows
            what was found and where the message would go before you send it.
          </p>
        )}
        <Composer
          conversationId={conversationId}
          messages={messages}
          busy={busy}
          waitingElsewhere={waitingElsewhere}
          onSend={send}
          onStop={stop}
        />
      </div>
    </section>
  );
}

export function ChatView() {
  return (
    <section aria-labelledby="chat-title" className="view">
      <h1 id="chat-title">Chat</h1>
      <p className="lead">
        Ask anything. Every message is analysed on this device first; your policy decides whether it
        is answered by the local model, your organisation&apos;s private endpoint, or a cloud model
        with personal details replaced by placeholders.
      </p>
      <p className="empty">
        Your conversations will appear here, each answer labelled with where it was answered and
        what, if anything, left this device.
      </p>
    </section>
  );
}

/**
 * The exact text that left the device, placeholders highlighted; when documents went with it,
 * their part is shown under its own heading so one can check what of a document was sent.
 */
import { CONTEXT_INTRO } from '../../../core/documents';
import { splitPlaceholders } from '../chat/placeholders';

function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitPlaceholders(text).map((r, j) =>
        r.kind === 'placeholder' ? (
          <mark key={j} className="placeholder">
            {r.text}
          </mark>
        ) : (
          <span key={j}>{r.text}</span>
        ),
      )}
    </>
  );
}

export function OutgoingText({ text }: { text: string }) {
  const at = text.indexOf(CONTEXT_INTRO);
  if (at < 0)
    return (
      <pre className="outgoing" data-testid="outgoing-text">
        <Highlighted text={text} />
      </pre>
    );
  return (
    <div data-testid="outgoing-text">
      <pre className="outgoing">
        <Highlighted text={text.slice(0, at).replace(/\s*---\s*$/, '')} />
      </pre>
      <h4>Document text that was sent</h4>
      <pre className="outgoing" data-testid="outgoing-document">
        <Highlighted text={text.slice(at)} />
      </pre>
    </div>
  );
}

/**
 * The Memory view's list of attached documents kept on this device: name, type, size, the
 * conversation it belongs to, and Delete (its text and its index go; the conversation stays).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { KIND_NAMES, formatBytes, formatCount, type DocumentKind } from '../../../core/documents';
import { deleteDocument } from '../../../db';
import { useDocuments, type DocumentListing } from '../../hooks/db/useDocuments';
import './documents.css';

function Item({ listing, onError }: { listing: DocumentListing; onError: (m: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const d = listing.document;
  return (
    <li>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{d.name}</p>
      <p className="muted" style={{ margin: '0 0 8px' }} data-testid="document-size">
        {KIND_NAMES[d.kind as DocumentKind] ?? d.kind}
        {d.pages ? `, ${d.pages} page${d.pages === 1 ? '' : 's'}` : ''} · file{' '}
        {formatBytes(d.bytes)} · {formatCount(d.chars)} characters of text ·{' '}
        {formatBytes(d.storedBytes)} stored with its index · in{' '}
        <Link to={`/c/${d.conversationId}`}>{listing.conversationTitle ?? 'a conversation'}</Link> ·
        added {new Date(d.createdAt).toLocaleString()}
      </p>
      {confirming ? (
        <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          Delete this document from this device?
          <button
            type="button"
            className="primary"
            onClick={() =>
              deleteDocument(d.id).catch((err: unknown) =>
                onError(err instanceof Error ? err.message : String(err)),
              )
            }
          >
            Yes, delete
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button
          type="button"
          aria-label={`Delete document: ${d.name}`}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      )}
    </li>
  );
}

export function StoredDocuments() {
  const docs = useDocuments();
  const [error, setError] = useState<string | null>(null);
  const total = (docs ?? []).reduce((n, l) => n + l.document.storedBytes, 0);
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">Documents</h2>
      <p className="lead">
        Files attached in conversations. Their text and search index stay on this device; only the
        passages a question needs are analysed and, redacted, may be sent. Deleting a conversation
        deletes its documents too.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {docs === undefined ? (
        <p>Loading documents…</p>
      ) : docs.length === 0 ? (
        <p className="empty">No documents stored.</p>
      ) : (
        <>
          <p className="muted">
            {docs.length} document{docs.length === 1 ? '' : 's'}, {formatBytes(total)} in all.
          </p>
          <ul aria-label="Stored documents" className="stored-documents">
            {docs.map((l) => (
              <Item key={l.document.id} listing={l} onError={setError} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

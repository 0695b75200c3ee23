/**
 * Documents on a message: the files a user's message carried, and under an answer the passages
 * it was given ("From report.pdf, page 3"). Names are shown on this device only; what left it
 * called them "Document 1", "Document 2".
 */
import type { AttachmentRef, MessageSource } from '../../../db';
import { KIND_NAMES, formatBytes, type DocumentKind } from '../../../core/documents';
import './documents.css';

export function MessageAttachments({ attachments }: { attachments: readonly AttachmentRef[] }) {
  return (
    <ul className="message-attachments" aria-label="Attached files">
      {attachments.map((a) => (
        <li key={a.documentId}>
          {a.name}{' '}
          <span className="muted">
            ({KIND_NAMES[a.kind as DocumentKind] ?? a.kind}
            {a.pages ? `, ${a.pages} page${a.pages === 1 ? '' : 's'}` : ''}, {formatBytes(a.bytes)})
          </span>
        </li>
      ))}
    </ul>
  );
}

function list(ns: readonly number[]): string {
  if (ns.length <= 1) return String(ns[0] ?? '');
  return `${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`;
}

/** "From report.pdf, pages 3 and 7", "From notes.txt (whole document)". */
export function sourceText(s: MessageSource): string {
  if (s.whole) return `From ${s.name} (whole document)`;
  if (s.pages.length)
    return `From ${s.name}, page${s.pages.length === 1 ? '' : 's'} ${list(s.pages)}`;
  return `From ${s.name}, part${s.parts.length === 1 ? '' : 's'} ${list(s.parts)}`;
}

export function MessageSources({ sources }: { sources: readonly MessageSource[] }) {
  return (
    <ul className="message-sources" aria-label="Sources">
      {sources.map((s) => (
        <li key={s.documentId} className="muted">
          {sourceText(s)}
        </li>
      ))}
    </ul>
  );
}

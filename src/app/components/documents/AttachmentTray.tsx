/**
 * Under the message box: the attached files with their progress while they are read and checked,
 * then what was found in each (before anything is sent), and the files that were refused, with
 * why. Regulated content is announced here already: questions about it stay on this device.
 */
import { useQuery } from '@tanstack/react-query';
import {
  DOCUMENT_LIMITS,
  KIND_NAMES,
  formatBytes,
  formatCount,
  type DocumentProgress,
} from '../../../core/documents';
import { getAppOrchestrator } from '../../../orchestrator';
import { regulatedDocuments, type PendingDocument } from '../../../orchestrator/documents';
import { countsText } from '../chat/LivePreview';
import { chatKeys } from '../chat/usePreview';
import type { Attachment, AttachmentNotice } from './useAttachments';
import './documents.css';

function progressText(p: DocumentProgress | undefined, waiting: boolean): string {
  if (waiting) return 'Waiting to be read…';
  if (!p) return 'Reading…';
  const detail = p.detail ? ` (${p.detail})` : '';
  if (p.stage === 'reading') return `Reading the text${detail}…`;
  if (p.stage === 'indexing') return 'Splitting it into passages…';
  return `Checking for personal data${detail}…`;
}

function summary(doc: PendingDocument): string {
  const x = doc.extracted;
  const parts = [KIND_NAMES[x.kind]];
  if (x.pages) parts.push(`${x.pages} page${x.pages === 1 ? '' : 's'}`);
  parts.push(`${formatCount(x.text.length)} characters`);
  parts.push(formatBytes(x.bytes));
  return parts.join(' · ');
}

function Found({ doc, localModel }: { doc: PendingDocument; localModel: boolean | undefined }) {
  const a = doc.analysis;
  const regulated = regulatedDocuments(
    [{ name: doc.extracted.name, categories: a.categories }],
    getAppOrchestrator().getPolicy(),
  )[0];
  const long = doc.extracted.text.length > DOCUMENT_LIMITS.shortDocumentChars;
  return (
    <>
      <span className="muted" data-testid="attachment-found">
        Found: {countsText(a.counts)}
        {a.columns.length > 0 &&
          ` · ${a.columns.length === 1 ? 'column' : 'columns'} ${a.columns
            .map((c) => `"${c.header ?? `#${c.column + 1}`}"`)
            .join(', ')} redacted as ${a.columns.length === 1 ? 'a column' : 'columns'}`}
        {long && ' · long: the passages relevant to each question are used'}
        {a.modelStage === 'failed' &&
          ' · the name detector could not run: nothing of it leaves this device'}
      </span>
      {regulated && (
        <span className="note" data-testid="attachment-regulated">
          Contains {regulated.what}: questions about it stay on this device
          {localModel === false ? ', and no local model is loaded to answer them.' : '.'}
        </span>
      )}
    </>
  );
}

export function AttachmentTray({
  items,
  notices,
  onRemove,
  onDismiss,
}: {
  items: readonly Attachment[];
  notices: readonly AttachmentNotice[];
  onRemove: (key: string) => void;
  onDismiss: (key: string) => void;
}) {
  const health = useQuery({
    queryKey: chatKeys.health,
    queryFn: () => getAppOrchestrator().health(),
    refetchInterval: 15_000,
  });
  if (!items.length && !notices.length) return null;
  return (
    <div className="attachments">
      {items.length > 0 && (
        <ul aria-label="Attached files" className="attachment-list">
          {items.map((a) => (
            <li key={a.key} className="attachment" data-status={a.status}>
              <div className="attachment-body">
                <span className="attachment-name">{a.name}</span>
                {a.doc ? (
                  <>
                    <span className="muted">{summary(a.doc)}</span>
                    <Found doc={a.doc} localModel={health.data?.local} />
                  </>
                ) : (
                  <span role="status" className="muted">
                    {progressText(a.progress, a.status === 'waiting')}
                    {a.progress && (
                      <progress
                        max={1}
                        value={a.progress.fraction}
                        aria-label={`${a.name}: progress`}
                      />
                    )}
                  </span>
                )}
              </div>
              <button type="button" onClick={() => onRemove(a.key)} aria-label={`Remove ${a.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {notices.map((n) => (
        <p key={n.key} role="alert" className="error attachment-error">
          {n.message}{' '}
          <button type="button" onClick={() => onDismiss(n.key)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}

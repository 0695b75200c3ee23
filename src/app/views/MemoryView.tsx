/**
 * Memory: facts Hearth may use as context, each with a sensitivity level and a "never leaves
 * this device" flag the orchestrator honours. Also the device's storage: usage, persistence,
 * backup and restore. Reads are live: an edit in another tab shows up here.
 */
import { useId, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  SENSITIVITIES,
  addMemory,
  deleteMemory,
  exportBackup,
  importBackup,
  requestPersistentStorage,
  updateMemory,
  type DbError,
  type Memory,
  type NewMemory,
  type Sensitivity,
} from '../../db';
import { exposeDbForTests } from '../../db/testHook';
import { useMemories } from '../hooks/db/useMemories';
import { StorageLine } from '../components/StorageLine';
import { storageKeys, useStorageHealth } from '../hooks/db/useStorageHealth';
import { downloadText, fileStamp } from '../hooks/db/download';
import { StoredDocuments } from '../components/documents/StoredDocuments';

exposeDbForTests();

const SENSITIVITY_HELP: Record<Sensitivity, string> = {
  public: 'Public',
  internal: 'Internal',
  personal: 'Personal',
  regulated: 'Regulated (health, finance, ID numbers)',
};

function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as DbError).message);
  return String(err);
}

export function MemoryView() {
  const memories = useMemories();
  const [error, setError] = useState<string | null>(null);

  return (
    <section aria-labelledby="memory-title" className="view">
      <h1 id="memory-title">Memory</h1>
      <p className="lead">
        Facts Hearth may use as context. Your policy decides which of them may accompany a request
        to the cloud; memories marked &ldquo;never leaves this device&rdquo; are only ever given to
        the local model.
      </p>

      <MemoryForm
        legend="Add a memory"
        submitLabel="Add memory"
        onSubmit={async (m) => {
          setError(null);
          try {
            await addMemory(m);
            return true;
          } catch (err) {
            setError(errorText(err));
            return false;
          }
        }}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      <h2>Saved memories</h2>
      {memories === undefined ? (
        <p>Loading memories…</p>
      ) : memories.length === 0 ? (
        <p className="empty">No memories yet. Add a fact above and it will be listed here.</p>
      ) : (
        <ul aria-label="Saved memories" style={styles.list}>
          {memories.map((m) => (
            <MemoryItem key={m.id} memory={m} onError={setError} />
          ))}
        </ul>
      )}

      <StoredDocuments />

      <StoragePanel />
    </section>
  );
}

function MemoryForm({
  legend,
  submitLabel,
  initial,
  onSubmit,
  onCancel,
}: {
  legend: string;
  submitLabel: string;
  initial?: NewMemory;
  onSubmit: (m: NewMemory) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(initial?.text ?? '');
  const [sensitivity, setSensitivity] = useState<Sensitivity>(initial?.sensitivity ?? 'personal');
  const [neverLeaves, setNeverLeaves] = useState(initial?.neverLeavesDevice ?? false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    const ok = await onSubmit({ text: text.trim(), sensitivity, neverLeavesDevice: neverLeaves });
    if (ok && !initial) {
      setText('');
      setNeverLeaves(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} style={styles.form}>
      <fieldset style={styles.fieldset}>
        <legend>{legend}</legend>
        <label htmlFor={`${id}-text`}>Memory</label>
        <textarea
          id={`${id}-text`}
          value={text}
          required
          rows={2}
          onChange={(e) => setText(e.target.value)}
          style={styles.textarea}
        />
        <div style={styles.row}>
          <span style={styles.field}>
            <label htmlFor={`${id}-sens`}>Sensitivity</label>
            <select
              id={`${id}-sens`}
              value={sensitivity}
              onChange={(e) => setSensitivity(e.target.value as Sensitivity)}
            >
              {SENSITIVITIES.map((s) => (
                <option key={s} value={s}>
                  {SENSITIVITY_HELP[s]}
                </option>
              ))}
            </select>
          </span>
          <label style={styles.check}>
            <input
              type="checkbox"
              checked={neverLeaves}
              onChange={(e) => setNeverLeaves(e.target.checked)}
            />{' '}
            Never leaves this device
          </label>
          <button type="submit" className="primary">
            {submitLabel}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}

function MemoryItem({ memory: m, onError }: { memory: Memory; onError: (e: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (editing) {
    return (
      <li style={styles.item}>
        <MemoryForm
          legend="Edit memory"
          submitLabel="Save"
          initial={m}
          onCancel={() => setEditing(false)}
          onSubmit={async (patch) => {
            try {
              await updateMemory(m.id, patch);
              setEditing(false);
              return true;
            } catch (err) {
              onError(errorText(err));
              return false;
            }
          }}
        />
      </li>
    );
  }
  return (
    <li style={styles.item}>
      <p style={{ margin: '0 0 4px' }}>{m.text}</p>
      <p style={styles.meta}>
        <span>Sensitivity: {m.sensitivity}</span>
        {m.neverLeavesDevice && <span> · Never leaves this device</span>}
        <span> · Edited {new Date(m.updatedAt).toLocaleString()}</span>
      </p>
      <div style={styles.row}>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit: ${m.text}`}>
          Edit
        </button>
        {confirming ? (
          <>
            <span>Delete this memory?</span>
            <button
              type="button"
              className="primary"
              onClick={() => deleteMemory(m.id).catch((err: unknown) => onError(errorText(err)))}
            >
              Yes, delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button
            type="button"
            aria-label={`Delete: ${m.text}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

/** "1 memory", "3 memories". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function StoragePanel() {
  const health = useStorageHealth();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const h = health.data;
  const fileId = useId();

  async function restore(file: File) {
    setMessage(null);
    try {
      const summary = await importBackup(await file.text());
      setMessage({
        error: false,
        text: `Backup restored: ${summary.conversations} conversations, ${summary.messages} messages, ${summary.memories} memories and ${summary.auditEntries} audit entries.`,
      });
    } catch (err) {
      setMessage({ error: true, text: errorText(err) });
    } finally {
      if (fileRef.current) fileRef.current.value = '';
      void queryClient.invalidateQueries({ queryKey: storageKeys.health });
    }
  }

  return (
    <section aria-labelledby="storage-title">
      <h2 id="storage-title">Storage on this device</h2>
      {!h ? (
        <p>Loading storage figures…</p>
      ) : (
        <>
          <p data-testid="storage-usage">
            <StorageLine health={h} /> {count(h.counts.conversations, 'conversation')},{' '}
            {count(h.counts.messages, 'message')}, {count(h.counts.memories, 'memory', 'memories')},{' '}
            {count(h.counts.audit, 'audit entry', 'audit entries')}, {h.counts.outbox} waiting to be
            sent.
          </p>
          <p>
            {h.persisted
              ? 'Storage is persistent: the browser will not evict Hearth’s data when space is low.'
              : 'Storage is not yet persistent: under storage pressure the browser may evict it.'}{' '}
            {!h.persisted && (
              <button
                type="button"
                onClick={() =>
                  void requestPersistentStorage().then(() =>
                    queryClient.invalidateQueries({ queryKey: storageKeys.health }),
                  )
                }
              >
                Keep data on this device
              </button>
            )}
          </p>
          {h.lastQuotaError && (
            <p role="alert" className="error">
              {h.lastQuotaError.message}
            </p>
          )}
          {h.suggestions.length > 0 && (
            <ul aria-label="Ways to free space">
              {h.suggestions.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>Backup</h3>
      <p className="lead">
        One file with your conversations, memories, settings and audit log (without the device’s
        private signing key, which cannot leave it). Restoring replaces the data in this browser,
        all at once or not at all.
      </p>
      <div style={styles.row}>
        <button
          type="button"
          onClick={() =>
            void exportBackup().then((text) =>
              downloadText(text, `hearth-backup-${fileStamp()}.json`, 'application/json'),
            )
          }
        >
          Export backup
        </button>
        <span style={styles.field}>
          <label htmlFor={fileId}>Restore from a backup file</label>
          <input
            id={fileId}
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void restore(f);
            }}
          />
        </span>
      </div>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : ''}>
          {message.text}
        </p>
      )}
    </section>
  );
}

const styles = {
  form: { margin: '12px 0' },
  fieldset: {
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    display: 'flex',
    flexDirection: 'column',
    gap: 6,
  },
  textarea: { font: 'inherit', width: '100%', maxWidth: '100%' },
  row: { display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' },
  field: { display: 'inline-flex', flexDirection: 'column', gap: 2 },
  check: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  list: { listStyle: 'none', padding: 0, display: 'flex', flexDirection: 'column', gap: 8 },
  item: {
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    padding: 12,
    background: 'var(--panel)',
    overflowWrap: 'anywhere',
  },
  meta: { margin: '0 0 8px', color: 'var(--muted)', fontSize: '0.9em' },
} satisfies Record<string, CSSProperties>;

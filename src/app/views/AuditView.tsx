/**
 * The audit log: every routing decision and every step that crossed a tier, newest first. The
 * list is virtualised (only the visible rows exist in the DOM, entries are read by seq on demand)
 * so it stays smooth with 100,000 entries; filters are answered from IndexedDB indexes.
 */
import { memo, useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  exportAuditCsv,
  exportAuditJsonl,
  verifyAuditChain,
  type AuditEntry,
  type AuditFilter,
  type AuditVerifyResult,
} from '../../db';
import type { DeletionRecord } from '../../core/audit';
import { exposeDbForTests } from '../../db/testHook';
import {
  useAuditCount,
  useAuditEntryCache,
  useAuditFacets,
  useAuditSeqs,
} from '../hooks/db/useAudit';
import { downloadText, fileStamp } from '../hooks/db/download';

exposeDbForTests();

const ROW_HEIGHT = 60;
/** Entries read per IndexedDB request, and how many rows beyond the visible ones to read. */
const PAGE = 100;
const PREFETCH = 60;

type Verification =
  | { state: 'idle' }
  | { state: 'running'; checked: number; total: number }
  | { state: 'done'; result: AuditVerifyResult; ms: number }
  | { state: 'error'; message: string };

export function AuditView() {
  const [route, setRoute] = useState('');
  const [tier, setTier] = useState('');
  const [entityType, setEntityType] = useState('');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const filter: AuditFilter = useMemo(
    () => ({
      route: route || undefined,
      tier: tier || undefined,
      entityType: entityType || undefined,
      from: fromDate ? new Date(`${fromDate}T00:00:00`).toISOString() : undefined,
      to: toDate ? new Date(`${toDate}T23:59:59.999`).toISOString() : undefined,
    }),
    [route, tier, entityType, fromDate, toDate],
  );
  const seqs = useAuditSeqs(filter);
  const total = useAuditCount();
  const facets = useAuditFacets();
  const [selected, setSelected] = useState<number | null>(null);
  const filtered = Boolean(route || tier || entityType || fromDate || toDate);

  return (
    <section aria-labelledby="audit-title" className="view">
      <h1 id="audit-title">Audit log</h1>
      <p className="lead">
        A tamper-evident record of every routing decision and every step that crossed a tier: when,
        which route and pattern, which tiers saw data, how many entities of each type were redacted,
        and the exact text that was sent. Entries are chained and signed on this device.
      </p>

      <VerifyAndExport />

      <form
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
        style={styles.filters}
      >
        <FilterSelect
          label="Route"
          value={route}
          onChange={setRoute}
          options={facets?.routes ?? []}
        />
        <FilterSelect label="Tier" value={tier} onChange={setTier} options={facets?.tiers ?? []} />
        <FilterSelect
          label="Entity type"
          value={entityType}
          onChange={setEntityType}
          options={facets?.entityTypes ?? []}
        />
        <DateInput label="From" value={fromDate} onChange={setFromDate} />
        <DateInput label="To" value={toDate} onChange={setToDate} />
        {filtered && (
          <button
            type="button"
            onClick={() => {
              setRoute('');
              setTier('');
              setEntityType('');
              setFromDate('');
              setToDate('');
            }}
          >
            Clear filters
          </button>
        )}
      </form>

      <p role="status" data-testid="audit-count">
        {seqs === undefined || total === undefined
          ? 'Loading entries…'
          : filtered
            ? `${seqs.length.toLocaleString()} of ${total.toLocaleString()} entries match`
            : `${total.toLocaleString()} ${total === 1 ? 'entry' : 'entries'}`}
      </p>

      {seqs !== undefined && total === 0 ? (
        <p className="empty">
          No entries yet. Every routing decision will be recorded here, chained and signed on this
          device, and the chain can be verified and exported for an auditor.
        </p>
      ) : (
        seqs !== undefined && <AuditList seqs={seqs} selected={selected} onSelect={setSelected} />
      )}
    </section>
  );
}

function VerifyAndExport() {
  const [verification, setVerification] = useState<Verification>({ state: 'idle' });
  const [exporting, setExporting] = useState<string | null>(null);

  async function verify() {
    setVerification({ state: 'running', checked: 0, total: 0 });
    const t0 = performance.now();
    try {
      const result = await verifyAuditChain({
        onProgress: (checked, total) => setVerification({ state: 'running', checked, total }),
      });
      setVerification({ state: 'done', result, ms: performance.now() - t0 });
    } catch (err) {
      setVerification({
        state: 'error',
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }

  async function exportAs(kind: 'jsonl' | 'csv') {
    setExporting(kind);
    try {
      if (kind === 'jsonl') {
        downloadText(
          await exportAuditJsonl(),
          `hearth-audit-${fileStamp()}.jsonl`,
          'application/jsonl',
        );
      } else {
        downloadText(await exportAuditCsv(), `hearth-audit-${fileStamp()}.csv`, 'text/csv');
      }
    } finally {
      setExporting(null);
    }
  }

  return (
    <div style={styles.toolbar}>
      <button
        type="button"
        className="primary"
        onClick={() => void verify()}
        disabled={verification.state === 'running'}
      >
        Verify chain
      </button>
      <button type="button" onClick={() => void exportAs('jsonl')} disabled={exporting !== null}>
        Export JSON Lines
      </button>
      <button type="button" onClick={() => void exportAs('csv')} disabled={exporting !== null}>
        Export CSV
      </button>
      <p role="status" aria-live="polite" data-testid="verify-result" style={styles.verdict}>
        <VerdictText v={verification} />
      </p>
    </div>
  );
}

function VerdictText({ v }: { v: Verification }) {
  switch (v.state) {
    case 'idle':
      return (
        <span className="lead">
          Verification recomputes every hash and checks every signature on this device. Auditors can
          check a JSON Lines export with <code>npm run -s audit:verify</code>.
        </span>
      );
    case 'running':
      return (
        <span>
          Verifying every entry…{' '}
          {v.total > 0 && `${v.checked.toLocaleString()} of ${v.total.toLocaleString()} checked`}
        </span>
      );
    case 'error':
      return <span className="error">Verification could not run: {v.message}</span>;
    case 'done':
      return v.result.ok ? (
        <span>
          <strong>Chain intact.</strong> All {v.result.count.toLocaleString()} entries verified:
          every hash, link and signature is valid and nothing was removed from the end (
          {(v.ms / 1000).toFixed(1)} s).
        </span>
      ) : v.result.code === 'index_mismatch' ? (
        // The entries themselves verified; the list the view shows does not match them.
        <span className="error">
          <strong>The log&apos;s index was changed at entry {v.result.firstBadSeq}.</strong>{' '}
          {capitalise(v.result.reason)}. All {v.result.count.toLocaleString()} entries themselves
          verified.
        </span>
      ) : (
        <span className="error">
          <strong>Chain broken at entry {v.result.firstBadSeq}.</strong>{' '}
          {capitalise(v.result.reason)}. The {v.result.firstBadSeq - 1} entries before it verified.
        </span>
      );
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function AuditList({
  seqs,
  selected,
  onSelect,
}: {
  seqs: number[];
  selected: number | null;
  onSelect: (seq: number | null) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const cache = useAuditEntryCache();
  const virtualizer = useVirtualizer({
    count: seqs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const { ensure } = cache;
  useEffect(() => {
    if (last < first) return;
    // Read whole aligned pages around the visible rows: fewer IndexedDB round trips while
    // scrolling, and the rows just ahead are usually loaded before they appear.
    const start = Math.max(0, Math.floor((first - PREFETCH) / PAGE) * PAGE);
    const end = Math.min(seqs.length, Math.ceil((last + 1 + PREFETCH) / PAGE) * PAGE);
    ensure(seqs.slice(start, end));
  }, [ensure, seqs, first, last]);
  const selectedEntry = selected === null ? undefined : cache.get(selected);

  return (
    <div style={styles.split}>
      <div
        ref={scrollRef}
        tabIndex={0}
        role="region"
        aria-label="Audit entries, newest first"
        data-testid="audit-scroller"
        style={styles.scroller}
      >
        <div
          role="list"
          aria-label="Audit entries"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((item) => {
            const seq = seqs[item.index] ?? 0;
            const entry = cache.get(seq);
            return (
              <div
                key={seq}
                role="listitem"
                aria-setsize={seqs.length}
                aria-posinset={item.index + 1}
                style={{ ...styles.row, transform: `translateY(${item.start}px)` }}
              >
                <button
                  type="button"
                  aria-pressed={selected === seq}
                  onClick={() => onSelect(selected === seq ? null : seq)}
                  style={{ ...styles.rowButton, ...(selected === seq ? styles.rowSelected : {}) }}
                >
                  {entry ? <RowSummary entry={entry} /> : <span>Entry {seq}</span>}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      {selectedEntry && <EntryDetails entry={selectedEntry} onClose={() => onSelect(null)} />}
    </div>
  );
}

function entitiesText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ×${n}`);
  return parts.length ? parts.join(', ') : 'no entities';
}

/** What a deletion entry records: counts only (the log keeps no content of what was deleted). */
function deletedText(d: DeletionRecord): string {
  return `conversation deleted with ${d.messages} messages, ${d.vaultEntries} placeholder values, ${d.documents} documents, ${d.queued} queued requests`;
}

/** One formatter for every row: `toLocaleString()` builds a new one per call, too slow per frame. */
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** Entries never change once written, so a row re-renders only when it shows another entry. */
const RowSummary = memo(function RowSummary({ entry: e }: { entry: AuditEntry }) {
  return (
    <>
      <span style={styles.line1}>
        <strong>#{e.seq}</strong> {dateFormat.format(new Date(e.at))} · <strong>{e.route}</strong> (
        {e.pattern}) · {e.kind}
        {e.error && <span className="error"> · error {e.error.code}</span>}
      </span>
      <span style={styles.line2}>
        {e.deleted ? (
          deletedText(e.deleted)
        ) : (
          <>
            seen by {e.tiersThatSawData.join(', ') || 'no tier'} · {entitiesText(e.entityCounts)}
          </>
        )}
        {e.latencyMs !== undefined && ` · ${Math.round(e.latencyMs)} ms`}
        {e.costUsd !== undefined && ` · $${e.costUsd.toFixed(4)}`}
      </span>
    </>
  );
});

function EntryDetails({ entry: e, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const id = useId();
  return (
    <aside aria-labelledby={id} style={styles.details}>
      <h2 id={id} style={{ marginTop: 0, fontSize: '1.1rem' }}>
        Entry {e.seq}
      </h2>
      <dl style={styles.dl}>
        <dt>Time</dt>
        <dd>{e.at}</dd>
        <dt>{e.deleted ? 'Conversation id' : 'Request'}</dt>
        <dd>{e.requestId}</dd>
        <dt>Route / pattern</dt>
        <dd>
          {e.route} / {e.pattern} ({e.kind})
        </dd>
        <dt>Tiers that saw data</dt>
        <dd>{e.tiersThatSawData.join(', ') || 'none'}</dd>
        {e.deleted && (
          <>
            <dt>Deleted</dt>
            <dd data-testid="audit-deleted">{deletedText(e.deleted)} (counts only, no content)</dd>
          </>
        )}
        {e.localModel && (
          <>
            <dt>Local engine</dt>
            <dd data-testid="audit-local-engine">
              {e.localModel.engine} ({e.localModel.modelId})
            </dd>
          </>
        )}
        <dt>Entities redacted</dt>
        <dd>{entitiesText(e.entityCounts)}</dd>
        {e.outgoingText !== undefined && (
          <>
            <dt>Text sent</dt>
            <dd>
              <pre style={styles.pre}>{e.outgoingText}</pre>
            </dd>
          </>
        )}
        {e.outgoingSha256 !== undefined && (
          <>
            <dt>SHA-256 of text sent</dt>
            <dd style={styles.mono}>{e.outgoingSha256}</dd>
          </>
        )}
        {e.responseBytes !== undefined && (
          <>
            <dt>Response size</dt>
            <dd>{e.responseBytes.toLocaleString()} bytes</dd>
          </>
        )}
        {e.tokens && (
          <>
            <dt>Tokens</dt>
            <dd>
              {e.tokens.prompt} prompt, {e.tokens.completion} completion
            </dd>
          </>
        )}
        {e.error && (
          <>
            <dt>Error</dt>
            <dd>
              {e.error.code}: {e.error.message}
            </dd>
          </>
        )}
        <dt>Hash</dt>
        <dd style={styles.mono}>{e.hash}</dd>
        <dt>Previous hash</dt>
        <dd style={styles.mono}>{e.prevHash}</dd>
        <dt>Signed by key</dt>
        <dd style={styles.mono}>{e.keyId}</dd>
      </dl>
      <button type="button" onClick={onClose}>
        Close details
      </button>
    </aside>
  );
}

function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: string[];
}) {
  const id = useId();
  return (
    <span style={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </span>
  );
}

function DateInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <span style={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} />
    </span>
  );
}

const styles = {
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '12px 0' },
  verdict: { flexBasis: '100%', margin: '4px 0 0' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', margin: '8px 0' },
  field: { display: 'inline-flex', flexDirection: 'column', gap: 2 },
  split: { display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' },
  scroller: {
    flex: '1 1 420px',
    height: '60vh',
    minHeight: 240,
    overflowY: 'auto',
    contain: 'strict',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    background: 'var(--panel)',
  },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: ROW_HEIGHT,
    borderBottom: '1px solid var(--border)',
  },
  rowButton: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    width: '100%',
    height: '100%',
    textAlign: 'left',
    border: 0,
    borderRadius: 0,
    background: 'transparent',
    padding: '4px 12px',
  },
  rowSelected: { background: 'var(--bg)', boxShadow: 'inset 4px 0 0 var(--accent)' },
  line1: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  line2: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    color: 'var(--muted)',
    fontSize: '0.9em',
  },
  details: {
    flex: '1 1 280px',
    maxWidth: '100%',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    padding: 12,
    background: 'var(--panel)',
    overflowWrap: 'anywhere',
  },
  dl: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px', margin: 0 },
  mono: { fontFamily: 'ui-monospace, monospace', fontSize: '0.85em' },
  pre: { whiteSpace: 'pre-wrap', margin: 0, fontSize: '0.9em' },
} satisfies Record<string, CSSProperties>;

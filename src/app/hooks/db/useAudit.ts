import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  auditFacets,
  auditSeqs,
  countAudit,
  getAuditEntries,
  type AuditEntry,
  type AuditFilter,
} from '../../../db';

/** Seqs of the entries matching the filter, newest first; live across tabs. */
export function useAuditSeqs(filter: AuditFilter): number[] | undefined {
  const { route, tier, entityType, from, to } = filter;
  return useLiveQuery(
    () => auditSeqs({ route, tier, entityType, from, to }),
    [route, tier, entityType, from, to],
  );
}

export function useAuditFacets() {
  return useLiveQuery(() => auditFacets(), []);
}

export function useAuditCount(): number | undefined {
  return useLiveQuery(() => countAudit(), []);
}

/**
 * Loads entries on demand for a virtualised list. Entries never change once written, so they are
 * cached by seq; `ensure` fetches the missing ones of the visible range in one bulk read.
 */
export function useAuditEntryCache(): {
  get: (seq: number) => AuditEntry | undefined;
  ensure: (seqs: readonly number[]) => void;
} {
  const cache = useRef(new Map<number, AuditEntry>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const get = useCallback((seq: number) => cache.current.get(seq), []);
  const ensure = useCallback((seqs: readonly number[]) => {
    const missing = seqs.filter((s) => !cache.current.has(s) && !pending.current.has(s));
    if (missing.length === 0) return;
    for (const s of missing) pending.current.add(s);
    void getAuditEntries(missing)
      .then((rows) => {
        for (const r of rows) cache.current.set(r.seq, r);
        if (cache.current.size > 20_000) cache.current.clear();
      })
      .finally(() => {
        for (const s of missing) pending.current.delete(s);
        if (mounted.current) setVersion((v) => v + 1);
      });
  }, []);
  return { get, ensure };
}

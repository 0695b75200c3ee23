/**
 * The files attached to the message being written: each is read and checked on this device as
 * soon as it is added (one at a time, so the message's text limit is exact), shown with its
 * progress, and refused with a clear message when it cannot be used. Refused files never join
 * the message; the text and the other files are untouched.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentProgress } from '../../../core/documents';
import { getAppOrchestrator } from '../../../orchestrator';
import {
  DocumentFailure,
  readAttachment,
  type PendingDocument,
} from '../../../orchestrator/documents';

export interface Attachment {
  key: string;
  name: string;
  bytes: number;
  status: 'waiting' | 'reading' | 'ready';
  progress?: DocumentProgress;
  doc?: PendingDocument;
}

export interface AttachmentNotice {
  key: string;
  message: string;
}

export function useAttachments() {
  const [items, setItems] = useState<Attachment[]>([]);
  const [notices, setNotices] = useState<AttachmentNotice[]>([]);
  const itemsRef = useRef<Attachment[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const queue = useRef<Promise<void>>(Promise.resolve());

  const update = useCallback((next: (prev: Attachment[]) => Attachment[]) => {
    itemsRef.current = next(itemsRef.current);
    setItems(itemsRef.current);
  }, []);
  const patch = useCallback(
    (key: string, p: Partial<Attachment>) =>
      update((prev) => prev.map((a) => (a.key === key ? { ...a, ...p } : a))),
    [update],
  );

  const readOne = useCallback(
    async (key: string, file: File) => {
      const ctl = controllers.current.get(key);
      if (!ctl || ctl.signal.aborted) return;
      const others = itemsRef.current.filter((a) => a.key !== key);
      patch(key, { status: 'reading' });
      try {
        const doc = await readAttachment(
          file,
          {
            alreadyAttached: others.length,
            charsUsed: others.reduce((n, a) => n + (a.doc?.extracted.text.length ?? 0), 0),
            policy: getAppOrchestrator().getPolicy(),
            signal: ctl.signal,
          },
          (progress) => {
            if (!ctl.signal.aborted) patch(key, { progress });
          },
        );
        if (!ctl.signal.aborted) patch(key, { status: 'ready', doc, progress: undefined });
      } catch (err) {
        update((prev) => prev.filter((a) => a.key !== key));
        const failure = DocumentFailure.from(err, file.name);
        if (failure.code !== 'cancelled' && !ctl.signal.aborted)
          setNotices((n) => [...n, { key, message: failure.message }]);
      } finally {
        controllers.current.delete(key);
      }
    },
    [patch, update],
  );

  /** Adds files; each waits its turn to be read. */
  const add = useCallback(
    (files: readonly File[]) => {
      for (const file of files) {
        const key = crypto.randomUUID();
        controllers.current.set(key, new AbortController());
        update((prev) => [...prev, { key, name: file.name, bytes: file.size, status: 'waiting' }]);
        queue.current = queue.current.then(() => readOne(key, file));
      }
    },
    [readOne, update],
  );

  const remove = useCallback(
    (key: string) => {
      controllers.current.get(key)?.abort();
      update((prev) => prev.filter((a) => a.key !== key));
    },
    [update],
  );

  const dismiss = useCallback(
    (key: string) => setNotices((n) => n.filter((x) => x.key !== key)),
    [],
  );

  /** Takes the ready documents out (when the message is sent). */
  const take = useCallback((): PendingDocument[] => {
    const docs = itemsRef.current.flatMap((a) => (a.doc ? [a.doc] : []));
    update(() => []);
    setNotices([]);
    return docs;
  }, [update]);

  /** Puts documents back (the message could not be sent). */
  const restore = useCallback(
    (docs: readonly PendingDocument[]) =>
      update((prev) => [
        ...docs.map((doc) => ({
          key: doc.id,
          name: doc.extracted.name,
          bytes: doc.extracted.bytes,
          status: 'ready' as const,
          doc,
        })),
        ...prev,
      ]),
    [update],
  );

  useEffect(() => {
    const ctls = controllers.current;
    return () => {
      for (const c of ctls.values()) c.abort();
    };
  }, []);

  return {
    items,
    notices,
    add,
    remove,
    dismiss,
    take,
    restore,
    /** A file is still being read: the message waits for it. */
    busy: items.some((a) => a.status !== 'ready'),
    ready: items.filter((a) => a.status === 'ready').length,
  };
}

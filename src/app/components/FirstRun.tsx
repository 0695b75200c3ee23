/**
 * The first-run introduction, shown once above the views as a dismissible region (not a modal: the
 * app stays usable behind it). Its content is a separate chunk, fetched only on a first visit.
 */
import { lazy, Suspense, useCallback } from 'react';
import { useFirstRun } from '../hooks/useFirstRun';

const FirstRunPanel = lazy(() =>
  import('./FirstRunPanel').then((m) => ({ default: m.FirstRunPanel })),
);

export function FirstRun() {
  const { open, dismiss } = useFirstRun();
  const close = useCallback(() => {
    dismiss();
    // The panel held focus; hand it to the view rather than dropping it on <body>.
    document.getElementById('main')?.focus();
  }, [dismiss]);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <FirstRunPanel onDismiss={close} />
    </Suspense>
  );
}

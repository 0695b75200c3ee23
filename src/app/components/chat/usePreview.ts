/**
 * The composer's live preview: detection and the route the current policy would choose, computed
 * in the analysis worker (never on the main thread) for the newest text only.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { PreviewResult } from '../../../core/analysis/preview-api';
import { getAppOrchestrator } from '../../../orchestrator';
import { createPreviewer } from '../../../orchestrator/analysis-client';

export const chatKeys = { health: ['chat', 'health'] as const };

export function usePreview(text: string): {
  preview: PreviewResult | undefined;
  /** The text the preview was computed for (its spans index into it); may trail `text`. */
  analysed: string;
  error: string | undefined;
} {
  const previewer = useMemo(() => createPreviewer(), []);
  const health = useQuery({
    queryKey: chatKeys.health,
    queryFn: () => getAppOrchestrator().health(),
    refetchInterval: 15_000,
  });
  const [shown, setShown] = useState<{ preview: PreviewResult; text: string } | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!text.trim() || !health.data) return;
    // A result for slightly older text is still shown (with the text it was computed for): while
    // someone types faster than the worker answers, dropping it would freeze the preview.
    previewer(text, getAppOrchestrator().getPolicy(), health.data).then(
      (r) => {
        if (r) {
          setShown({ preview: r, text });
          setError(undefined);
        }
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [text, health.data, previewer]);

  return text.trim() && shown
    ? { preview: shown.preview, analysed: shown.text, error }
    : { preview: undefined, analysed: '', error: text.trim() ? error : undefined };
}

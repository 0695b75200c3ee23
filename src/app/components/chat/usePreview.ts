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
  error: string | undefined;
} {
  const previewer = useMemo(() => createPreviewer(), []);
  const health = useQuery({
    queryKey: chatKeys.health,
    queryFn: () => getAppOrchestrator().health(),
    refetchInterval: 15_000,
  });
  const [preview, setPreview] = useState<PreviewResult | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!text.trim() || !health.data) return;
    let current = true;
    previewer(text, getAppOrchestrator().getPolicy(), health.data).then(
      (r) => {
        if (current && r) {
          setPreview(r);
          setError(undefined);
        }
      },
      (err: unknown) => {
        if (current) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      current = false;
    };
  }, [text, health.data, previewer]);

  return text.trim() ? { preview, error } : { preview: undefined, error: undefined };
}

/**
 * The composer's live preview: detection and the route the current policy would choose, computed
 * in the analysis worker (never on the main thread) for the newest text only. When that route
 * leaves the device and the policy asks for it, the local model's second opinion follows once
 * typing pauses, and the preview is computed again with its spans (marked as the model's). The
 * send that follows reuses the answer (the orchestrator keeps it). The preview evaluates the same
 * context the chat's send gathers (the conversation so far, health, known values;
 * Orchestrator.requestContext) with the same function.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { PreviewResult } from '../../../core/analysis/preview-api';
import type { ChatMessage, Judgement } from '../../../core/local-model/api';
import { transcriptOf, type RequestContext } from '../../../core/router';
import { getAppOrchestrator } from '../../../orchestrator';
import { createPreviewer, namesModelReady } from '../../../orchestrator/analysis-client';

export const chatKeys = { health: ['chat', 'health'] as const };

/** How long typing must pause before the local model is asked (it is slower than the detector). */
const OPINION_PAUSE_MS = 600;

/**
 * The local model's second opinion (and its sensitivity judgement, `judged`, in words), as the
 * preview shows it.
 */
export type LocalCheck =
  | { state: 'asking' }
  | { state: 'done'; added: number; facts: number; notes: string[]; judged?: string }
  | { state: 'skipped'; note: string; judged?: string };

/** The judgement in words for the preview, when the model gave one. */
function judgementLine(j: Judgement | undefined): string | undefined {
  if (!j || j.kind !== 'sensitivity') return undefined;
  if ('unknown' in j) return `The local model gave no sensitivity judgement (${j.reason}).`;
  const cats = j.categories.length ? ` (${j.categories.join(', ')})` : '';
  return `The local model judged this request ${j.level}${cats}.`;
}

export type ShownPreview = PreviewResult & { localCheck?: LocalCheck };

export function usePreview(
  text: string,
  conversationId: string | undefined,
  history: readonly ChatMessage[],
): {
  preview: ShownPreview | undefined;
  /** The text the preview was computed for (its spans index into it); may trail `text`. */
  analysed: string;
  error: string | undefined;
} {
  // The pattern stage at once while the names model loads (the first preview of a visit); the
  // preview says names are still being checked, and is computed again once they can be.
  const previewer = useMemo(() => createPreviewer({ names: 'if-loaded' }), []);
  const [namesReady, setNamesReady] = useState(0);
  const health = useQuery({
    queryKey: chatKeys.health,
    queryFn: () => getAppOrchestrator().health(),
    refetchInterval: 15_000,
  });
  const [shown, setShown] = useState<
    { preview: PreviewResult; text: string; context: RequestContext } | undefined
  >();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!text.trim() || !health.data) return;
    // A result for slightly older text is still shown (with the text it was computed for): while
    // someone types faster than the worker answers, dropping it would freeze the preview.
    void getAppOrchestrator()
      .requestContext(conversationId, { text, history: [...history] })
      .then(async (context) => {
        const r = await previewer(context);
        if (r) {
          setShown({ preview: r, text, context });
          setError(undefined);
        }
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [text, conversationId, history, health.data, previewer, namesReady]);

  const waitingForNames = shown?.preview.modelStage === 'pending';
  useEffect(() => {
    if (!waitingForNames) return;
    let live = true;
    // Ready or failed: either way the next preview runs the model (a failure then shows as such).
    const again = () => live && setNamesReady((n) => n + 1);
    namesModelReady().then(again, again);
    return () => {
      live = false;
    };
  }, [waitingForNames]);

  // The second opinion: for the current text only, after a pause, cancelled when the text changes.
  const [checked, setChecked] = useState<
    { text: string; preview: PreviewResult | undefined; localCheck: LocalCheck } | undefined
  >();
  const current = shown && shown.text === text ? shown : undefined;
  const alreadyChecked = checked?.text === text && checked.localCheck.state !== 'asking';
  useEffect(() => {
    // not on a pattern-stage verdict: the full one follows once names are checked
    if (
      !current ||
      alreadyChecked ||
      !current.preview.decision.leaves ||
      current.preview.modelStage === 'pending' ||
      !health.data
    )
      return;
    const ctl = new AbortController();
    const { text: asked, preview: first, context } = current;
    const mark = (localCheck: LocalCheck, preview?: PreviewResult) => {
      if (!ctl.signal.aborted) setChecked({ text: asked, preview, localCheck });
    };
    const timer = setTimeout(() => {
      const orch = getAppOrchestrator();
      const decision =
        first.decision.route === 'queued'
          ? { tier: 'local' as const, waitingFor: 'frontier' as const }
          : { tier: first.decision.tier };
      void (async () => {
        const asking = orch.previewOpinion(asked, decision, ctl.signal);
        // the send asks for the model's sensitivity judgement of the same text and decides with it
        const judging = orch.previewJudgement(transcriptOf(context.request));
        mark({ state: 'asking' });
        const [out, judgement] = await Promise.all([asking, judging]);
        const judged = judgementLine(judgement);
        const opinion = out?.kind === 'asked' ? { spans: out.spans, facts: out.facts } : undefined;
        if (!opinion && !judgement) {
          if (out?.kind === 'skipped') return mark({ state: 'skipped', note: out.note });
          return mark({ state: 'done', added: 0, facts: 0, notes: [] });
        }
        const again = await previewer(context, {
          spans: opinion?.spans ?? [],
          facts: opinion?.facts ?? [],
          ...(judgement ? { judgement } : {}),
        });
        if (out?.kind === 'skipped')
          return mark({ state: 'skipped', note: out.note, ...(judged ? { judged } : {}) }, again);
        const added = (again ?? first).entities.filter((e) => e.source === 'local-model').length;
        mark(
          {
            state: 'done',
            added,
            facts: opinion?.facts.length ?? 0,
            notes: out?.kind === 'asked' ? out.notes : [],
            ...(judged ? { judged } : {}),
          },
          again,
        );
      })().catch((err: unknown) =>
        mark({
          state: 'done',
          added: 0,
          facts: 0,
          notes: [`the local model's PII check failed (${String(err)})`],
        }),
      );
    }, OPINION_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [current, alreadyChecked, health.data, previewer]);

  const withCheck: ShownPreview | undefined =
    shown && checked?.text === shown.text
      ? { ...(checked.preview ?? shown.preview), localCheck: checked.localCheck }
      : shown?.preview;

  return text.trim() && shown && withCheck
    ? { preview: withCheck, analysed: shown.text, error }
    : { preview: undefined, analysed: '', error: text.trim() ? error : undefined };
}

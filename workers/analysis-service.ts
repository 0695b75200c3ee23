/**
 * What the analysis worker does, as plain functions so they are tested without a worker: the
 * composer's live preview (detection, analysis, decision) and the embedded NER model, loaded once
 * on first use.
 */
import type {
  AnalysisWorkerApi,
  PreviewOpinion,
  PreviewOptions,
  PreviewResult,
} from '../src/core/analysis/preview-api';
import { addModelSpans } from '../src/core/local-model/pii-opinion';
import { detect, Vault, type Entity } from '../src/core/pii';
import {
  detectorOptions,
  evaluateRequest,
  transcriptOf,
  type RequestContext,
} from '../src/core/router';

/**
 * `ner` is the embedded model as a service (workers/ner-service.ts in the worker, the Node runner
 * or a failing stub in tests); it rejects with `{code: 'ner_unavailable'}` when it cannot run.
 * `warm` and `state` (from the worker's NerService) let a preview go ahead with the pattern
 * stage while the model loads; without them the model counts as loaded. After a failed load the
 * preview runs the model (which tries again) and reports the failure rather than 'pending'.
 */
export function createAnalysisService(
  runNer: ((text: string) => Promise<Entity[]>) & {
    warm?: () => Promise<void>;
    state?: () => 'idle' | 'loading' | 'ready' | 'failed';
  },
  now = () => performance.now(),
) {
  const preview = async (
    { request, policy, health, known, vault }: RequestContext,
    opinion?: PreviewOpinion,
    options: PreviewOptions = {},
  ): Promise<PreviewResult> => {
    const t0 = now();
    // The pattern stage alone while the model loads: the page shows it as such and asks again.
    const names = runNer.state?.() ?? 'ready';
    const pending = options.names === 'if-loaded' && (names === 'idle' || names === 'loading');
    if (pending && names === 'idle') runNer.warm?.().catch(() => undefined);
    const transcript = transcriptOf(request);
    // The message is the end of the transcript: its spans are shown, shifted into it.
    const offset = transcript.length - request.text.length;
    const base = detectorOptions(policy);
    const detected = await detect(transcript, {
      ...base,
      denyList: [...base.denyList, ...known],
      ...(pending ? {} : { ner: runNer }),
    });
    const detection = opinion
      ? {
          ...detected,
          entities: addModelSpans(
            transcript,
            detected.entities,
            opinion.spans.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })),
            policy.thresholds.detection,
          ).entities,
        }
      : detected;
    const facts = opinion?.facts ?? [];
    const { decision, outgoing } = evaluateRequest(request, policy, health, {
      detection,
      ...(opinion?.judgement ? { judgements: { sensitivity: opinion.judgement } } : {}),
      modelFacts: facts.map((f) => ({ ...f, start: f.start + offset, end: f.end + offset })),
      ...(vault ? { vault: Vault.fromJSON(vault) } : {}),
    });
    const counts: PreviewResult['counts'] = {};
    for (const e of detection.entities) counts[e.type] = (counts[e.type] ?? 0) + 1;
    const own = detection.entities.filter((e) => e.start >= offset);
    return {
      entities: own.map(({ start, end, type, score, source }) => ({
        start: start - offset,
        end: end - offset,
        type,
        score,
        source,
      })),
      facts,
      counts,
      earlier: detection.entities.length - own.length,
      decision: {
        route: decision.route,
        pattern: decision.pattern,
        tier: decision.tier,
        sensitivity: decision.sensitivity,
        reasons: decision.reasons,
        redacts: decision.redaction.required,
        leaves: decision.tier !== 'local' || decision.waitingFor !== undefined,
      },
      outgoing,
      modelStage: pending ? 'pending' : detection.modelStage,
      ms: now() - t0,
    };
  };

  const api: AnalysisWorkerApi = {
    preview,
    ner: runNer,
    warmNer: () => runNer.warm?.() ?? Promise.resolve(),
  };
  return api;
}

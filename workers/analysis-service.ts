/**
 * What the analysis worker does, as plain functions so they are tested without a worker: the
 * composer's live preview (detection, analysis, decision) and the embedded NER model, loaded once
 * on first use.
 */
import type {
  AnalysisWorkerApi,
  PreviewOpinion,
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
 */
export function createAnalysisService(
  runNer: (text: string) => Promise<Entity[]>,
  now = () => performance.now(),
) {
  const preview = async (
    { request, policy, health, known, vault }: RequestContext,
    opinion?: PreviewOpinion,
  ): Promise<PreviewResult> => {
    const t0 = now();
    const transcript = transcriptOf(request);
    // The message is the end of the transcript: its spans are shown, shifted into it.
    const offset = transcript.length - request.text.length;
    const base = detectorOptions(policy);
    const detected = await detect(transcript, {
      ...base,
      denyList: [...base.denyList, ...known],
      ner: runNer,
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
      modelStage: detection.modelStage,
      ms: now() - t0,
    };
  };

  const api: AnalysisWorkerApi = { preview, ner: runNer };
  return api;
}

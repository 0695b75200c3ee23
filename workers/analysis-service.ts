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
import { detect, type Entity } from '../src/core/pii';
import type { Policy } from '../src/core/policy/schema';
import { detectorOptions, evaluate, type Health } from '../src/core/router';

/**
 * `ner` is the embedded model as a service (workers/ner-service.ts in the worker, the Node runner
 * or a failing stub in tests); it rejects with `{code: 'ner_unavailable'}` when it cannot run.
 */
export function createAnalysisService(
  runNer: (text: string) => Promise<Entity[]>,
  now = () => performance.now(),
) {
  const preview = async (
    text: string,
    policy: Policy,
    health: Health,
    opinion?: PreviewOpinion,
  ): Promise<PreviewResult> => {
    const t0 = now();
    const detected = await detect(text, { ...detectorOptions(policy), ner: runNer });
    const detection = opinion
      ? {
          ...detected,
          entities: addModelSpans(
            text,
            detected.entities,
            opinion.spans,
            policy.thresholds.detection,
          ).entities,
        }
      : detected;
    const facts = opinion?.facts ?? [];
    const { decision } = evaluate(text, policy, health, { detection, modelFacts: facts });
    const counts: PreviewResult['counts'] = {};
    for (const e of detection.entities) counts[e.type] = (counts[e.type] ?? 0) + 1;
    return {
      entities: detection.entities.map(({ start, end, type, score, source }) => ({
        start,
        end,
        type,
        score,
        source,
      })),
      facts,
      counts,
      decision: {
        route: decision.route,
        pattern: decision.pattern,
        tier: decision.tier,
        sensitivity: decision.sensitivity,
        reasons: decision.reasons,
        redacts: decision.redaction.required,
        leaves: decision.tier !== 'local' || decision.waitingFor !== undefined,
      },
      modelStage: detection.modelStage,
      ms: now() - t0,
    };
  };

  const api: AnalysisWorkerApi = { preview, ner: runNer };
  return api;
}

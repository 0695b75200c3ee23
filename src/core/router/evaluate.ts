/** analyze -> decide -> outgoing in one call: for the CLI, the Policy view's "try it" box and tests. */
import { analyze, type Analysis, type LocalJudgements } from '../analysis/analyze';
import type { ModelFact } from '../local-model/pii-opinion';
import { detectPatterns, type DetectResult } from '../pii';
import type { LatencyBudget, Policy } from '../policy/schema';
import { decide } from './decide';
import { prepareOutgoing } from './outgoing';
import type { Decision, Health } from './types';

export interface Evaluation {
  analysis: Analysis;
  decision: Decision;
  /** The text that would leave the device, or null when nothing would. */
  outgoing: string | null;
}

export interface EvaluateOptions {
  /** A full detector result (e.g. with the NER stage); defaults to the pattern stage with the policy's lists. */
  detection?: DetectResult;
  judgements?: LocalJudgements;
  latency?: LatencyBudget;
  /** Facts about a person the local model found (its spans come in through `detection`). */
  modelFacts?: readonly ModelFact[];
}

/** The detector options a policy implies (threshold, allow and deny lists). */
export function detectorOptions(policy: Policy): {
  threshold: number;
  allowList: string[];
  denyList: string[];
} {
  return {
    threshold: policy.thresholds.detection,
    allowList: policy.allowList,
    denyList: policy.denyList,
  };
}

export function evaluate(
  text: string,
  policy: Policy,
  health: Health,
  options: EvaluateOptions = {},
): Evaluation {
  const detection: DetectResult = options.detection ?? {
    entities: detectPatterns(text, detectorOptions(policy)),
    modelStage: 'skipped',
  };
  const analysis = analyze(text, {
    detection,
    judgements: options.judgements,
    localModel: health.local,
    latency: options.latency,
    longRequestChars: policy.thresholds.longRequestChars,
    ...(options.modelFacts ? { modelFacts: options.modelFacts } : {}),
  });
  const decision = decide(analysis, policy, health);
  let outgoing: string | null = null;
  if (decision.tier !== 'local' || decision.waitingFor) {
    const r = prepareOutgoing(
      text,
      decision,
      undefined,
      policy.thresholds.detection,
      health.proxyThreshold,
    );
    if (r.ok) outgoing = r.text;
    else {
      decision.reasons.push(
        `the outgoing text failed the re-scan (${r.message}) -> nothing is sent`,
      );
      decision.route = health.local ? 'local' : 'blocked';
      decision.pattern = health.local ? 'local' : 'blocked';
      decision.tier = 'local';
      delete decision.waitingFor;
      decision.redaction = { required: false, targets: [] };
    }
  }
  return { analysis, decision, outgoing };
}

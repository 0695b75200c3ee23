/** analyze -> decide -> outgoing in one call: for the CLI, the Policy view's "try it" box and tests. */
import { analyze, type Analysis, type LocalJudgements } from '../analysis/analyze';
import type { ModelFact } from '../local-model/pii-opinion';
import type { ChatMessage } from '../local-model/api';
import { detectPatterns, Vault, type DetectResult } from '../pii';
import type { LatencyBudget, Policy } from '../policy/schema';
import { decide } from './decide';
import { sentText, transcriptLayout, type TranscriptLayout } from './messages';
import { prepareOutgoingMessages } from './outgoing';
import type { Decision, Health } from './types';

export interface Evaluation {
  analysis: Analysis;
  decision: Decision;
  /** What would leave the device as "what left this device" shows it, or null when nothing would. */
  outgoing: string | null;
  /** The messages that would be sent (redacted and re-scanned), or null when nothing would. */
  outgoingMessages: ChatMessage[] | null;
}

export interface EvaluateOptions {
  /** A full detector result (e.g. with the NER stage); defaults to the pattern stage with the policy's lists. */
  detection?: DetectResult;
  judgements?: LocalJudgements;
  latency?: LatencyBudget;
  /** Facts about a person the local model found (its spans come in through `detection`). */
  modelFacts?: readonly ModelFact[];
  /** The conversation's placeholders: redacted with a copy, so the numbers match the send's. */
  vault?: Vault;
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

/** analyze -> decide -> outgoing for one message on its own. */
export function evaluate(
  text: string,
  policy: Policy,
  health: Health,
  options: EvaluateOptions = {},
): Evaluation {
  return evaluateLayout(transcriptLayout({ text }), policy, health, options);
}

/** analyze -> decide -> outgoing for a request laid out as messages (see messages.ts). */
export function evaluateLayout(
  layout: TranscriptLayout,
  policy: Policy,
  health: Health,
  options: EvaluateOptions = {},
): Evaluation {
  const text = layout.text;
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
  let outgoingMessages: ChatMessage[] | null = null;
  if (decision.tier !== 'local' || decision.waitingFor) {
    const vault = options.vault ? Vault.fromJSON(options.vault.toJSON()) : new Vault();
    const r = prepareOutgoingMessages(
      layout,
      decision,
      vault,
      policy.thresholds.detection,
      health.proxyThreshold,
    );
    if (r.ok) outgoingMessages = r.messages;
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
  return {
    analysis,
    decision,
    outgoing: outgoingMessages && sentText(outgoingMessages),
    outgoingMessages,
  };
}

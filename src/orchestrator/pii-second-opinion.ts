/**
 * When and how the router asks the local model for a second opinion on personal values, within
 * the policy's time budget. The model can only add: its spans go through the add-only merge
 * (core/local-model/pii-opinion.ts), and a missing, late or malformed answer changes nothing
 * but a line in the decision's reasons.
 *
 * Answers are kept per piece of text (bounded, in memory), so the composer's live preview and
 * the send that follows ask once, and earlier turns of a conversation are not asked again.
 */
import type { LocalModel } from '../core/local-model/api';
import {
  fastEnough,
  hasFreeText,
  locateOpinion,
  splitForOpinion,
  type ModelFact,
  type PiiOpinion,
  type PiiValue,
} from '../core/local-model/pii-opinion';
import type { Entity } from '../core/pii';
import type { Policy } from '../core/policy/schema';
import type { Decision } from '../core/router';

export type OpinionEngine = Pick<LocalModel, 'findPersonalValues' | 'status'>;

export interface OpinionRequest {
  /** The text the router analyses: returned values are located in all of it. */
  text: string;
  /** What to ask about, newest first (the new message, then earlier turns). Default: `[text]`. */
  parts?: readonly string[];
  policy: Policy;
  signal?: AbortSignal;
}

/** The model's answer, located in the text, with what to record in the decision's reasons. */
export interface OpinionResult {
  spans: Entity[];
  facts: ModelFact[];
  /** Plain-words lines for the decision's reasons (what was missing, late, malformed, ignored). */
  notes: string[];
  /** Whether every piece was answered (false: the decision was made with part of it or none). */
  complete: boolean;
  ms: number;
}

export type OpinionOutcome =
  /** Not asked, for a reason worth telling the user (else undefined is returned). */
  { kind: 'skipped'; note: string } | ({ kind: 'asked' } & OpinionResult);

/** Whether a decision sends anything off the device (now or from the outbox later). */
export function leavesDevice(d: Pick<Decision, 'tier' | 'waitingFor'>): boolean {
  return d.tier !== 'local' || d.waitingFor !== undefined;
}

const CACHE_SIZE = 64;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function failureNote(o: Extract<PiiOpinion, { ok: false }>, budgetMs: number): string {
  switch (o.reason) {
    case 'timeout':
      return `the local model's PII check gave no answer within ${seconds(budgetMs)}: decided without it`;
    case 'malformed':
      return `the local model's PII check answered with something unusable (${o.message}): decided without it`;
    case 'no_model':
      return "the local model's PII check did not run (no local model is loaded): decided without it";
    case 'cancelled':
      return "the local model's PII check was cancelled: decided without it";
    case 'failed':
      return `the local model's PII check failed (${o.message}): decided without it`;
  }
}

export class PiiSecondOpinion {
  private readonly cache = new Map<string, PiiValue[]>();

  constructor(
    private readonly deps: {
      local: OpinionEngine | undefined;
      now?: () => number;
    },
  ) {}

  /**
   * The policy's gate. Undefined means "do not ask, nothing to say" (the request stays here, the
   * policy says never, no sentence of free text, no model); a skipped outcome carries why.
   */
  async gate(
    decision: Pick<Decision, 'tier' | 'waitingFor'>,
    text: string,
    policy: Policy,
  ): Promise<{ modelId: string } | { kind: 'skipped'; note: string } | undefined> {
    const rule = policy.localPiiCheck;
    const local = this.deps.local;
    if (!local || rule.when === 'never' || !leavesDevice(decision)) return undefined;
    if (rule.when === 'leaving-with-free-text' && !hasFreeText(text)) return undefined;
    const status = await local.status().catch(() => undefined);
    if (status?.state !== 'ready') return undefined;
    if (!fastEnough(status.lastDecodeTokensPerSecond, rule.budgetMs)) {
      return {
        kind: 'skipped',
        note: `the local model's PII check was skipped: it last decoded ${status.lastDecodeTokensPerSecond?.toFixed(1)} tokens/s, too slow to answer within ${seconds(rule.budgetMs)}`,
      };
    }
    return { modelId: status.modelId };
  }

  /** Asks (when the gate allows) and locates the answer in `text`. */
  async run(
    decision: Pick<Decision, 'tier' | 'waitingFor'>,
    req: OpinionRequest,
  ): Promise<OpinionOutcome | undefined> {
    const gate = await this.gate(decision, req.text, req.policy);
    if (!gate || 'kind' in gate) return gate;
    return { kind: 'asked', ...(await this.ask(gate.modelId, req)) };
  }

  private async ask(modelId: string, req: OpinionRequest): Promise<OpinionResult> {
    const local = this.deps.local as OpinionEngine;
    const now = this.deps.now ?? Date.now;
    const budget = req.policy.localPiiCheck.budgetMs;
    const t0 = now();
    const pieces = (req.parts ?? [req.text]).flatMap((p) => splitForOpinion(p));
    const values: PiiValue[] = [];
    const notes: string[] = [];
    let answered = 0;
    let failure: Extract<PiiOpinion, { ok: false }> | undefined;
    for (const piece of pieces) {
      if (!/[\p{L}\p{N}]/u.test(piece)) {
        answered += 1;
        continue;
      }
      const key = `${modelId}\u0000${piece}`;
      const cached = this.cache.get(key);
      if (cached) {
        values.push(...cached);
        answered += 1;
        continue;
      }
      if (failure) continue; // one failure ends the asking (the engine queue is one at a time)
      const left = budget - (now() - t0);
      if (left <= 0) {
        failure = { ok: false, reason: 'timeout', message: 'out of time' };
        continue;
      }
      const answer = await this.askOnce(local, piece, left, req.signal);
      if (!answer.ok) {
        failure = answer;
        continue;
      }
      this.remember(key, answer.values);
      values.push(...answer.values);
      answered += 1;
    }
    const located = locateOpinion(req.text, values, { allowList: req.policy.allowList });
    if (failure) {
      const note = failureNote(failure, budget);
      notes.push(
        answered > 0
          ? note.replace(': decided without it', `: ${answered} of ${pieces.length} parts checked`)
          : note,
      );
    }
    if (located.notInText.length) {
      const n = located.notInText.length;
      notes.push(
        `the local model named ${n} value${n === 1 ? '' : 's'} that ${n === 1 ? 'is' : 'are'} not in the text: ignored`,
      );
    }
    return {
      spans: located.spans,
      facts: located.facts,
      notes,
      complete: failure === undefined,
      ms: now() - t0,
    };
  }

  /** One engine call, aborted at the deadline or when the caller's signal aborts. */
  private async askOnce(
    local: OpinionEngine,
    piece: string,
    ms: number,
    outer: AbortSignal | undefined,
  ): Promise<PiiOpinion> {
    const ctl = new AbortController();
    const onAbort = () => ctl.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<PiiOpinion>((resolve) => {
      timer = setTimeout(() => {
        ctl.abort();
        resolve({ ok: false, reason: 'timeout', message: `no answer within ${ms} ms` });
      }, ms);
    });
    try {
      return await Promise.race([
        local.findPersonalValues(piece, ctl.signal).catch((err: unknown): PiiOpinion => ({
          ok: false,
          reason: 'failed',
          message: err instanceof Error ? err.message : String(err),
        })),
        late,
      ]);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  private remember(key: string, values: PiiValue[]): void {
    this.cache.delete(key);
    this.cache.set(key, values);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

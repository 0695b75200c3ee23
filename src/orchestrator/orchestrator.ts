/**
 * The request pipeline on the main thread: analyse -> decide -> run the pattern -> persist.
 * The chat UI calls send() with callbacks for streamed tokens; the result carries the badge, the
 * steps (which tier saw what) and what left this device. Requests that may only be answered by
 * the cloud while it is unreachable wait in the outbox and are re-analysed before they are sent.
 */
import type { AuditEntryInput } from '../core/audit/types';
import { analyze, type Analysis, type AnalyzeOptions, type CategoryHit } from '../core/analysis';
import { addModelSpans } from '../core/local-model/pii-opinion';
import type { ChatMessage, Judgement } from '../core/local-model/api';
import {
  Vault,
  detect,
  type DenyListEntry,
  type DetectOptions,
  type Entity,
  type NerRunner,
} from '../core/pii';
import type { LatencyBudget, Policy, Tier } from '../core/policy/schema';
import { DEFAULT_POLICY } from '../core/policy';
import {
  badgeLabel,
  decide,
  detectorOptions,
  transcriptLayout,
  transcriptOf,
  type Decision,
  type Health,
  type RequestContext,
} from '../core/router';
import { Availability } from './availability';
import { CascadeGuard } from './cascade-guard';
import type { CloudClient } from './cloud-client';
import { CloudError, toPipelineError, type PipelineError } from './errors';
import {
  PATTERN_RUNNERS,
  PatternError,
  answerLocally,
  type LocalEngine,
  type PatternContext,
  type PatternOutcome,
} from './patterns';
import { PiiSecondOpinion, type OpinionOutcome } from './pii-second-opinion';
import type { OutboxEntry, Ports, RequestDocuments } from './ports';

export type { RequestDocuments } from './ports';
import { TierResilience, type ResilienceOptions } from './resilience';
import type { Step } from './steps';

export interface SendInput {
  conversationId: string;
  /** The id the UI gives the answer message (defaults to a random UUID). */
  messageId?: string;
  text: string;
  /**
   * Earlier turns of the conversation, oldest first. The router analyses the whole conversation
   * (a health detail two turns ago still counts); the local model gets the messages as they are,
   * a cloud tier gets them redacted, role by role.
   */
  history?: ChatMessage[];
  /**
   * The user's custom instructions (global, then this conversation's), sent as system messages
   * and analysed with the rest. Undefined: the stored ones (Ports.instructions).
   */
  instructions?: string[];
  latency?: LatencyBudget;
  /**
   * The user confirmed sending this request without redaction. Refused for regulated data; only
   * changes anything when the policy would send it to a cloud tier redacted; audited as 'override'.
   */
  override?: 'unredacted';
  /**
   * What the conversation's attached documents add to the analysis (their text, or the passages
   * picked for this question, is already part of `text`).
   */
  documents?: RequestDocuments;
}

/** Adds the documents' category hits to an analysis (terms of the same category are merged). */
function addDocumentCategories(analysis: Analysis, hits: readonly CategoryHit[]): void {
  for (const h of hits) {
    const same = analysis.categories.find((c) => c.category === h.category);
    if (same) same.terms = [...new Set([...same.terms, ...h.terms])].slice(0, 3);
    else analysis.categories.push({ category: h.category, terms: [...h.terms] });
  }
}

export { transcriptOf };

export interface SendCallbacks {
  /**
   * A piece of the final answer. `placeholders`: a cloud answer as written, placeholders not
   * filled in; render it with the conversation's vault, filling values into text nodes only (a
   * value in a link target would leave the page with one click).
   */
  onToken?: (delta: string, placeholders: boolean) => void;
  /** Drop what was streamed so far: the answer is being replaced (escalation or fallback). */
  onReset?: () => void;
  /** The router's decision, as soon as it is made (before any answer). */
  onDecision?: (decision: Decision) => void;
}

/** The small label the UI shows under an answer. */
export interface Badge {
  label: string;
  tone: 'local' | 'private' | 'frontier' | 'queued' | 'blocked' | 'error';
  tier: Tier;
  redacted: number;
  escalated: boolean;
}

export interface SendResult {
  messageId: string;
  status: 'complete' | 'queued' | 'blocked' | 'error' | 'stopped';
  /** The answer as plain text, placeholders filled in. */
  text: string;
  /**
   * The answer as the model wrote it, when it differs from `text` (a cloud answer with
   * placeholders): render this, with the vault filling in text nodes only, never `text`.
   */
  raw?: string;
  decision: Decision;
  badge: Badge;
  steps: Step[];
  /** Exactly what left this device, per cloud call (already redacted). */
  leftDevice: { tier: Tier; text: string }[];
  unknownPlaceholders: string[];
  escalated: boolean;
  crossCheck?: PatternOutcome['crossCheck'];
  error?: PipelineError;
  outboxId?: string;
}

export interface OrchestratorDeps {
  ports: Ports;
  cloud: CloudClient;
  /** The local model; undefined when none can run here. */
  local?: LocalEngine;
  /** GET /api/health as parsed JSON. */
  fetchHealth: () => Promise<unknown>;
  isOnline?: () => boolean;
  policy?: Policy;
  /** The detector's model stage (embedded NER), when loaded. */
  ner?: NerRunner;
  resilience?: ResilienceOptions;
  /** How long to wait for a local judgement before deciding without it, ms. */
  judgeTimeoutMs?: number;
  now?: () => number;
  newId?: () => string;
}

const randomId = () => globalThis.crypto.randomUUID();

const KIND_NOUN: Partial<Record<Entity['type'], string>> = {
  PERSON: 'name',
  ORGANIZATION: 'organisation',
  LOCATION: 'place',
  ID_NUMBER: 'identifier',
};

/** The reason line for what the local model's second opinion added (values are not repeated). */
function describeAdded(added: readonly Entity[], facts: number, complete: boolean): string[] {
  if (!added.length)
    return complete && !facts
      ? ["the local model's PII check found nothing the detector had missed"]
      : [];
  const values = new Map<string, Set<string>>();
  for (const a of added) {
    const noun = KIND_NOUN[a.type] ?? a.type.toLowerCase();
    const set = values.get(noun) ?? new Set<string>();
    set.add(a.text.toLowerCase().replace(/\s+/g, ' '));
    values.set(noun, set);
  }
  const list = [...values]
    .map(([noun, set]) => `${set.size} ${noun}${set.size === 1 ? '' : 's'}`)
    .join(', ');
  return [`the local model found ${list} the detector had missed`];
}

function badgeFor(
  status: SendResult['status'],
  answeredBy: Tier,
  exposure: Tier,
  escalated: boolean,
  fellBack: boolean,
  redacted: number,
): Badge {
  const label = badgeLabel({ status, answeredBy, exposure, escalated, fellBack, redacted });
  const tone: Badge['tone'] =
    status === 'queued' || status === 'blocked'
      ? status
      : status === 'error' || status === 'stopped'
        ? 'error'
        : label === 'Local'
          ? 'local'
          : exposure === 'local'
            ? answeredBy
            : exposure;
  return { label, tone, tier: answeredBy, redacted, escalated };
}

/** Tokens are estimated from characters: providers' counts are not available for every tier. */
const tokensOf = (chars: number) => Math.ceil(chars / 4);

/** Estimated tokens of a request and its answer, and what its cloud calls cost at these prices. */
function usageOf(
  input: SendInput,
  r: SendResult,
  prices: Policy['prices'],
): { promptTokens: number; completionTokens: number; costUsd: number } {
  let costUsd = 0;
  for (const s of r.steps) {
    if (s.kind !== 'cloud-call' || s.tier === 'local' || s.sent === undefined) continue;
    const p = prices[s.tier];
    costUsd +=
      (tokensOf(s.sent.length) * p.inputPerMTok + tokensOf(s.chars ?? 0) * p.outputPerMTok) / 1e6;
  }
  return {
    promptTokens: tokensOf(transcriptOf(input).length),
    completionTokens: tokensOf(r.text.length),
    costUsd,
  };
}

/**
 * Applies the user's confirmed "send unredacted" to a decision, in place. Regulated data is never
 * sent unredacted: the decision becomes blocked. Returns whether the request goes out unredacted.
 */
function applyOverride(decision: Decision): boolean {
  if (decision.sensitivity === 'regulated') {
    decision.reasons.push('sending unredacted was refused: regulated data never leaves unredacted');
    decision.route = 'blocked';
    decision.pattern = 'blocked';
    decision.tier = 'local';
    delete decision.waitingFor;
    decision.redaction = { required: false, targets: [] };
    return false;
  }
  if (decision.tier === 'local' || !decision.redaction.required) return false;
  decision.reasons.push('sent without redaction: the user confirmed it');
  decision.redaction = { required: false, targets: decision.redaction.targets };
  return true;
}

export class Orchestrator {
  readonly resilience: TierResilience;
  readonly cascade: CascadeGuard;
  readonly availability: Availability;
  private readonly secondOpinion: PiiSecondOpinion;
  private policy: Policy;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: OrchestratorDeps) {
    this.policy = deps.policy ?? DEFAULT_POLICY;
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomId;
    this.resilience = new TierResilience(deps.resilience);
    this.cascade = new CascadeGuard(
      this.policy.thresholds.cascadeWindow,
      this.policy.thresholds.cascadeMaxRate,
    );
    const local = deps.local;
    this.secondOpinion = new PiiSecondOpinion({ local, now: this.now });
    this.availability = new Availability({
      fetchHealth: deps.fetchHealth,
      isOnline: deps.isOnline,
      localStatus: local
        ? () => local.status()
        : async () => ({ state: 'unavailable', reason: 'no local model on this device' }),
      resilience: this.resilience,
      cascade: this.cascade,
      now: this.now,
    });
  }

  setPolicy(policy: Policy): void {
    this.policy = policy;
  }

  getPolicy(): Policy {
    return this.policy;
  }

  health(): Promise<Health> {
    return this.availability.snapshot();
  }

  private async judge(health: Health, text: string): Promise<Judgement | undefined> {
    const local = this.deps.local;
    if (!local || !health.local || !this.policy.sensitivity.useLocalJudgement) return undefined;
    const ms = this.deps.judgeTimeoutMs ?? 3_000;
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<Judgement>((resolve) => {
      timer = setTimeout(() => {
        ctl.abort();
        resolve({ kind: 'sensitivity', unknown: true, reason: `no judgement within ${ms} ms` });
      }, ms);
    });
    try {
      return await Promise.race([
        local.judge('sensitivity', text, ctl.signal).catch((err: unknown): Judgement => ({
          kind: 'sensitivity',
          unknown: true,
          reason: toPipelineError(err).message,
        })),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Analyse and decide without answering (the Policy view's "try it" uses the pure core instead). */
  async route(text: string, latency?: LatencyBudget): Promise<Decision> {
    const health = await this.health();
    return this.decideFor(text, health, latency);
  }

  /**
   * Detect (+ judge) -> analyse -> decide; then, when the decision would send something off the
   * device and the policy asks for it, the local model's second opinion: its spans are added
   * (never removing one) and the request decided again. `parts` are what the model is asked
   * about, newest first (default: the whole text).
   */
  private async decideFor(
    text: string,
    health: Health,
    latency?: LatencyBudget,
    known: readonly DenyListEntry[] = [],
    parts?: readonly string[],
    documents?: RequestDocuments,
  ): Promise<Decision> {
    const [detection, judgement] = await Promise.all([
      detect(text, this.detectOptions(known)),
      this.judge(health, text),
    ]);
    const options: AnalyzeOptions = {
      detection,
      judgements: judgement ? { sensitivity: judgement } : undefined,
      localModel: health.local,
      latency,
      longRequestChars: this.policy.thresholds.longRequestChars,
    };
    // categories found in attached documents count as if they were typed
    const analyzed = (o: AnalyzeOptions): Analysis => {
      const analysis = analyze(text, o);
      if (documents?.categories.length) addDocumentCategories(analysis, documents.categories);
      return analysis;
    };
    const decision = decide(analyzed(options), this.policy, health);
    if (!health.local) return decision;
    const opinion = await this.secondOpinion.run(decision, {
      text,
      policy: this.policy,
      ...(parts ? { parts } : {}),
    });
    if (!opinion) return decision;
    if (opinion.kind === 'skipped') {
      decision.reasons.push(opinion.note);
      return decision;
    }
    const { entities, added } = addModelSpans(
      text,
      detection.entities,
      opinion.spans,
      this.policy.thresholds.detection,
    );
    const again =
      added.length || opinion.facts.length
        ? decide(
            analyzed({
              ...options,
              detection: { ...detection, entities },
              modelFacts: opinion.facts,
            }),
            this.policy,
            health,
          )
        : decision;
    again.reasons.push(
      ...describeAdded(added, opinion.facts.length, opinion.complete),
      ...opinion.notes,
    );
    return again;
  }

  /**
   * The second opinion for the composer's live preview: asked only when the preview's decision
   * would leave the device (the same gate and budget as a send; answers are shared with it).
   */
  async previewOpinion(
    text: string,
    decision: Pick<Decision, 'tier' | 'waitingFor'>,
    signal?: AbortSignal,
  ): Promise<OpinionOutcome | undefined> {
    return this.secondOpinion.run(decision, {
      text,
      policy: this.policy,
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * The local model's sensitivity judgement for the composer's preview: the same call, gate (a
   * loaded model, the policy's useLocalJudgement) and time budget as a send's, on the same text
   * (the transcript), so the preview decides with what the send will decide with.
   */
  async previewJudgement(transcript: string): Promise<Judgement | undefined> {
    return this.judge(await this.health(), transcript);
  }

  /**
   * What a decision for this message depends on, exactly as send() gathers it: the message with
   * the conversation before it, the policy, current health and the values this conversation
   * already replaced. The composer's preview evaluates this same context.
   */
  async requestContext(
    conversationId: string | undefined,
    input: Pick<SendInput, 'text' | 'history' | 'instructions'>,
  ): Promise<RequestContext> {
    const [health, vault, instructions] = await Promise.all([
      this.health(),
      conversationId ? this.loadVault(conversationId) : Promise.resolve(new Vault()),
      input.instructions ?? this.instructionsFor(conversationId),
    ]);
    return {
      request: {
        text: input.text,
        ...(input.history?.length ? { history: input.history } : {}),
        ...(instructions.length ? { instructions } : {}),
      },
      policy: this.policy,
      health,
      known: vault.knownValues(),
      ...(vault.size ? { vault: vault.toJSON() } : {}),
    };
  }

  /** The custom instructions stored for this conversation (global first), none without a store. */
  private async instructionsFor(conversationId: string | undefined): Promise<string[]> {
    const list = (await this.deps.ports.instructions?.forConversation(conversationId)) ?? [];
    return list.filter((s) => s.trim().length > 0);
  }

  /** Sends one user message through the pipeline. Never throws for pipeline failures: see status. */
  async send(
    given: SendInput,
    callbacks: SendCallbacks = {},
    signal?: AbortSignal,
  ): Promise<SendResult> {
    const t0 = this.now();
    const instructions = given.instructions ?? (await this.instructionsFor(given.conversationId));
    const input: SendInput = { ...given, instructions };
    const messageId = input.messageId ?? this.newId();
    const health = await this.health();
    // values this conversation already redacted stay redacted (sources only add)
    const known = [
      ...(await this.loadVault(input.conversationId)).knownValues(),
      ...(input.documents?.knownValues ?? []),
    ];
    const localModel = health.local ? await this.localEngineName() : undefined;
    const decision = await this.decideFor(
      transcriptOf(input),
      health,
      input.latency,
      known,
      [input.text, ...(input.history ?? []).map((m) => m.content).reverse(), ...instructions],
      input.documents,
    );
    const unredacted = input.override === 'unredacted' && applyOverride(decision);
    callbacks.onDecision?.(decision);
    const result = await this.execute(
      input,
      messageId,
      decision,
      health,
      callbacks,
      signal,
      unredacted,
    );
    await this.persist(input, result, this.now() - t0, localModel);
    return result;
  }

  /** The ready local engine and model, for the audit entry (the engines are interchangeable). */
  private async localEngineName(): Promise<{ engine: string; modelId: string } | undefined> {
    const s = await this.deps.local?.status().catch(() => undefined);
    return s?.state === 'ready' ? { engine: s.engine ?? 'local', modelId: s.modelId } : undefined;
  }

  private async execute(
    input: SendInput,
    messageId: string,
    decision: Decision,
    health: Health,
    callbacks: SendCallbacks,
    signal?: AbortSignal,
    unredacted = false,
  ): Promise<SendResult> {
    const steps: Step[] = [];
    const base = {
      messageId,
      decision,
      steps,
      unknownPlaceholders: [] as string[],
      escalated: false,
      text: '',
    };
    const finish = (
      r: Omit<SendResult, 'badge' | 'leftDevice'> & { answeredBy?: Tier },
    ): SendResult => {
      const leftDevice = r.steps
        .filter((s) => s.kind === 'cloud-call' && s.sent !== undefined)
        .map((s) => ({ tier: s.tier, text: s.sent as string }));
      // Targets stay listed under an override (for the audit's entity counts) but were not replaced.
      const redacted =
        decision.redaction.required && decision.redaction.targets.length && leftDevice.length
          ? decision.redaction.targets.length
          : 0;
      const { answeredBy, ...rest } = r;
      return {
        ...rest,
        leftDevice,
        badge: badgeFor(
          r.status,
          answeredBy ?? 'local',
          leftDevice.some((l) => l.tier === 'frontier')
            ? 'frontier'
            : leftDevice.some((l) => l.tier === 'private')
              ? 'private'
              : 'local',
          r.escalated,
          r.steps.some((s) => s.kind === 'fallback' && s.ok && s.tier === 'local'),
          redacted,
        ),
      };
    };

    if (decision.route === 'blocked') {
      steps.push({
        kind: 'block',
        tier: 'local',
        ok: true,
        ms: 0,
        note: decision.reasons[decision.reasons.length - 1],
      });
      return finish({ ...base, status: 'blocked' });
    }
    if (decision.route === 'queued')
      return finish({
        ...base,
        ...(await this.enqueue(input, messageId, decision, steps)),
        status: 'queued',
      });

    const runner = PATTERN_RUNNERS[decision.pattern];
    if (!runner)
      return finish({
        ...base,
        status: 'error',
        error: { code: 'unknown_pattern', message: `no runner for ${decision.pattern}` },
      });
    const vault = await this.loadVault(input.conversationId);
    let streamed = false;
    // One vault for the whole conversation: every message of this request, and every earlier
    // request, gives the same value the same placeholder.
    const layout = transcriptLayout(input);
    const ctx: PatternContext = {
      text: layout.text,
      layout,
      localMessages: layout.messages,
      decision,
      vault,
      unredacted,
      local: health.local ? this.deps.local : undefined,
      cloud: async (tier, messages, onToken, s) => {
        // The placeholders the answer may use are stored before it streams, so the UI can fill
        // them in as it arrives (and after a reload mid-stream).
        await this.deps.ports.vault.save(input.conversationId, vault.toJSON());
        return this.resilience
          .execute(
            tier,
            (sig) =>
              this.deps.cloud.complete(
                { tier, messages, ...(unredacted ? { override: 'unredacted' as const } : {}) },
                onToken,
                sig,
              ),
            s,
          )
          .then(
            (r) => {
              this.availability.reportNetwork(true);
              return r;
            },
            (err: unknown) => {
              if (err instanceof CloudError && err.code === 'network')
                this.availability.reportNetwork(false);
              throw err;
            },
          );
      },
      detectionThreshold: this.policy.thresholds.detection,
      // the proxy's own re-scan threshold, from its /api/health
      ...(health.proxyThreshold !== undefined ? { proxyThreshold: health.proxyThreshold } : {}),
      detectFull: async (t) => {
        const r = await detect(
          t,
          this.detectOptions([...vault.knownValues(), ...(input.documents?.knownValues ?? [])]),
        );
        if (r.modelStage === 'failed')
          throw Object.assign(new Error(r.error?.message ?? 'the detector failed'), {
            code: 'detector_failed',
          });
        return r.entities;
      },
      escalateBelow: this.policy.thresholds.escalateBelow,
      emit: (d, placeholders) => {
        streamed = true;
        callbacks.onToken?.(d, placeholders === true);
      },
      reset: () => {
        if (streamed) callbacks.onReset?.();
        streamed = false;
      },
      steps,
      signal,
      now: this.now,
    };
    try {
      const out = await runner(ctx);
      if (decision.pattern === 'escalate-on-hard') this.cascade.record(out.escalated === true);
      await this.deps.ports.vault.save(input.conversationId, vault.toJSON());
      // Engines end a generation normally when its signal aborts (finishReason 'abort').
      return finish({
        ...base,
        status: signal?.aborted ? 'stopped' : 'complete',
        text: out.text,
        ...(out.raw !== undefined && out.raw !== out.text ? { raw: out.raw } : {}),
        unknownPlaceholders: out.unknownPlaceholders,
        escalated: out.escalated === true,
        answeredBy: out.answeredBy,
        ...(out.crossCheck ? { crossCheck: out.crossCheck } : {}),
      });
    } catch (err) {
      await this.deps.ports.vault.save(input.conversationId, vault.toJSON());
      if (signal?.aborted)
        return finish({
          ...base,
          status: 'stopped',
          error: { code: 'aborted', message: 'stopped' },
        });
      return finish(await this.recover(err, ctx, input, messageId, health));
    }
  }

  /**
   * After a failed pattern: a failed or refused cloud call falls back to the local model when one
   * is loaded, else waits in the outbox; a local failure is reported (never silently sent out).
   */
  private async recover(
    err: unknown,
    ctx: PatternContext,
    input: SendInput,
    messageId: string,
    health: Health,
  ): Promise<Omit<SendResult, 'badge' | 'leftDevice'> & { answeredBy?: Tier }> {
    const error = toPipelineError(err);
    const base = {
      messageId,
      decision: ctx.decision,
      steps: ctx.steps,
      unknownPlaceholders: [] as string[],
      escalated: false,
      text: '',
    };
    const stage = err instanceof PatternError ? err.stage : 'local';
    if (stage === 'local') return { ...base, status: 'error', error };
    const cause = err instanceof PatternError ? err.original : err;
    if (health.local && this.deps.local) {
      ctx.reset();
      ctx.steps.push({
        kind: 'fallback',
        tier: 'local',
        ok: true,
        ms: 0,
        note: `${error.message} -> answered on this device instead`,
      });
      try {
        const out = await answerLocally({ ...ctx, local: this.deps.local });
        return { ...base, status: 'complete', text: out.text, answeredBy: 'local', error };
      } catch (e2) {
        return { ...base, status: 'error', error: toPipelineError(e2) };
      }
    }
    const waitFor = ctx.decision.tier === 'local' ? undefined : ctx.decision.tier;
    if (
      stage === 'cloud' &&
      waitFor &&
      cause instanceof CloudError &&
      (cause.retryable || cause.code === 'circuit_open' || cause.retryAfterMs !== undefined)
    ) {
      ctx.reset();
      const q = await this.enqueue(
        input,
        messageId,
        { ...ctx.decision, waitingFor: waitFor },
        ctx.steps,
        error,
      );
      return { ...base, ...q, status: 'queued', error };
    }
    return { ...base, status: stage === 'redact' ? 'blocked' : 'error', error };
  }

  private async enqueue(
    input: SendInput,
    messageId: string,
    decision: Decision,
    steps: Step[],
    lastError?: PipelineError,
  ): Promise<{ outboxId: string }> {
    const entry: OutboxEntry = {
      id: this.newId(),
      conversationId: input.conversationId,
      messageId,
      // the outbox keeps the request as messages: it is re-analysed as a whole before it is sent
      text: input.text,
      ...(input.history?.length ? { history: input.history } : {}),
      ...(input.instructions?.length ? { instructions: input.instructions } : {}),
      waitingFor: decision.waitingFor ?? 'frontier',
      createdAt: this.now(),
      attempts: 0,
      ...(input.latency ? { latency: input.latency } : {}),
      ...(lastError ? { lastError } : {}),
      // the documents' values and categories are re-applied when it is re-analysed
      ...(input.documents ? { documents: input.documents } : {}),
    };
    await this.deps.ports.outbox.add(entry);
    steps.push({
      kind: 'queue',
      tier: 'local',
      ok: true,
      ms: 0,
      note: `waiting in the outbox for ${entry.waitingFor}; re-scanned before it is sent`,
    });
    return { outboxId: entry.id };
  }

  /** The detector's options for this policy, the model stage and the values already known. */
  private detectOptions(known: readonly DenyListEntry[]): DetectOptions {
    const base = detectorOptions(this.policy);
    return {
      ...base,
      denyList: [...base.denyList, ...known],
      ...(this.deps.ner ? { ner: this.deps.ner } : {}),
    };
  }

  private async loadVault(conversationId: string): Promise<Vault> {
    const data = await this.deps.ports.vault.load(conversationId);
    return data ? Vault.fromJSON(data) : new Vault();
  }

  private async persist(
    input: SendInput,
    r: SendResult,
    latencyMs: number,
    localModel?: { engine: string; modelId: string },
  ): Promise<void> {
    const counts: Record<string, number> = {};
    for (const t of r.decision.redaction.targets) counts[t.type] = (counts[t.type] ?? 0) + 1;
    const tiers = [...new Set(r.leftDevice.map((l) => l.tier))];
    // Where it was answered, or why not: the audit log and the Dashboard count the same thing (a
    // request the re-scan or the proxy stopped is blocked or failed, not "Cloud").
    const route = r.status === 'complete' ? r.badge.tier : r.status;
    const entry: AuditEntryInput = {
      // An override request (granted or refused) is its own kind, so an auditor can list them.
      kind: input.override ? 'override' : 'decision',
      requestId: r.messageId,
      route,
      pattern: r.decision.pattern,
      tiersThatSawData: tiers.length ? tiers : ['local'],
      entityCounts: counts,
      latencyMs,
      responseBytes: r.text.length,
      ...(r.leftDevice.length
        ? { outgoingText: r.leftDevice.map((l) => `[${l.tier}] ${l.text}`).join('\n---\n') }
        : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(localModel ? { localModel } : {}),
    };
    try {
      await this.deps.ports.audit.append(entry);
      await this.deps.ports.metrics.record({
        at: this.now(),
        route,
        tier: r.badge.tier,
        pattern: r.decision.pattern,
        status: r.status,
        latencyMs,
        redactions: r.leftDevice.length ? counts : {},
        escalated: r.escalated,
        ...usageOf(input, r, this.policy.prices),
      });
    } catch (err) {
      // The answer is already on screen; a failed write must not turn it into an error.
      r.steps.push({
        kind: 'fallback',
        tier: 'local',
        ok: false,
        ms: 0,
        error: toPipelineError(err),
        note: 'could not write the audit entry',
      });
    }
  }

  /**
   * Sends what waits in the outbox, oldest first, each after a fresh analysis and re-scan with the
   * current policy and health. Items that may still not go stay queued; items that may now never
   * leave (the policy changed, say) are removed and reported as blocked.
   */
  async flushOutbox(
    callbacksFor: (entry: OutboxEntry) => SendCallbacks = () => ({}),
    onResult?: (entry: OutboxEntry, result: SendResult) => void,
  ): Promise<SendResult[]> {
    const results: SendResult[] = [];
    const items = await this.deps.ports.outbox.list();
    if (!items.length) return results;
    await this.availability.refresh();
    for (const entry of items) {
      const health = await this.health();
      const cb = callbacksFor(entry);
      const input: SendInput = {
        conversationId: entry.conversationId,
        messageId: entry.messageId,
        text: entry.text,
        ...(entry.history ? { history: entry.history } : {}),
        ...(entry.instructions ? { instructions: entry.instructions } : {}),
        ...(entry.latency ? { latency: entry.latency } : {}),
        ...(entry.documents ? { documents: entry.documents } : {}),
      };
      const known = [
        ...(await this.loadVault(entry.conversationId)).knownValues(),
        ...(entry.documents?.knownValues ?? []),
      ];
      const decision = await this.decideFor(
        transcriptOf(input),
        health,
        entry.latency,
        known,
        undefined,
        entry.documents,
      );
      if (decision.route === 'queued') {
        await this.deps.ports.outbox.markAttempt(entry.id, {
          code: 'still_unavailable',
          message: decision.reasons[decision.reasons.length - 1] ?? 'still unavailable',
        });
        continue;
      }
      cb.onDecision?.(decision);
      await this.deps.ports.outbox.remove(entry.id);
      const t0 = this.now();
      const localModel = health.local ? await this.localEngineName() : undefined;
      const result = await this.execute(input, entry.messageId, decision, health, cb);
      await this.persist(input, result, this.now() - t0, localModel);
      results.push(result);
      onResult?.(entry, result);
    }
    return results;
  }

  /** Outbox size, for the banner. */
  async outboxSize(): Promise<number> {
    return (await this.deps.ports.outbox.list()).length;
  }
}

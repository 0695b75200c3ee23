/**
 * The routing patterns: each a small composition of redact / local generate / cloud call /
 * restore. Each streams its final answer through ctx.emit and records its steps.
 */
import type { ChatMessage, LocalModel } from '../core/local-model/api';

/** The part of the LocalModel the patterns use. */
export type LocalEngine = Pick<LocalModel, 'generate' | 'judge' | 'findPersonalValues' | 'status'>;
import {
  PiiRemainingError,
  cleanForwarded,
  detectPatterns,
  forwardedThreshold,
  scanForwarded,
  redact,
  restore,
  type Entity,
  type EntityType,
  type Vault,
} from '../core/pii';
import type { CloudTier, PatternName, Tier } from '../core/policy/schema';
import {
  PLACEHOLDER_SYSTEM,
  prepareOutgoingMessages,
  sentText,
  transcriptLayout,
  type Decision,
  type TranscriptLayout,
} from '../core/router';
import type { CloudResult } from './cloud-client';
import { toPipelineError, type PipelineError } from './errors';
import type { Step } from './steps';
import { StreamRestorer, type RestoredAnswer } from './stream-restorer';

export { PLACEHOLDER_SYSTEM };

export interface PatternContext {
  /** What the router analysed (the transcript, with history and instructions). */
  text: string;
  /**
   * The request as messages and where each lies in `text`: what is redacted and sent to a cloud
   * tier, role by role (defaults to `text` as one user message).
   */
  layout?: TranscriptLayout;
  /** What the local model gets: the conversation as messages (defaults to the layout's). */
  localMessages?: ChatMessage[];
  decision: Decision;
  vault: Vault;
  local: LocalEngine | undefined;
  /** A resilient cloud call (retries, timeout, breaker already applied). */
  cloud: (
    tier: CloudTier,
    messages: ChatMessage[],
    onToken: (d: string) => void,
    signal?: AbortSignal,
  ) => Promise<CloudResult>;
  detectionThreshold: number;
  /** The proxy's re-scan threshold, when its health says (the detector's default otherwise). */
  proxyThreshold?: number;
  /**
   * The user confirmed sending this request without redaction (never for regulated data: the
   * orchestrator refuses that before any pattern runs). Secrets are still never sent.
   */
  unredacted?: boolean;
  /** The full detector (with the model stage); rejects when the model stage fails. */
  detectFull?: (text: string) => Promise<Entity[]>;
  escalateBelow: number;
  /**
   * The final answer, streamed. `placeholders`: the delta is a cloud answer as written, with
   * placeholders not filled in (the UI fills them into rendered text only, never into links).
   */
  emit: (delta: string, placeholders?: boolean) => void;
  /** Discards what was streamed so far (escalation, fallback). */
  reset: () => void;
  steps: Step[];
  signal?: AbortSignal;
  now?: () => number;
}

export interface PatternOutcome {
  /** The answer as plain text, placeholders filled in. */
  text: string;
  /**
   * A cloud answer as the model wrote it, placeholders intact: what the UI renders, filling them
   * in into text nodes only. Absent for answers that never held placeholders (local ones).
   */
  raw?: string;
  answeredBy: Tier;
  unknownPlaceholders: string[];
  escalated?: boolean;
  crossCheck?: { local: string; cloud: string; agreement: number; disagree: boolean };
}

/** A step failed in a way the orchestrator handles (fallback, queue or error). */
export class PatternError extends Error {
  override name = 'PatternError';
  constructor(
    readonly code: string,
    message: string,
    readonly stage: 'local' | 'cloud' | 'redact',
    readonly original?: unknown,
  ) {
    super(message);
  }
}

const now = (ctx: PatternContext) => (ctx.now ?? Date.now)();

const layoutOf = (ctx: PatternContext): TranscriptLayout =>
  ctx.layout ?? transcriptLayout({ text: ctx.text });

/** A fresh copy of the messages for the local model (it sees the original text). */
function localMessages(ctx: PatternContext): ChatMessage[] {
  return (ctx.localMessages ?? layoutOf(ctx).messages).map((m) => ({ ...m }));
}

/** Local generation; throws PatternError('local_failed') and records the step either way. */
export async function runLocal(
  ctx: PatternContext,
  messages: ChatMessage[],
  stream: boolean,
): Promise<string> {
  const t0 = now(ctx);
  if (!ctx.local) {
    ctx.steps.push({
      kind: 'local-generate',
      tier: 'local',
      ok: false,
      ms: 0,
      error: { code: 'no_local_model', message: 'no local model is loaded' },
    });
    throw new PatternError('no_local_model', 'no local model is loaded', 'local');
  }
  let text = '';
  try {
    const r = await ctx.local.generate(
      { messages },
      (d) => {
        text += d;
        if (stream) ctx.emit(d);
      },
      ctx.signal,
    );
    ctx.steps.push({
      kind: 'local-generate',
      tier: 'local',
      ok: true,
      ms: now(ctx) - t0,
      chars: r.text.length,
    });
    return r.text;
  } catch (err) {
    const e = toPipelineError(err);
    ctx.steps.push({
      kind: 'local-generate',
      tier: 'local',
      ok: false,
      ms: now(ctx) - t0,
      error: e,
      chars: text.length,
      note: text ? 'failed mid-stream' : undefined,
    });
    throw new PatternError('local_failed', `the local model failed: ${e.message}`, 'local', err);
  }
}

function escapeRe(v: string): string {
  return v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Redacts a text the router did not plan (a local draft, say): every value the conversation's
 * vault knows, the name parts of known email addresses ("jonas.berg@..." -> "Jonas", "Berg"),
 * then a fresh scan (the full detector when given, else the pattern stage).
 */
export async function redactWithVault(
  text: string,
  vault: Vault,
  threshold: number,
  detectFull?: (text: string) => Promise<Entity[]>,
): Promise<string> {
  let out = text;
  for (const e of vault.entries()) {
    if (e.value.trim().length < 2) continue;
    out = out.replace(new RegExp(escapeRe(e.value), 'gi'), e.placeholder);
    if (e.type !== 'EMAIL') continue;
    const local = e.value.split('@')[0] ?? '';
    for (const part of local.split(/[._+-]+/)) {
      if (part.length < 3 || /\d/.test(part)) continue;
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(part)}(?![\\p{L}\\p{N}])`, 'giu');
      out = out.replace(re, (m) => vault.placeholderFor('PERSON', m));
    }
  }
  const ents = detectFull ? await detectFull(out) : detectPatterns(out, { threshold });
  return redact(out, ents, vault).text;
}

/**
 * One cloud call: every message re-scanned first (fail closed), the sent text recorded, the answer
 * streamed through placeholder restoration when `stream` is set.
 */
export async function runCloud(
  ctx: PatternContext,
  tier: CloudTier,
  planned: ChatMessage[],
  stream: boolean,
): Promise<RestoredAnswer> {
  let messages: ChatMessage[];
  try {
    messages = checkOutgoing(ctx, planned);
  } catch (err) {
    const e = toPipelineError(err);
    redactionFailed(ctx, e, 'the re-scan found something: nothing was sent');
    throw new PatternError('pii_remaining', e.message, 'redact', err);
  }
  const sent = sentText(messages);
  const t0 = now(ctx);
  const restorer = new StreamRestorer(ctx.vault, stream ? (d) => ctx.emit(d, true) : () => {});
  try {
    const r = await ctx.cloud(tier, messages, (d) => restorer.push(d), ctx.signal);
    const answer = restorer.finish();
    ctx.steps.push({
      kind: 'cloud-call',
      tier,
      sent,
      ok: true,
      ms: now(ctx) - t0,
      chars: r.text.length,
    });
    if (answer.unknown.length) {
      ctx.steps.push({
        kind: 'restore',
        tier: 'local',
        ok: false,
        ms: 0,
        note: `the answer used placeholders this conversation never had: ${answer.unknown.join(', ')} (left as they are)`,
      });
    }
    return answer;
  } catch (err) {
    const e: PipelineError = toPipelineError(err);
    // A refusal by the proxy itself forwarded nothing: "what left this device" must not list it.
    const refused = PROXY_REFUSALS.has(e.code);
    ctx.steps.push({
      kind: 'cloud-call',
      tier,
      ...(refused ? {} : { sent }),
      ok: false,
      ms: now(ctx) - t0,
      error: e,
      ...(refused ? { note: 'refused by this server: nothing was forwarded' } : {}),
    });
    throw new PatternError(e.code, `the ${tier} tier failed: ${e.message}`, 'cloud', err);
  }
}

/**
 * Error codes with which the proxy refuses a request before forwarding anything (server/proxy.ts):
 * after these, nothing left for a cloud provider.
 */
export const PROXY_REFUSALS: ReadonlySet<string> = new Set([
  'override_not_allowed',
  'invalid_override',
  'pii_detected',
  'rescan_failed',
  'unauthorized',
  'origin_not_allowed',
  'tier_not_configured',
  'rate_limiter_unavailable',
  'unsupported_media_type',
  'body_too_large',
  'invalid_json',
  'invalid_request',
]);

/** Records a redaction or re-scan that stopped the request (nothing was sent). */
function redactionFailed(ctx: PatternContext, error: PipelineError, note?: string): void {
  ctx.steps.push({
    kind: 'redact',
    tier: 'local',
    ok: false,
    ms: 0,
    error,
    ...(note ? { note } : {}),
  });
}

/**
 * The last check before text leaves: the proxy's own re-scan (`scanForwarded`, the same detector
 * and threshold, every message alone and all joined) on exactly the messages to be sent. A finding
 * is redacted again rather than sent for the proxy to refuse: the messages returned are what the
 * proxy accepts. Our placeholder instruction is fixed and never redacted; the user's custom
 * instructions are checked and redacted like any other message. Under the user's confirmed
 * override only secrets are checked (keys and tokens never leave, whatever the user confirms).
 */
function checkOutgoing(ctx: PatternContext, messages: ChatMessage[]): ChatMessage[] {
  const texts = messages.map((m) => m.content);
  const threshold = forwardedThreshold(ctx.detectionThreshold, ctx.proxyThreshold);
  if (ctx.unredacted) {
    const v = scanForwarded(texts, detectPatterns, threshold);
    if (v.verdict === 'failed')
      throw Object.assign(new Error(v.message), { code: 'detector_failed' });
    if (v.verdict === 'blocked' && v.types.includes('SECRET')) {
      throw new PiiRemainingError({
        code: 'pii_remaining',
        message: 'secrets are never sent, even when the user confirms sending unredacted text',
        types: ['SECRET'],
      });
    }
    return messages;
  }
  const fixed = new Set(
    messages.flatMap((m, i) =>
      m.role === 'system' && m.content === PLACEHOLDER_SYSTEM ? [i] : [],
    ),
  );
  const r = cleanForwarded(texts, ctx.vault, { detect: detectPatterns, threshold, fixed });
  if (!r.ok) {
    throw new PiiRemainingError({
      code: 'pii_remaining',
      message: r.error.message,
      types: (r.error.types ?? []) as EntityType[],
    });
  }
  if (r.added.length) {
    ctx.steps.push({
      kind: 'redact',
      tier: 'local',
      ok: true,
      ms: 0,
      note: `the re-scan before sending found ${r.added.length} more value(s): replaced by placeholders`,
    });
  }
  return messages.map((m, i) => ({ ...m, content: r.texts[i] ?? m.content }));
}

/** The messages to send, redacted as the decision planned (re-scanned in runCloud). */
function outgoing(ctx: PatternContext): ChatMessage[] {
  const layout = layoutOf(ctx);
  if (ctx.unredacted) {
    ctx.steps.push({
      kind: 'redact',
      tier: 'local',
      ok: true,
      ms: 0,
      note: 'not redacted: the user confirmed sending it as it is',
    });
    return layout.messages.map((m) => ({ ...m }));
  }
  const r = prepareOutgoingMessages(
    layout,
    ctx.decision,
    ctx.vault,
    ctx.detectionThreshold,
    ctx.proxyThreshold,
  );
  if (!r.ok) {
    redactionFailed(ctx, { code: r.code, message: r.message });
    throw new PatternError('pii_remaining', r.message, 'redact');
  }
  ctx.steps.push({
    kind: 'redact',
    tier: 'local',
    ok: true,
    ms: 0,
    note: `${r.placeholders.length} value(s) replaced by placeholders`,
  });
  return r.messages;
}

function cloudTier(ctx: PatternContext): CloudTier {
  const t = ctx.decision.tier;
  if (t === 'local')
    throw new PatternError('no_cloud_tier', 'this decision has no cloud tier', 'cloud');
  return t;
}

/** Our placeholder instruction first, when the conversation has placeholders. */
const withInstruction = (messages: ChatMessage[], placeholders: boolean): ChatMessage[] =>
  placeholders ? [{ role: 'system', content: PLACEHOLDER_SYSTEM }, ...messages] : messages;

/** The messages with the last one (the new user message) rewritten as a task about it. */
function asTask(messages: ChatMessage[], task: (last: string) => string): ChatMessage[] {
  const last = messages[messages.length - 1];
  if (!last) return messages;
  return [...messages.slice(0, -1), { ...last, content: task(last.content) }];
}

async function localPattern(ctx: PatternContext): Promise<PatternOutcome> {
  const text = await runLocal(ctx, localMessages(ctx), true);
  return { text, answeredBy: 'local', unknownPlaceholders: [] };
}

async function sanitizeAndSolve(ctx: PatternContext): Promise<PatternOutcome> {
  const tier = cloudTier(ctx);
  const out = outgoing(ctx);
  const r = await runCloud(ctx, tier, withInstruction(out, ctx.vault.size > 0), true);
  return { text: r.text, raw: r.raw, answeredBy: tier, unknownPlaceholders: r.unknown };
}

async function escalateOnHard(ctx: PatternContext): Promise<PatternOutcome> {
  let answer: string | undefined;
  let why = '';
  try {
    answer = await runLocal(ctx, localMessages(ctx), true);
  } catch (err) {
    why = err instanceof PatternError ? err.message : 'the local model failed';
  }
  if (answer !== undefined && ctx.local) {
    const t0 = now(ctx);
    const j = await ctx.local
      .judge('answer-confidence', `Question: ${ctx.text}\n\nAnswer: ${answer}`, ctx.signal)
      .catch((err: unknown) => ({
        kind: 'answer-confidence' as const,
        unknown: true as const,
        reason: toPipelineError(err).message,
      }));
    if ('unknown' in j || j.kind !== 'answer-confidence') {
      ctx.steps.push({
        kind: 'judge',
        tier: 'local',
        ok: false,
        ms: now(ctx) - t0,
        note: `no confidence judgement (${'reason' in j ? j.reason : 'unknown'}): the local answer stands`,
      });
      return { text: answer, answeredBy: 'local', unknownPlaceholders: [], escalated: false };
    }
    const low = j.confidence < ctx.escalateBelow;
    ctx.steps.push({
      kind: 'judge',
      tier: 'local',
      ok: true,
      ms: now(ctx) - t0,
      note: `local confidence ${j.confidence.toFixed(2)}${low ? ` < ${ctx.escalateBelow}: escalating` : ''}`,
    });
    if (!low)
      return { text: answer, answeredBy: 'local', unknownPlaceholders: [], escalated: false };
    why = `the local answer's confidence was ${j.confidence.toFixed(2)}`;
  }
  ctx.reset();
  ctx.steps.push({ kind: 'fallback', tier: 'local', ok: true, ms: 0, note: `escalated: ${why}` });
  const r = await sanitizeAndSolve(ctx);
  return { ...r, escalated: true };
}

async function draftThenRefine(ctx: PatternContext): Promise<PatternOutcome> {
  const tier = cloudTier(ctx);
  const out = outgoing(ctx);
  let draft: string;
  try {
    draft = await runLocal(ctx, localMessages(ctx), false);
  } catch {
    ctx.steps.push({
      kind: 'fallback',
      tier: 'local',
      ok: true,
      ms: 0,
      note: 'no local draft: the cloud answers the redacted request directly',
    });
    return sanitizeAndSolve(ctx);
  }
  let redactedDraft: string;
  try {
    redactedDraft = await redactWithVault(draft, ctx.vault, ctx.detectionThreshold, ctx.detectFull);
  } catch (err) {
    const e = toPipelineError(err);
    redactionFailed(ctx, e, 'could not check the local draft: nothing was sent');
    throw new PatternError('detector_failed', e.message, 'redact', err);
  }
  const prompt = asTask(
    out,
    (request) =>
      `Improve the draft answer to the request below: make it clearer, correct and complete. Reply with the improved answer only.\n\nRequest:\n${request}\n\nDraft:\n${redactedDraft}`,
  );
  const r = await runCloud(ctx, tier, withInstruction(prompt, true), true);
  return { text: r.text, raw: r.raw, answeredBy: tier, unknownPlaceholders: r.unknown };
}

async function planThenGround(ctx: PatternContext): Promise<PatternOutcome> {
  const tier = cloudTier(ctx);
  const out = outgoing(ctx);
  let plan = '';
  try {
    const r = await runCloud(
      ctx,
      tier,
      withInstruction(
        asTask(
          out,
          (request) =>
            `Write a short numbered plan for answering the request below. Do not answer it yourself.\n\n${request}`,
        ),
        true,
      ),
      false,
    );
    plan = restore(r.raw, ctx.vault).text;
  } catch (err) {
    if (!(err instanceof PatternError) || err.stage !== 'cloud') throw err;
    ctx.steps.push({
      kind: 'fallback',
      tier: 'local',
      ok: true,
      ms: 0,
      note: 'no plan from the cloud: answered locally without one',
    });
  }
  const messages = localMessages(ctx);
  const last = messages[messages.length - 1];
  if (plan && last)
    messages[messages.length - 1] = {
      ...last,
      content: `${last.content}\n\nFollow this plan:\n${plan}`,
    };
  const text = await runLocal(ctx, messages, true);
  return { text, answeredBy: 'local', unknownPlaceholders: [] };
}

function agreement(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const A = words(a);
  const B = words(b);
  if (!A.size && !B.size) return 1;
  let both = 0;
  for (const w of A) if (B.has(w)) both++;
  return both / (A.size + B.size - both);
}

async function crossCheck(ctx: PatternContext): Promise<PatternOutcome> {
  const tier = cloudTier(ctx);
  const out = outgoing(ctx);
  const [l, c] = await Promise.allSettled([
    runLocal(ctx, localMessages(ctx), false),
    runCloud(ctx, tier, withInstruction(out, ctx.vault.size > 0), true),
  ]);
  if (c.status === 'rejected' && l.status === 'rejected') throw c.reason;
  if (c.status === 'rejected') {
    ctx.steps.push({
      kind: 'fallback',
      tier: 'local',
      ok: true,
      ms: 0,
      note: 'the cloud failed: only the local answer is shown',
    });
    if (l.status === 'fulfilled') ctx.emit(l.value);
    return {
      text: l.status === 'fulfilled' ? l.value : '',
      answeredBy: 'local',
      unknownPlaceholders: [],
    };
  }
  if (l.status === 'rejected') {
    ctx.steps.push({
      kind: 'fallback',
      tier: 'local',
      ok: true,
      ms: 0,
      note: 'the local model failed: nothing to compare with',
    });
    return {
      text: c.value.text,
      raw: c.value.raw,
      answeredBy: tier,
      unknownPlaceholders: c.value.unknown,
    };
  }
  const score = agreement(l.value, c.value.text);
  const disagree = score < 0.3;
  return {
    text: c.value.text,
    raw: c.value.raw,
    answeredBy: tier,
    unknownPlaceholders: c.value.unknown,
    crossCheck: {
      local: l.value,
      cloud: c.value.text,
      agreement: Math.round(score * 100) / 100,
      disagree,
    },
  };
}

export const PATTERN_RUNNERS: Partial<
  Record<PatternName, (ctx: PatternContext) => Promise<PatternOutcome>>
> = {
  local: localPattern,
  cloud: sanitizeAndSolve,
  'sanitize-and-solve': sanitizeAndSolve,
  'escalate-on-hard': escalateOnHard,
  'draft-then-refine': draftThenRefine,
  'plan-then-ground': planThenGround,
  'cross-check': crossCheck,
};

export { localPattern as answerLocally };

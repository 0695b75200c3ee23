/** A tiny in-test LocalModel and the wiring of an Orchestrator against the real stub upstream. */
import type {
  GenerateRequest,
  GenerateResult,
  JudgeKind,
  Judgement,
  ModelStatus,
} from '../../core/local-model/api';
import {
  parsePiiOpinion,
  type PiiOpinion,
  type PiiValue,
} from '../../core/local-model/pii-opinion';
import type { Entity } from '../../core/pii';
import type { Policy } from '../../core/policy';
import { createCloudClient } from '../cloud-client';
import { memoryPorts } from '../memory-ports';
import { Orchestrator } from '../orchestrator';
import type { Ports } from '../ports';
import type { LocalEngine } from '../patterns';

export interface FakeLocalOptions {
  reply?: string | ((req: GenerateRequest) => string);
  /** Throw after this many tokens. */
  failAfterTokens?: number;
  confidence?: number | 'unknown';
  sensitivity?: Judgement;
  ready?: boolean;
  /** The sensitivity judgement takes this long (the orchestrator gives up after judgeTimeoutMs). */
  judgeDelayMs?: number;
  /** The PII second opinion: the raw answer (default `{"values":[]}`) and how long it takes. */
  opinion?: { raw?: string; values?: PiiValue[]; delayMs?: number };
  /** The speed status() reports (default 50 tokens/s). */
  decodeTokensPerSecond?: number;
}

export class FakeLocal implements LocalEngine {
  readonly requests: GenerateRequest[] = [];
  readonly judged: { kind: JudgeKind; text: string }[] = [];
  readonly asked: string[] = [];
  constructor(public options: FakeLocalOptions = {}) {}

  async generate(req: GenerateRequest, onToken: (d: string) => void): Promise<GenerateResult> {
    this.requests.push(structuredClone(req));
    const r = this.options.reply ?? 'Local answer from the fake model.';
    const text = typeof r === 'function' ? r(req) : r;
    const tokens = text.match(/\S+\s*/g) ?? [text];
    let out = '';
    for (const [i, t] of tokens.entries()) {
      if (this.options.failAfterTokens !== undefined && i >= this.options.failAfterTokens) {
        throw Object.assign(new Error('device lost'), { code: 'device_lost' });
      }
      await Promise.resolve();
      out += t;
      onToken(t);
    }
    return {
      text: out,
      finishReason: 'stop',
      usage: { promptTokens: 5, completionTokens: tokens.length },
      decodeTokensPerSecond: 50,
      firstTokenMs: 1,
    };
  }

  async judge(kind: JudgeKind, text: string): Promise<Judgement> {
    this.judged.push({ kind, text });
    if (this.options.judgeDelayMs)
      await new Promise((r) => setTimeout(r, this.options.judgeDelayMs));
    if (kind === 'sensitivity')
      return this.options.sensitivity ?? { kind, unknown: true, reason: 'not configured' };
    if (kind === 'answer-confidence') {
      const c = this.options.confidence ?? 0.9;
      return c === 'unknown'
        ? { kind, unknown: true, reason: 'unparsable' }
        : { kind, confidence: c };
    }
    return { kind, unknown: true, reason: 'not configured' };
  }

  async findPersonalValues(text: string, signal?: AbortSignal): Promise<PiiOpinion> {
    this.asked.push(text);
    const o = this.options.opinion ?? {};
    if (o.delayMs) {
      const aborted = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), o.delayMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          resolve(true);
        });
      });
      if (aborted) return { ok: false, reason: 'cancelled', message: 'cancelled' };
    }
    return parsePiiOpinion(o.raw ?? JSON.stringify({ values: o.values ?? [] }));
  }

  async status(): Promise<ModelStatus> {
    return this.options.ready === false
      ? { state: 'idle' }
      : {
          state: 'ready',
          modelId: 'fake',
          lastDecodeTokensPerSecond: this.options.decodeTokensPerSecond ?? 50,
          engine: 'web-llm',
        };
  }
}

export interface Setup {
  baseUrl: string;
  local?: FakeLocal;
  online?: boolean;
  proxyUp?: boolean;
  private?: boolean;
  policy?: Policy;
  idleTimeoutMs?: number;
  fetchHealth?: () => Promise<unknown>;
  now?: () => number;
  /** The detector's model stage (the chat passes the analysis worker's). */
  ner?: (text: string) => Promise<Entity[]>;
}

export function makeOrchestrator<P extends Ports = ReturnType<typeof memoryPorts>>(
  s: Setup & { ports?: P },
) {
  const ports = (s.ports ?? memoryPorts()) as P;
  const orch = new Orchestrator({
    ports,
    cloud: createCloudClient({ baseUrl: s.baseUrl, idleTimeoutMs: s.idleTimeoutMs ?? 2_000 }),
    local: s.local,
    fetchHealth:
      s.fetchHealth ??
      (async () => {
        if (s.proxyUp === false) throw new TypeError('fetch failed');
        return {
          ok: true,
          version: 't',
          cloud: { configured: true },
          tiers: {
            frontier: { configured: true, reachable: true },
            private: { configured: s.private ?? false, reachable: s.private ?? null },
          },
        };
      }),
    isOnline: () => s.online ?? true,
    ...(s.policy ? { policy: s.policy } : {}),
    resilience: {
      maxAttempts: 3,
      initialDelayMs: 5,
      maxDelayMs: 20,
      maxRetryAfterMs: 50,
      breakerThreshold: 3,
      halfOpenAfterMs: 60_000,
      timeoutMs: 5_000,
      random: () => 0.5,
    },
    judgeTimeoutMs: 500,
    ...(s.now ? { now: s.now } : {}),
    ...(s.ner ? { ner: s.ner } : {}),
  });
  return { orch, ports };
}

/** Collects the streamed answer the way the chat UI would. */
export function collector() {
  let text = '';
  let resets = 0;
  let placeholders = false;
  return {
    callbacks: {
      onToken: (d: string, withPlaceholders: boolean) => {
        text += d;
        placeholders ||= withPlaceholders;
      },
      onReset: () => {
        text = '';
        placeholders = false;
        resets++;
      },
    },
    get text() {
      return text;
    },
    /** Whether what streamed is a cloud answer as written, placeholders not filled in. */
    get placeholders() {
      return placeholders;
    },
    get resets() {
      return resets;
    },
  };
}

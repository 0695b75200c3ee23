/**
 * Chrome's built-in model (Gemini Nano, through the Prompt API's `LanguageModel`) as a local
 * engine: no download of our own, no WebGPU needed. It runs on the page (the API is an async
 * browser service; the inference happens in Chrome's own process) and answers the same calls as
 * the web-llm worker: generate, judge and the PII second opinion, the last two with
 * `responseConstraint` (a JSON schema).
 *
 * Every call uses a fresh session (system prompt and earlier turns as `initialPrompts`) that is
 * destroyed afterwards: a session remembers everything it was given, and Hearth's requests are
 * independent. Limits are handled plainly: languages (probed with `availability()`), the context
 * window (measured before prompting; the oldest turns are dropped to fit, a single message that
 * does not fit is refused with `context_overflow`), and a Permissions-Policy that forbids
 * `language-model` (reported as the reason it is unavailable).
 */
import type {
  BuiltinInfo,
  GenerateRequest,
  GenerateResult,
  JudgeKind,
  Judgement,
  LoadProgress,
  ModelStatus,
} from '../../core/local-model/api';
import { makeError, type LocalModelError } from '../../core/local-model/errors';
import {
  JUDGE_SCHEMAS,
  JUDGE_TIMEOUT_MS,
  judgeMessages,
  parseJudgement,
  unknownJudgement,
} from '../../core/local-model/judge';
import {
  PII_OPINION_SCHEMA,
  PII_OPINION_TIMEOUT_MS,
  parsePiiOpinion,
  piiOpinionMessages,
  type PiiOpinion,
} from '../../core/local-model/pii-opinion';
import type {
  LanguageModelCreateCoreOptions,
  LanguageModelMessage,
  LanguageModelSession,
  LanguageModelStatic,
} from './language-model-api';

/** The id the Models view and the remembered choice use for Chrome's model. */
export const BUILTIN_MODEL_ID = 'chrome-built-in';

export type { BuiltinInfo };

export interface ChromeBuiltinDeps {
  /** The `LanguageModel` interface object, if the browser has one. */
  api: () => LanguageModelStatic | undefined;
  /** The user's languages (navigator.languages). */
  preferredLanguages?: () => readonly string[];
  /** Whether the Permissions-Policy allows `language-model` here; undefined when unknown. */
  policyAllows?: () => boolean | undefined;
  now?: () => number;
  judgeTimeoutMs?: number;
  opinionTimeoutMs?: number;
}

/** Languages asked about besides the user's own: those Chrome documents for Gemini Nano. */
const DOCUMENTED_LANGUAGES = ['en', 'es', 'ja', 'de', 'fr'];

const baseTag = (tag: string) => tag.toLowerCase().split('-')[0] ?? tag;

function domName(err: unknown): string {
  return err && typeof err === 'object' && 'name' in err ? String(err.name) : '';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** DOMExceptions of the Prompt API -> the errors the UI explains. */
export function builtinError(err: unknown): LocalModelError {
  if (err && typeof err === 'object' && 'code' in err && 'hint' in err)
    return err as LocalModelError;
  switch (domName(err)) {
    case 'AbortError':
      return makeError('aborted', 'Cancelled.');
    case 'NotAllowedError':
      return makeError(
        'not_allowed',
        `Chrome did not allow this page to use its built-in model (${messageOf(err)}).`,
      );
    case 'QuotaExceededError':
      return makeError(
        'context_overflow',
        "The text is too long for Chrome's built-in model's context window.",
      );
    case 'NotSupportedError':
      return makeError(
        'language_unsupported',
        `Chrome's built-in model does not support this request (${messageOf(err)}).`,
      );
    case 'NetworkError':
      return makeError('network_lost', 'Chrome could not download its built-in model.');
    default:
      return makeError('unknown', `Chrome's built-in model failed: ${messageOf(err)}`);
  }
}

interface Usage {
  window: number | undefined;
  used: number;
  measure: (input: string) => Promise<number | undefined>;
}

/** Reads whichever generation of names the browser has (see language-model-api.ts). */
function usageOf(s: LanguageModelSession): Usage {
  const measure = s.measureContextUsage ?? s.measureInputUsage;
  return {
    window: s.contextWindow ?? s.inputQuota,
    used: s.contextUsage ?? s.inputUsage ?? 0,
    measure: async (input) => (measure ? measure.call(s, input) : undefined),
  };
}

type Structured = { raw: string } | { failed: 'timeout' | 'failed' | 'cancelled'; why: string };

export class ChromeBuiltinModel {
  private state: ModelStatus = { state: 'idle' };
  private lastTps: number | undefined;
  private languages: Promise<string[]> | undefined;
  private contextWindow: number | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: ChromeBuiltinDeps) {
    this.now = deps.now ?? (() => performance.now());
  }

  /** Languages the model accepts among the user's and the documented ones (probed once). */
  private supportedLanguages(api: LanguageModelStatic): Promise<string[]> {
    this.languages ??= (async () => {
      const wanted = [
        ...new Set(
          ['en', ...(this.deps.preferredLanguages?.() ?? []), ...DOCUMENTED_LANGUAGES].map(baseTag),
        ),
      ];
      const ok = await Promise.all(
        wanted.map(async (l) => {
          const text = [{ type: 'text' as const, languages: [l] }];
          const a = await api
            .availability({ expectedInputs: text, expectedOutputs: text })
            .catch(() => 'unavailable' as const);
          return a === 'unavailable' ? undefined : l;
        }),
      );
      return ok.filter((l): l is string => l !== undefined);
    })();
    return this.languages;
  }

  /** The expected languages of every session: the user's supported ones, answering in the first. */
  private async sessionLanguages(
    api: LanguageModelStatic,
  ): Promise<LanguageModelCreateCoreOptions> {
    const supported = await this.supportedLanguages(api);
    const mine = (this.deps.preferredLanguages?.() ?? [])
      .map(baseTag)
      .filter((l) => supported.includes(l));
    const inputs = [...new Set([...mine, ...(supported.includes('en') ? ['en'] : [])])];
    if (!inputs.length) return {};
    return {
      expectedInputs: [{ type: 'text', languages: inputs }],
      expectedOutputs: [{ type: 'text', languages: [inputs[0] as string] }],
    };
  }

  async info(): Promise<BuiltinInfo> {
    const api = this.deps.api();
    if (!api) {
      return {
        availability: 'unsupported',
        reason:
          'this browser has no Prompt API (Chrome 148 or later on a desktop has one, with Gemini Nano)',
        languages: [],
      };
    }
    if (this.deps.policyAllows?.() === false) {
      return {
        availability: 'unavailable',
        reason: "the server's Permissions-Policy does not allow language-model for this site",
        languages: [],
      };
    }
    const en = [{ type: 'text' as const, languages: ['en'] }];
    const availability = await api
      .availability({ expectedInputs: en, expectedOutputs: en })
      .catch(() => 'unavailable' as const);
    const languages = availability === 'unavailable' ? [] : await this.supportedLanguages(api);
    return {
      availability,
      ...(availability === 'unavailable'
        ? {
            reason:
              "the browser says its model cannot run here (Chromium builds such as Debian's ship without it; Chrome needs 22 GB of free disk space and a GPU with more than 4 GB of memory, or 16 GB of RAM and 4 CPU cores)",
          }
        : {}),
      languages,
      ...(this.contextWindow !== undefined ? { contextWindow: this.contextWindow } : {}),
    };
  }

  private ready(): boolean {
    return this.state.state === 'ready';
  }

  async status(): Promise<ModelStatus> {
    if (this.state.state === 'ready')
      return { ...this.state, lastDecodeTokensPerSecond: this.lastTps, engine: 'chrome-built-in' };
    return this.state;
  }

  /**
   * Makes the model ready: creates a session, which starts Chrome's download when the model is
   * only "downloadable" (call it from a click: Chrome needs user activation for that), with
   * `monitor` progress.
   */
  async load(onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    const api = this.deps.api();
    // Asked first so that a browser without the model (Debian's Chromium, a device Chrome
    // turns down, a forbidding Permissions-Policy) says so, not what create() happens to throw.
    const info = api ? await this.info() : undefined;
    if (
      !api ||
      !info ||
      info.availability === 'unavailable' ||
      info.availability === 'unsupported'
    ) {
      throw makeError(
        'builtin_unavailable',
        `Chrome's built-in model cannot run in this browser: ${info?.reason ?? 'it has no Prompt API'}.`,
      );
    }
    const t0 = this.now();
    const progress = (fraction: number): LoadProgress => {
      const elapsed = (this.now() - t0) / 1000;
      return {
        fraction,
        loadedBytes: undefined,
        totalBytes: undefined,
        etaSeconds:
          fraction > 0.02 && fraction < 1
            ? Math.round((elapsed / fraction) * (1 - fraction))
            : undefined,
        text: fraction < 1 ? 'Chrome is downloading its built-in model' : 'Ready',
      };
    };
    this.state = {
      state: 'loading',
      modelId: BUILTIN_MODEL_ID,
      progress: progress(0),
      engine: 'chrome-built-in',
    };
    let session: LanguageModelSession;
    try {
      const langs = await this.sessionLanguages(api);
      session = await api.create({
        ...langs,
        ...(signal ? { signal } : {}),
        monitor: (m) =>
          m.addEventListener('downloadprogress', (e) => {
            // `loaded` is a fraction in current Chrome; early versions sent bytes with `total`.
            const fraction = e.total && e.total > 1 ? e.loaded / e.total : e.loaded;
            const p = progress(Math.min(1, Math.max(0, fraction)));
            if (this.state.state === 'loading') this.state = { ...this.state, progress: p };
            try {
              onProgress(p);
            } catch {
              // the view went away; the download goes on
            }
          }),
      });
    } catch (err) {
      const error = builtinError(err);
      this.state =
        error.code === 'aborted'
          ? { state: 'idle' }
          : {
              state: 'error',
              modelId: BUILTIN_MODEL_ID,
              error: { code: error.code, message: error.message },
            };
      throw error;
    }
    this.contextWindow = usageOf(session).window;
    session.destroy();
    this.state = {
      state: 'ready',
      modelId: BUILTIN_MODEL_ID,
      lastDecodeTokensPerSecond: this.lastTps,
    };
  }

  async unload(): Promise<void> {
    this.state = { state: 'idle' };
  }

  /**
   * A session holding the system prompt and as many of the latest earlier turns as fit with the
   * new message. Throws context_overflow when the new message alone does not fit.
   */
  private async fit(
    api: LanguageModelStatic,
    system: LanguageModelMessage | undefined,
    history: LanguageModelMessage[],
    prompt: string,
    signal: AbortSignal | undefined,
  ): Promise<LanguageModelSession> {
    const langs = await this.sessionLanguages(api);
    for (let drop = 0; ; drop = Math.min(history.length, Math.max(1, drop * 2))) {
      const kept = history.slice(drop);
      let session: LanguageModelSession | undefined;
      try {
        session = await api.create({
          ...langs,
          initialPrompts: [...(system ? [system] : []), ...kept],
          ...(signal ? { signal } : {}),
        });
        const u = usageOf(session);
        const need = await u.measure(prompt);
        if (u.window === undefined || need === undefined || u.used + need <= u.window)
          return session;
        session.destroy();
        if (!kept.length) {
          throw makeError(
            'context_overflow',
            `The message is too long for Chrome's built-in model: about ${need} tokens, it takes at most ${u.window - u.used}.`,
          );
        }
      } catch (err) {
        const e = builtinError(err);
        if (e.code !== 'context_overflow' || !kept.length) throw e;
        // initial prompts too large: fewer earlier turns
      }
      if (drop >= history.length)
        throw makeError(
          'context_overflow',
          "The conversation is too long for Chrome's built-in model.",
        );
    }
  }

  async generate(
    request: GenerateRequest,
    onToken: (delta: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult> {
    const api = this.deps.api();
    if (!api || !this.ready()) throw makeError('model_not_loaded', 'No local model is loaded.');
    const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
    const system = messages[0]?.role === 'system' ? messages.shift() : undefined;
    const last = messages.pop();
    if (!last) throw makeError('unknown', 'There is nothing to answer.');
    const t0 = this.now();
    let session: LanguageModelSession | undefined;
    let text = '';
    let pieces = 0;
    let first: number | undefined;
    let finish: GenerateResult['finishReason'] = 'stop';
    try {
      session = await this.fit(api, system, messages, last.content, signal);
      const overflow = () => (finish = 'length');
      session.addEventListener('contextoverflow', overflow);
      session.addEventListener('quotaoverflow', overflow);
      const reader = session.promptStreaming(last.content, signal ? { signal } : {}).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (!value) continue;
          first ??= this.now();
          pieces += 1;
          text += value;
          onToken(value);
          if (request.maxTokens !== undefined && pieces >= request.maxTokens) {
            finish = 'length';
            await reader.cancel();
            break;
          }
        }
      } catch (err) {
        const e = builtinError(err);
        if (e.code === 'aborted') finish = 'abort';
        else if (e.code === 'context_overflow') finish = 'length';
        else throw e;
      }
    } catch (err) {
      throw builtinError(err);
    } finally {
      session?.destroy();
    }
    const end = this.now();
    const decodeSeconds = first !== undefined ? (end - first) / 1000 : 0;
    // Chrome streams a token or a few per piece: pieces stand in for tokens.
    const tps = decodeSeconds > 0 ? Math.max(0, pieces - 1) / decodeSeconds : 0;
    if (pieces > 1) this.lastTps = tps;
    return {
      text,
      finishReason: finish,
      usage: { promptTokens: 0, completionTokens: pieces },
      decodeTokensPerSecond: tps,
      firstTokenMs: (first ?? end) - t0,
    };
  }

  /** One answer under a JSON schema, in a fresh session, within `ms`. */
  private async structured(
    messages: readonly LanguageModelMessage[],
    schema: object,
    ms: number,
    signal: AbortSignal | undefined,
  ): Promise<Structured | { failed: 'no_model'; why: string }> {
    const api = this.deps.api();
    if (!api || !this.ready()) return { failed: 'no_model', why: 'no local model is loaded' };
    const [system, user] = messages;
    if (!user) return { failed: 'failed', why: 'nothing to ask' };
    const ctl = new AbortController();
    const onAbort = () => ctl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, ms);
    let session: LanguageModelSession | undefined;
    try {
      session = await this.fit(
        api,
        system?.role === 'system' ? system : undefined,
        [],
        user.content,
        ctl.signal,
      );
      const raw = await session.prompt(user.content, {
        responseConstraint: schema,
        signal: ctl.signal,
      });
      return { raw };
    } catch (err) {
      if (timedOut) return { failed: 'timeout', why: 'the local model took too long' };
      const e = builtinError(err);
      if (e.code === 'aborted') return { failed: 'cancelled', why: 'cancelled' };
      return { failed: 'failed', why: `the local model failed: ${e.message}` };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      session?.destroy();
    }
  }

  async judge(kind: JudgeKind, text: string, signal?: AbortSignal): Promise<Judgement> {
    const r = await this.structured(
      judgeMessages(kind, text),
      JUDGE_SCHEMAS[kind],
      this.deps.judgeTimeoutMs ?? JUDGE_TIMEOUT_MS,
      signal,
    );
    return 'raw' in r ? parseJudgement(kind, r.raw) : unknownJudgement(kind, r.why);
  }

  async findPersonalValues(text: string, signal?: AbortSignal): Promise<PiiOpinion> {
    const r = await this.structured(
      piiOpinionMessages(text),
      PII_OPINION_SCHEMA,
      this.deps.opinionTimeoutMs ?? PII_OPINION_TIMEOUT_MS,
      signal,
    );
    return 'raw' in r ? parsePiiOpinion(r.raw) : { ok: false, reason: r.failed, message: r.why };
  }
}

/**
 * FakeLanguageModel: a typed fake of Chrome's documented Prompt API (`LanguageModel`), for the
 * adapter's unit tests and, in the e2e build only, injected as `globalThis.LanguageModel` (see
 * ./hook.ts). Debian's Chromium has no built-in model, so nothing else can exercise the adapter
 * here. It follows the documentation, not Chrome's code: availability states, a download with
 * `downloadprogress` events that needs user activation, language checks, system prompts only
 * first in `initialPrompts`, context accounting with QuotaExceededError and the overflow event,
 * `responseConstraint`, streaming, aborts and `destroy()`.
 */
import type {
  CreateMonitorLike,
  DownloadProgressEventLike,
  LanguageModelAvailability,
  LanguageModelCreateCoreOptions,
  LanguageModelCreateOptions,
  LanguageModelMessage,
  LanguageModelPrompt,
  LanguageModelPromptOptions,
  LanguageModelSession,
  LanguageModelStatic,
} from '../builtin-model/language-model-api';

export interface FakeLanguageModelConfig {
  /** The state before any download. Default 'available'. */
  availability?: LanguageModelAvailability;
  /** Languages it accepts (base tags). Default en, es, ja. */
  languages?: string[];
  /** Download progress events and the time between them. */
  downloadSteps?: number;
  downloadStepDelayMs?: number;
  /** The pieces promptStreaming() (and prompt() without a constraint) answers with. */
  reply?: string[];
  pieceDelayMs?: number;
  /** Raw answers under a responseConstraint, by what the schema asks for. */
  constrained?: {
    sensitivity?: string;
    difficulty?: string;
    'answer-confidence'?: string;
    pii?: string;
  };
  /** Delay of prompt() answers, ms. */
  promptDelayMs?: number;
  /** Context size in tokens (a token is four characters here). Default 4096. */
  contextWindow?: number;
  /** Which names it exposes: the current spec's ('context') or Chrome 138-147's ('input'). */
  names?: 'context' | 'input';
  /** The page's Permissions-Policy forbids `language-model`. */
  blockedByPolicy?: boolean;
  /** Whether a download may start without a click (default: a click is needed). */
  userActivation?: () => boolean;
  /** Told when a download finishes (the e2e hook keeps the state across reloads, as Chrome does). */
  onAvailable?: () => void;
}

export interface FakeCall {
  method: 'availability' | 'create' | 'prompt' | 'promptStreaming' | 'measure' | 'destroy';
  input?: unknown;
  options?: unknown;
}

const tokens = (input: LanguageModelPrompt | LanguageModelMessage[] | undefined): number => {
  if (input === undefined) return 0;
  const chars =
    typeof input === 'string' ? input.length : input.reduce((n, m) => n + m.content.length + 4, 0);
  return Math.ceil(chars / 4);
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted)
      return reject(new DOMException('The operation was aborted.', 'AbortError'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      },
      { once: true },
    );
  });

function schemaKind(schema: object): keyof NonNullable<FakeLanguageModelConfig['constrained']> {
  const props = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  if ('values' in props) return 'pii';
  if ('level' in props) return 'sensitivity';
  if ('difficulty' in props) return 'difficulty';
  return 'answer-confidence';
}

const base = (tag: string) => tag.toLowerCase().split('-')[0] ?? tag;

class FakeSession extends EventTarget implements LanguageModelSession {
  private used: number;
  private destroyed = false;

  constructor(
    private readonly owner: FakeLanguageModel,
    /** Tokens the initial prompts take (they count towards the context, as documented). */
    initial: number,
  ) {
    super();
    this.used = initial;
    if (owner.config.names === 'input') {
      Object.defineProperty(this, 'inputQuota', { get: () => this.window });
      Object.defineProperty(this, 'inputUsage', { get: () => this.used });
      Object.defineProperty(this, 'measureInputUsage', { value: this.measure.bind(this) });
    } else {
      Object.defineProperty(this, 'contextWindow', { get: () => this.window });
      Object.defineProperty(this, 'contextUsage', { get: () => this.used });
      Object.defineProperty(this, 'measureContextUsage', { value: this.measure.bind(this) });
    }
  }

  private get window(): number {
    return this.owner.config.contextWindow ?? 4096;
  }

  private async measure(input: LanguageModelPrompt): Promise<number> {
    this.owner.calls.push({ method: 'measure', input });
    this.alive();
    return tokens(input);
  }

  private alive(): void {
    if (this.destroyed) throw new DOMException('The session was destroyed.', 'InvalidStateError');
  }

  /** Adds input to the context; over the window: the overflow event and QuotaExceededError. */
  private take(input: LanguageModelPrompt): void {
    if (typeof input !== 'string' && input.some((m) => m.role === 'system')) {
      throw new DOMException('A system prompt is only allowed first.', 'NotSupportedError');
    }
    const need = tokens(input);
    if (this.used + need > this.window) {
      this.dispatchEvent(
        new Event(this.owner.config.names === 'input' ? 'quotaoverflow' : 'contextoverflow'),
      );
      throw new DOMException(
        `The input is too large: ${need} tokens requested, ${this.window - this.used} left.`,
        'QuotaExceededError',
      );
    }
    this.used += need;
  }

  async prompt(input: LanguageModelPrompt, options: LanguageModelPromptOptions = {}) {
    this.owner.calls.push({ method: 'prompt', input, options });
    this.alive();
    this.take(input);
    await sleep(this.owner.config.promptDelayMs ?? 0, options.signal);
    const c = this.owner.config;
    const answer = options.responseConstraint
      ? (c.constrained?.[schemaKind(options.responseConstraint)] ?? '{}')
      : (c.reply ?? ['Hello from the fake built-in model.']).join('');
    this.used += tokens(answer);
    return answer;
  }

  promptStreaming(input: LanguageModelPrompt, options: LanguageModelPromptOptions = {}) {
    this.owner.calls.push({ method: 'promptStreaming', input, options });
    this.alive();
    this.take(input);
    const pieces = [...(this.owner.config.reply ?? ['Hello', ' from', ' Chrome', '.'])];
    const delay = this.owner.config.pieceDelayMs ?? 10;
    return new ReadableStream<string>({
      pull: async (controller) => {
        const next = pieces.shift();
        if (next === undefined) return controller.close();
        await sleep(delay, options.signal);
        this.used += tokens(next);
        controller.enqueue(next);
      },
    });
  }

  destroy(): void {
    this.owner.calls.push({ method: 'destroy' });
    this.destroyed = true;
  }
}

/** The fake `LanguageModel`: its static methods, plus knobs for tests. */
export class FakeLanguageModel implements LanguageModelStatic {
  readonly calls: FakeCall[] = [];
  private state: LanguageModelAvailability;

  constructor(public config: FakeLanguageModelConfig = {}) {
    this.state = config.availability ?? 'available';
  }

  private supports(options: LanguageModelCreateCoreOptions = {}): boolean {
    const accepted = new Set((this.config.languages ?? ['en', 'es', 'ja']).map(base));
    const asked = [...(options.expectedInputs ?? []), ...(options.expectedOutputs ?? [])].flatMap(
      (e) => e.languages ?? [],
    );
    return asked.every((l) => accepted.has(base(l)));
  }

  async availability(options?: LanguageModelCreateCoreOptions): Promise<LanguageModelAvailability> {
    this.calls.push({ method: 'availability', options });
    if (this.config.blockedByPolicy || !this.supports(options)) return 'unavailable';
    return this.state;
  }

  async create(options: LanguageModelCreateOptions = {}): Promise<LanguageModelSession> {
    this.calls.push({ method: 'create', options: { ...options, monitor: undefined } });
    if (this.config.blockedByPolicy) {
      throw new DOMException(
        'Access to the language model is disallowed by permissions policy.',
        'NotAllowedError',
      );
    }
    if (this.state === 'unavailable' || !this.supports(options)) {
      throw new DOMException('The requested options are not supported.', 'NotSupportedError');
    }
    const prompts = options.initialPrompts ?? [];
    if (prompts.some((m, i) => m.role === 'system' && i > 0)) {
      throw new TypeError('A system prompt must come first.');
    }
    if (this.state !== 'available') {
      const activated = this.config.userActivation?.() ?? false;
      if (this.state === 'downloadable' && !activated) {
        throw new DOMException(
          'Requires a user gesture when availability is "downloadable".',
          'NotAllowedError',
        );
      }
      await this.download(options.monitor, options.signal);
    }
    const need = tokens(prompts);
    if (need > (this.config.contextWindow ?? 4096)) {
      throw new DOMException('The initial prompts are too large.', 'QuotaExceededError');
    }
    return new FakeSession(this, need);
  }

  private async download(
    monitor: LanguageModelCreateOptions['monitor'],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const target = new EventTarget();
    monitor?.(target as CreateMonitorLike);
    this.state = 'downloading';
    const steps = this.config.downloadSteps ?? 4;
    try {
      for (let i = 0; i <= steps; i++) {
        const e = Object.assign(new Event('downloadprogress'), {
          loaded: steps === 0 ? 1 : i / steps,
        }) as DownloadProgressEventLike;
        target.dispatchEvent(e);
        if (i < steps) await sleep(this.config.downloadStepDelayMs ?? 50, signal);
      }
    } catch (err) {
      this.state = 'downloadable';
      throw err;
    }
    this.state = 'available';
    this.config.onAvailable?.();
  }
}

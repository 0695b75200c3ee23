/**
 * The parts of Chrome's Prompt API (`LanguageModel`, Chrome 148+ on desktop) that Hearth uses,
 * typed from the documentation (MDN "Using the Prompt API", the Web Machine Learning group's
 * Prompt API explainer and Chrome's "The Prompt API" guide). Types only.
 *
 * Two generations of names exist: Chrome 138-147 (and extensions) report `inputQuota`,
 * `inputUsage`, `measureInputUsage()` and a `quotaoverflow` event; the current specification
 * names them `contextWindow`, `contextUsage`, `measureContextUsage()` and `contextoverflow`.
 * Both are optional here and the adapter reads whichever the browser has.
 */

/** Whether the model can be used with the given options right now. */
export type LanguageModelAvailability =
  'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface LanguageModelExpected {
  type: 'text';
  /** BCP 47 language tags ("en", "es", "ja"). */
  languages?: string[];
}

export interface LanguageModelMessage {
  /** "system" only in `initialPrompts`, and only first: prompt() rejects it with NotSupportedError. */
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** `downloadprogress`: `loaded` is the fraction 0..1 (early versions sent bytes plus `total`). */
export interface DownloadProgressEventLike extends Event {
  readonly loaded: number;
  readonly total?: number;
}

/** What `monitor` receives: an EventTarget firing `downloadprogress`. */
export interface CreateMonitorLike {
  addEventListener(
    type: 'downloadprogress',
    listener: (e: DownloadProgressEventLike) => void,
  ): void;
}

export interface LanguageModelCreateCoreOptions {
  expectedInputs?: LanguageModelExpected[];
  expectedOutputs?: LanguageModelExpected[];
}

export interface LanguageModelCreateOptions extends LanguageModelCreateCoreOptions {
  initialPrompts?: LanguageModelMessage[];
  monitor?: (monitor: CreateMonitorLike) => void;
  signal?: AbortSignal;
}

export interface LanguageModelPromptOptions {
  /** A JSON schema (or RegExp) the answer must follow. */
  responseConstraint?: object;
  /** Do not add the schema to the prompt's input (it still constrains the answer). */
  omitResponseConstraintInput?: boolean;
  signal?: AbortSignal;
}

export type LanguageModelPrompt = string | LanguageModelMessage[];

/** A session. Every prompt() and promptStreaming() adds its input and answer to the context. */
export interface LanguageModelSession extends EventTarget {
  prompt(input: LanguageModelPrompt, options?: LanguageModelPromptOptions): Promise<string>;
  /** A stream of the answer's pieces as they are generated. */
  promptStreaming(
    input: LanguageModelPrompt,
    options?: LanguageModelPromptOptions,
  ): ReadableStream<string>;
  measureContextUsage?(
    input: LanguageModelPrompt,
    options?: LanguageModelPromptOptions,
  ): Promise<number>;
  readonly contextUsage?: number;
  readonly contextWindow?: number;
  /** Chrome 138-147 names. */
  measureInputUsage?(
    input: LanguageModelPrompt,
    options?: LanguageModelPromptOptions,
  ): Promise<number>;
  readonly inputUsage?: number;
  readonly inputQuota?: number;
  destroy(): void;
}

/** The `LanguageModel` interface object (its static methods). */
export interface LanguageModelStatic {
  availability(options?: LanguageModelCreateCoreOptions): Promise<LanguageModelAvailability>;
  /**
   * Needs transient user activation (a click) while the model is only "downloadable"; rejects
   * with NotAllowedError without one, or when the Permissions-Policy `language-model` forbids it.
   */
  create(options?: LanguageModelCreateOptions): Promise<LanguageModelSession>;
}

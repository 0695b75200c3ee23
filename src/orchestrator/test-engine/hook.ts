/**
 * The e2e build's switch for the TestEngine. Tests select and configure it through localStorage
 * before the page loads, or at run time through `window.__hearthTestEngine.configure({...})`:
 *
 *   await page.addInitScript(() =>
 *     localStorage.setItem('hearth:test-engine', JSON.stringify({ tokens: ['Hi', '!'] })));
 *
 * Only imported behind `import.meta.env.MODE === 'e2e'`: never part of the production bundle.
 */
import type { LocalModelManager } from '../../core/local-model/api';
import { workerNer } from '../analysis-client';
import { FakeLanguageModel, type FakeLanguageModelConfig } from './fake-language-model';
import { TestEngine, type TestEngineConfig } from './test-engine';

export const TEST_ENGINE_KEY = 'hearth:test-engine';
/** Selects the fake of Chrome's Prompt API (e2e builds only), with its FakeLanguageModelConfig. */
export const FAKE_LANGUAGE_MODEL_KEY = 'hearth:fake-language-model';

export interface TestEngineHook {
  /** Merge into the running engine's config (and remember it for the next page load). */
  configure(config: TestEngineConfig): void;
  /** Whether the test engine (rather than the real worker) answers on this page. */
  readonly active: boolean;
  /** The page's `getLocalModel()` facade, so tests can drive generate/judge like the router. */
  readonly localModel: LocalModelManager;
  /** The worker's embedded NER model (always the real worker, even with the test engine). */
  /** The embedded NER model as the detector runs it (in the analysis worker). */
  readonly detectNer: typeof workerNer;
}

declare global {
  interface Window {
    __hearthTestEngine?: TestEngineHook;
    /** The fake Prompt API a test injected (e2e builds only), to inspect or change it. */
    __hearthFakeLanguageModel?: FakeLanguageModel;
  }
}

/**
 * Installs FakeLanguageModel as `globalThis.LanguageModel` when a test asked for it (before the
 * page loads), the way Chrome 148+ exposes its built-in model. A download then needs a real
 * click (`navigator.userActivation`), as in Chrome.
 */
export function installFakeLanguageModel(): void {
  let config: FakeLanguageModelConfig | undefined;
  try {
    const raw = localStorage.getItem(FAKE_LANGUAGE_MODEL_KEY);
    config = raw ? (JSON.parse(raw) as FakeLanguageModelConfig) : undefined;
  } catch {
    config = undefined;
  }
  if (!config) return;
  const stored = config;
  const fake = new FakeLanguageModel({
    ...config,
    userActivation: () => navigator.userActivation?.isActive ?? false,
    // Chrome keeps its model once downloaded: so does the fake, across reloads
    onAvailable: () =>
      localStorage.setItem(
        FAKE_LANGUAGE_MODEL_KEY,
        JSON.stringify({ ...stored, availability: 'available' }),
      ),
  });
  (globalThis as { LanguageModel?: unknown }).LanguageModel = fake;
  window.__hearthFakeLanguageModel = fake;
}

/** Returns the TestEngine when a test selected it, else undefined (the real worker runs). */
export function installTestEngineHook(localModel: LocalModelManager): TestEngine | undefined {
  let config: TestEngineConfig | undefined;
  try {
    const raw = localStorage.getItem(TEST_ENGINE_KEY);
    config = raw ? (JSON.parse(raw) as TestEngineConfig) : undefined;
  } catch {
    config = undefined;
  }
  const engine = config ? new TestEngine(config) : undefined;
  window.__hearthTestEngine = {
    active: engine !== undefined,
    localModel,
    detectNer: workerNer,
    configure(next) {
      const merged = { ...config, ...next };
      localStorage.setItem(TEST_ENGINE_KEY, JSON.stringify(merged));
      engine?.configure(next);
    },
  };
  return engine;
}

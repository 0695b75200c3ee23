/**
 * The page's local model as one LocalModelManager over two engines: web-llm in the worker (or,
 * in e2e builds, the test engine in its place) and Chrome's built-in model. The user picks a
 * web-llm model or "Built into Chrome" in the Models view; the engine that loaded last answers,
 * the other is stopped, and the choice is remembered in localStorage. On the next visit the
 * choice is restored when that needs no download (a cached web-llm model, or Chrome's model
 * already available), so nothing large is fetched without a click.
 *
 * The orchestrator does not care which engine answers: status() names it (`engine`) for the
 * audit log and the Models view.
 */
import type {
  EngineKind,
  LoadProgress,
  LocalModelManager,
  ModelStatus,
  SelfHostedConfig,
} from '../core/local-model/api';
import type { PiiOpinion } from '../core/local-model/pii-opinion';
import {
  BUILTIN_MODEL_ID,
  type BuiltinInfo,
  type ChromeBuiltinModel,
} from './builtin-model/chrome-builtin-model';
import { LocalModelFailure } from './local-model-failure';

export const CHOICE_KEY = 'hearth:local-model-choice';

/** What the user chose last: an engine and, for web-llm, the model. */
export interface LocalModelChoice {
  engine: 'web-llm' | 'chrome-built-in';
  modelId: string;
}

export type GpuEngine = LocalModelManager & { engine: EngineKind };

/** The facade's extra surface for the Models view. */
export interface LocalModels extends LocalModelManager {
  /** Which engine sits on the web-llm side: 'web-llm', or 'test-engine' in e2e tests. */
  engineKind(): Promise<EngineKind>;
  /** Chrome's built-in model on this device: availability, languages, context window. */
  builtin(): Promise<BuiltinInfo>;
  /** The remembered choice, if any. */
  choice(): LocalModelChoice | undefined;
}

function readChoice(storage: Storage | undefined): LocalModelChoice | undefined {
  try {
    const raw = storage?.getItem(CHOICE_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<LocalModelChoice>) : undefined;
    if (
      v &&
      (v.engine === 'web-llm' || v.engine === 'chrome-built-in') &&
      typeof v.modelId === 'string'
    )
      return { engine: v.engine, modelId: v.modelId };
  } catch {
    // unreadable: as if nothing was chosen
  }
  return undefined;
}

export class LocalEngines implements LocalModels {
  private active: 'gpu' | 'builtin' = 'gpu';
  private restored = false;

  constructor(
    private readonly deps: {
      /** Resolves once the web-llm side is chosen (the e2e build may select the test engine). */
      gpu: Promise<GpuEngine>;
      builtin: Promise<ChromeBuiltinModel>;
      storage?: Storage | undefined;
    },
  ) {}

  async engineKind(): Promise<EngineKind> {
    return (await this.deps.gpu).engine;
  }

  choice(): LocalModelChoice | undefined {
    return readChoice(this.deps.storage);
  }

  private remember(choice: LocalModelChoice | undefined): void {
    try {
      if (choice) this.deps.storage?.setItem(CHOICE_KEY, JSON.stringify(choice));
      else this.deps.storage?.removeItem(CHOICE_KEY);
    } catch {
      // storage full or blocked: the choice holds for this page only
    }
  }

  async builtin(): Promise<BuiltinInfo> {
    return (await this.deps.builtin).info();
  }

  /**
   * Loads the remembered choice once per page when that needs no download. Runs in the
   * background from the first status() call; failures leave the user to choose again.
   */
  private restore(): void {
    if (this.restored) return;
    this.restored = true;
    const choice = this.choice();
    if (!choice) return;
    void (async () => {
      if (choice.engine === 'chrome-built-in') {
        if ((await this.builtin()).availability !== 'available') return;
      } else {
        const gpu = await this.deps.gpu;
        if ((await gpu.status()).state === 'ready') return;
        const model = (await gpu.listModels()).find((m) => m.id === choice.modelId);
        if (!model?.cached || !model.fits) return;
      }
      await this.load(choice.modelId, () => undefined);
    })().catch(() => undefined);
  }

  async load(
    modelId: string,
    onProgress: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    this.restored = true; // an explicit choice wins over a restore still to come
    if (modelId === BUILTIN_MODEL_ID) {
      const builtin = await this.deps.builtin;
      try {
        await builtin.load(onProgress, signal);
      } catch (err) {
        throw LocalModelFailure.from(err);
      }
      this.active = 'builtin';
      this.remember({ engine: 'chrome-built-in', modelId });
      // free the GPU memory the web-llm model held
      const gpu = await this.deps.gpu;
      if ((await gpu.status().catch(() => undefined))?.state === 'ready')
        await gpu.unload().catch(() => undefined);
      return;
    }
    const gpu = await this.deps.gpu;
    await gpu.load(modelId, onProgress, signal);
    this.active = 'gpu';
    this.remember({ engine: 'web-llm', modelId });
    await (await this.deps.builtin).unload();
  }

  async unload(): Promise<void> {
    this.remember(undefined);
    if (this.active === 'builtin') {
      await (await this.deps.builtin).unload();
      this.active = 'gpu';
      return;
    }
    await (await this.deps.gpu).unload();
  }

  async status(): Promise<ModelStatus> {
    this.restore();
    if (this.active === 'builtin') return (await this.deps.builtin).status();
    const gpu = await this.deps.gpu;
    const s = await gpu.status();
    return s.state === 'ready' || s.state === 'loading' ? { ...s, engine: gpu.engine } : s;
  }

  private async answering() {
    return this.active === 'builtin' ? this.deps.builtin : this.deps.gpu;
  }

  generate: LocalModelManager['generate'] = async (request, onToken, signal) => {
    const engine = await this.answering();
    try {
      return await engine.generate(request, onToken, signal);
    } catch (err) {
      throw LocalModelFailure.from(err);
    }
  };

  judge: LocalModelManager['judge'] = async (kind, text, signal) =>
    (await this.answering()).judge(kind, text, signal);

  findPersonalValues = async (text: string, signal?: AbortSignal): Promise<PiiOpinion> =>
    (await this.answering()).findPersonalValues(text, signal);

  capabilities = async () => (await this.deps.gpu).capabilities();
  listModels = async () => (await this.deps.gpu).listModels();
  deleteCached = async (id: string) => (await this.deps.gpu).deleteCached(id);
  storage = async () => (await this.deps.gpu).storage();
  persistStorage = async () => (await this.deps.gpu).persistStorage();
  setSelfHosted = async (c: SelfHostedConfig) => (await this.deps.gpu).setSelfHosted(c);
}

/**
 * The one place that imports web-llm, dynamically, so its ~6 MB chunk is fetched only when the
 * worker first lists or loads a model (never with the worker's first message, never in the page).
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import type { CatalogRecord } from '../src/core/local-model/catalog';
import type { AppConfigLike, EngineLike, WebLlmLike } from './web-llm-model';

export async function loadWebLlm(): Promise<WebLlmLike> {
  const web = await import('@mlc-ai/web-llm');
  const asConfig = (c: AppConfigLike) => c as unknown as AppConfig;
  return {
    createEngine: (appConfig) =>
      new web.MLCEngine({ appConfig: asConfig(appConfig) }) as unknown as EngineLike,
    prebuiltModels: web.prebuiltAppConfig.model_list as unknown as CatalogRecord[],
    hasModelInCache: (modelId, appConfig) => web.hasModelInCache(modelId, asConfig(appConfig)),
    deleteModelAllInfoInCache: (modelId, appConfig) =>
      web.deleteModelAllInfoInCache(modelId, asConfig(appConfig)),
  };
}

/**
 * The Models view's state: device probe, catalog and loaded-model status through
 * TanStack Query, plus the one download in progress (with its AbortController) in React state.
 * Everything goes through the orchestrator's `getLocalModel()` facade; the page never touches
 * web-llm.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { LoadProgress, SelfHostedConfig } from '../../core/local-model/api';
import type { BoundaryError } from '../../core/local-model/worker-api';
import {
  getLocalModel,
  readSelfHostedConfig,
  toBoundaryError,
} from '../../orchestrator/local-model-client';
import { BUILTIN_MODEL_ID } from '../../orchestrator/builtin-model/chrome-builtin-model';
import { storageKeys } from './db/useStorageHealth';

export const modelKeys = {
  all: ['local-model'] as const,
  capabilities: ['local-model', 'capabilities'] as const,
  catalog: ['local-model', 'catalog'] as const,
  status: ['local-model', 'status'] as const,
  engine: ['local-model', 'engine'] as const,
  builtin: ['local-model', 'builtin'] as const,
};

export interface Download {
  modelId: string;
  progress: LoadProgress | undefined;
}

export interface ModelActionError extends BoundaryError {
  modelId: string | undefined;
}

export function useLocalModel() {
  const model = getLocalModel();
  const client = useQueryClient();
  const controller = useRef<AbortController | undefined>(undefined);
  const [download, setDownload] = useState<Download | undefined>();
  const [error, setError] = useState<ModelActionError | undefined>();

  const capabilities = useQuery({
    queryKey: modelKeys.capabilities,
    queryFn: () => model.capabilities(),
    retry: false,
    staleTime: Infinity,
  });
  const webgpu = capabilities.data?.webgpu === 'available';
  const catalog = useQuery({
    queryKey: modelKeys.catalog,
    queryFn: () => model.listModels(),
    enabled: webgpu,
    retry: false,
    refetchOnMount: 'always',
  });
  const status = useQuery({
    queryKey: modelKeys.status,
    queryFn: () => model.status(),
    enabled: capabilities.isSuccess,
    retry: false,
    // Answers happen elsewhere (chat, router): keep the speed of the last one current.
    refetchOnMount: 'always',
    refetchInterval: 5000,
  });
  const engine = useQuery({
    queryKey: modelKeys.engine,
    queryFn: () => model.engineKind(),
    staleTime: Infinity,
  });
  // Chrome's built-in model: its availability changes while Chrome downloads it.
  const builtin = useQuery({
    queryKey: modelKeys.builtin,
    queryFn: () => model.builtin(),
    retry: false,
    refetchOnMount: 'always',
    refetchInterval: (q) => (q.state.data?.availability === 'downloading' ? 2000 : false),
  });

  const refresh = useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: modelKeys.catalog }),
      client.invalidateQueries({ queryKey: modelKeys.status }),
      // downloads and deletions change this origin's storage (the views' one storage query)
      client.invalidateQueries({ queryKey: storageKeys.health }),
      client.invalidateQueries({ queryKey: modelKeys.builtin }),
    ]);
  }, [client]);

  const load = useCallback(
    async (modelId: string) => {
      controller.current?.abort();
      const ctrl = new AbortController();
      controller.current = ctrl;
      setError(undefined);
      setDownload({ modelId, progress: undefined });
      try {
        // Before a web-llm download: a model is large and should survive storage pressure.
        // Chrome's built-in model is stored by Chrome, and its download must start right from
        // the click (user activation), so nothing is awaited before it.
        if (modelId !== BUILTIN_MODEL_ID) await model.persistStorage();
        await model.load(modelId, (progress) => setDownload({ modelId, progress }), ctrl.signal);
      } catch (err) {
        const e = toBoundaryError(err);
        if (e.code !== 'aborted') setError({ ...e, modelId });
      } finally {
        if (controller.current === ctrl) controller.current = undefined;
        setDownload(undefined);
        await refresh();
      }
    },
    [model, refresh],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  const remove = useCallback(
    async (modelId: string) => {
      setError(undefined);
      try {
        await model.deleteCached(modelId);
      } catch (err) {
        setError({ ...toBoundaryError(err), modelId });
      }
      await refresh();
    },
    [model, refresh],
  );

  const unload = useCallback(async () => {
    await model
      .unload()
      .catch((err: unknown) => setError({ ...toBoundaryError(err), modelId: undefined }));
    await refresh();
  }, [model, refresh]);

  const saveSelfHosted = useCallback(
    async (config: SelfHostedConfig) => {
      await model.setSelfHosted(config);
      await refresh();
    },
    [model, refresh],
  );

  const persist = useCallback(async () => {
    await model.persistStorage();
    await client.invalidateQueries({ queryKey: storageKeys.health });
  }, [model, client]);

  return {
    capabilities,
    catalog,
    status,
    builtin,
    engine: engine.data,
    download,
    error,
    dismissError: () => setError(undefined),
    load,
    cancel,
    remove,
    unload,
    persist,
    saveSelfHosted,
    selfHosted: readSelfHostedConfig,
  };
}

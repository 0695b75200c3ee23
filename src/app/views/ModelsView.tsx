import { describeCapabilities } from '../../core/local-model/capabilities';
import { summarizeDevice } from '../../core/local-model/device-summary';
import { BUILTIN_MODEL_ID } from '../../orchestrator/builtin-model/chrome-builtin-model';
import { toBoundaryError } from '../../orchestrator/local-model-client';
import { BuiltinModel } from '../components/models/BuiltinModel';
import { DeviceSummary } from '../components/models/DeviceSummary';
import { DownloadProgress } from '../components/models/DownloadProgress';
import { LoadedModelStatus } from '../components/models/LoadedModelStatus';
import { ModelCatalog } from '../components/models/ModelCatalog';
import { ModelError } from '../components/models/ModelError';
import { SelfHostedSettings } from '../components/models/SelfHostedSettings';
import { StorageUsage } from '../components/models/StorageUsage';
import { useStorageHealth } from '../hooks/db/useStorageHealth';
import { useLocalModel } from '../hooks/useLocalModel';
import '../components/models/models.css';

export { modelKeys } from '../hooks/useLocalModel';

export function ModelsView() {
  const m = useLocalModel();
  const storage = useStorageHealth();
  const caps = m.capabilities;
  const webgpu = caps.data?.webgpu === 'available';

  return (
    <section aria-labelledby="models-title" className="view">
      <h1 id="models-title">Models</h1>
      <p className="lead">
        The local model runs on this device: either Chrome&apos;s built-in model, or a model from
        the catalog on this device&apos;s GPU inside a background worker. This page shows what the
        device can run, both choices with what they cost, the model in use and what is stored where.
      </p>
      {m.engine === 'test-engine' && (
        <p className="banner" data-testid="test-engine-banner">
          Test build: the deterministic test engine answers instead of a real model.
        </p>
      )}
      <h2>This device</h2>
      <div aria-live="polite" data-testid="gpu-capabilities">
        {caps.isPending && <p>Checking this device&apos;s GPU…</p>}
        {caps.isError && (
          <p role="alert" className="error">
            Local inference is unavailable: {toBoundaryError(caps.error).message}. Detection,
            routing and the rest of Hearth still work.
          </p>
        )}
        {caps.isSuccess && <CapabilitySummary {...describeCapabilities(caps.data)} />}
      </div>
      <DeviceSummary
        engines={summarizeDevice({
          caps: caps.data,
          ...(caps.isError ? { capsError: toBoundaryError(caps.error).message } : {}),
          builtin: m.builtin.data,
          recommended: m.catalog.data?.find((x) => x.recommended && x.fits),
          status: m.status.data,
        })}
      />

      <h2>Model in use</h2>
      <div data-testid="model-status" aria-live="polite">
        <LoadedModelStatus status={m.status.data} failureAlerted={m.error !== undefined} />
      </div>
      {m.download && <DownloadProgress download={m.download} onCancel={m.cancel} />}
      {m.error && <ModelError error={m.error} onDismiss={m.dismissError} />}

      <BuiltinModel
        info={m.builtin.data}
        error={m.builtin.isError ? toBoundaryError(m.builtin.error).message : undefined}
        status={m.status.data}
        busy={m.download !== undefined}
        onUse={() => void m.load(BUILTIN_MODEL_ID)}
        onStop={() => void m.unload()}
      />

      {webgpu && (
        <>
          <h2>Catalog: models for this device&apos;s GPU (web-llm)</h2>
          {m.catalog.isPending && <p>Loading the model catalog…</p>}
          {m.catalog.isError && (
            <p role="alert" className="error">
              The model catalog could not be loaded: {toBoundaryError(m.catalog.error).message}
            </p>
          )}
          {m.catalog.isSuccess && (
            <ModelCatalog
              models={m.catalog.data}
              status={m.status.data}
              busy={m.download !== undefined}
              onLoad={(id) => void m.load(id)}
              onDelete={(id) => void m.remove(id)}
              onUnload={() => void m.unload()}
            />
          )}
        </>
      )}

      <h2>Storage</h2>
      <StorageUsage info={storage.data} onPersist={() => void m.persist()} />
      <SelfHostedSettings initial={m.selfHosted()} onSave={m.saveSelfHosted} />
    </section>
  );
}

function CapabilitySummary({ headline, details }: { headline: string; details: string[] }) {
  return (
    <>
      <p className="headline">{headline}</p>
      <ul>
        {details.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </>
  );
}

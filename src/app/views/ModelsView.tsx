import { useQuery } from '@tanstack/react-query';
import { describeCapabilities, type GpuCapabilities } from '../../core/local-model/capabilities';
import { callLocalModel, toBoundaryError } from '../../orchestrator/local-model-client';

export const modelKeys = { capabilities: ['local-model', 'capabilities'] as const };

export function ModelsView() {
  const caps = useQuery({
    queryKey: modelKeys.capabilities,
    queryFn: () => callLocalModel<GpuCapabilities>((m) => m.capabilities()),
    retry: false,
    staleTime: Infinity,
  });

  return (
    <section aria-labelledby="models-title" className="view">
      <h1 id="models-title">Models</h1>
      <p className="lead">
        The local model runs on this device&apos;s GPU, inside a background worker. This page shows
        what the device can run, the model catalog with download sizes, and the model in use.
      </p>
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

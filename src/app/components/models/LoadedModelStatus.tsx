import type { ModelStatus } from '../../../core/local-model/api';

/** One line on the model in use, and the speed of its last answer. */
export function LoadedModelStatus({ status }: { status: ModelStatus | undefined }) {
  if (!status) return <p>Checking the local model…</p>;
  switch (status.state) {
    case 'unavailable':
      return <p>No local model can run here: {status.reason}.</p>;
    case 'idle':
      return <p>No local model is loaded. Choose one below.</p>;
    case 'loading':
      return <p>Loading {status.modelId}…</p>;
    case 'ready':
      return (
        <p>
          In use: <strong>{status.modelId}</strong>.{' '}
          {status.lastDecodeTokensPerSecond !== undefined
            ? `Last answer: ${status.lastDecodeTokensPerSecond.toFixed(1)} tokens per second.`
            : 'No answer generated yet.'}
        </p>
      );
    case 'error':
      return (
        <p>
          The last attempt{status.modelId ? ` to load ${status.modelId}` : ''} failed:{' '}
          {status.error.message}
        </p>
      );
  }
}

import type { EngineKind, ModelStatus } from '../../../core/local-model/api';

const ENGINE_NAMES: Record<EngineKind, string> = {
  'web-llm': 'web-llm, on this device’s GPU',
  'chrome-built-in': 'Chrome’s built-in model',
  'test-engine': 'the test engine',
};

/**
 * One line on the model in use, and the speed of its last answer. A failed load is said here only
 * when no alert next to it says it already (`failureAlerted`): once, not once per component.
 */
export function LoadedModelStatus({
  status,
  failureAlerted = false,
}: {
  status: ModelStatus | undefined;
  failureAlerted?: boolean;
}) {
  if (!status) return <p>Checking the local model…</p>;
  switch (status.state) {
    case 'unavailable':
      return <p>No web-llm model can run here: {status.reason}.</p>;
    case 'idle':
      return <p>No local model is loaded. Choose one below.</p>;
    case 'loading':
      return <p>Loading {status.modelId}…</p>;
    case 'ready':
      return (
        <p>
          In use: <strong>{status.modelId}</strong>
          {status.engine ? ` (${ENGINE_NAMES[status.engine]})` : ''}.{' '}
          {status.lastDecodeTokensPerSecond !== undefined
            ? `Last answer: ${status.lastDecodeTokensPerSecond.toFixed(1)} tokens per second.`
            : 'No answer generated yet.'}
        </p>
      );
    case 'error':
      if (failureAlerted) return <p>No local model is loaded.</p>;
      return (
        <p>
          The last attempt{status.modelId ? ` to load ${status.modelId}` : ''} failed:{' '}
          {status.error.message}
        </p>
      );
  }
}

import type { ModelActionError } from '../../hooks/useLocalModel';

/** A failed model action: what happened and what to do, in plain words. The app stays usable. */
export function ModelError({ error, onDismiss }: { error: ModelActionError; onDismiss(): void }) {
  return (
    <div role="alert" className="error" data-testid="model-error" data-code={error.code}>
      <p>
        <strong>{error.message}</strong>
      </p>
      {error.hint && <p>{error.hint}</p>}
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

import type { BuiltinInfo, ModelStatus } from '../../../core/local-model/api';
import { BUILTIN_MODEL_ID } from '../../../orchestrator/builtin-model/chrome-builtin-model';

/**
 * Chrome's built-in model as a choice next to the web-llm catalog: its state on this device, the
 * languages it accepts, and the one button that fits the state. The download is Chrome's, and
 * Chrome starts it only from a click (user activation).
 */
export function BuiltinModel({
  info,
  error,
  status,
  busy,
  onUse,
  onStop,
}: {
  info: BuiltinInfo | undefined;
  error: string | undefined;
  status: ModelStatus | undefined;
  busy: boolean;
  onUse(): void;
  onStop(): void;
}) {
  const inUse = status?.state === 'ready' && status.modelId === BUILTIN_MODEL_ID;
  return (
    <section
      aria-labelledby="builtin-title"
      data-testid="builtin-model"
      data-state={info?.availability}
    >
      <h2 id="builtin-title">Built into Chrome (no download)</h2>
      {error && <p className="error">Chrome's built-in model could not be checked: {error}</p>}
      {!info && !error && <p>Checking Chrome's built-in model…</p>}
      {info && <p data-testid="builtin-state">{stateLine(info)}</p>}
      {info && info.languages.length > 0 && (
        <p>
          It accepts {names(info.languages)}; messages in other languages may be refused or answered
          poorly.
          {info.contextWindow !== undefined &&
            ` Each request may hold about ${info.contextWindow.toLocaleString('en')} tokens; longer conversations are cut to the latest turns.`}
        </p>
      )}
      {info &&
        (info.availability === 'available' ||
          info.availability === 'downloadable' ||
          info.availability === 'downloading') && (
          <p className="actions">
            {inUse ? (
              <>
                <span>In use</span>{' '}
                <button type="button" onClick={onStop}>
                  Stop using
                </button>
              </>
            ) : (
              <button type="button" className="primary" disabled={busy} onClick={onUse}>
                {info.availability === 'available'
                  ? "Use Chrome's built-in model"
                  : "Download and use Chrome's built-in model"}
              </button>
            )}
          </p>
        )}
    </section>
  );
}

function stateLine(info: BuiltinInfo): string {
  switch (info.availability) {
    case 'unsupported':
      return `Not available in this browser: ${info.reason ?? 'no built-in model'}.`;
    case 'unavailable':
      return `Unavailable here: ${info.reason ?? 'Chrome says it cannot run on this device'}.`;
    case 'downloadable':
      return 'Chrome can download its model (Gemini Nano) once for all sites; Hearth downloads nothing. The download starts when you click the button.';
    case 'downloading':
      return 'Chrome is downloading its model. Choose it to follow the progress here.';
    case 'available':
      return 'Ready on this device: no download needed.';
  }
}

function names(tags: readonly string[]): string {
  let display: Intl.DisplayNames | undefined;
  try {
    display = new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    display = undefined;
  }
  return tags.map((t) => display?.of(t) ?? t).join(', ');
}

import type { PreviewResult } from '../../../core/analysis/preview-api';
import { previewLabel } from '../../../core/router/labels';
import { splitSpans } from './placeholders';
import type { LocalCheck, ShownPreview } from './usePreview';

const TYPE_NAMES: Record<string, string> = {
  PERSON: 'name',
  EMAIL: 'email',
  PHONE: 'phone number',
  CREDIT_CARD: 'card number',
  NATIONAL_ID: 'national id',
  IBAN: 'IBAN',
  IP_ADDRESS: 'IP address',
  LOCATION: 'place',
  ADDRESS: 'address',
  DATE: 'date',
  DATE_OF_BIRTH: 'date of birth',
  ORGANIZATION: 'organisation',
  URL: 'URL',
  SECRET: 'secret',
  USERNAME: 'user name',
  ID_NUMBER: 'account number',
};

export function countsText(counts: PreviewResult['counts']): string {
  const parts = Object.entries(counts).map(([type, n]) => {
    const name = TYPE_NAMES[type] ?? type.toLowerCase();
    return `${n} ${name}${n === 1 ? '' : name.endsWith('s') ? 'es' : 's'}`;
  });
  return parts.length ? parts.join(', ') : 'nothing sensitive';
}

/** Under the composer: what was detected (types, counts, highlighted spans) and the route. */
export function LivePreview({
  text,
  preview,
  analysed,
  error,
  onSendUnredacted,
}: {
  text: string;
  preview: ShownPreview | undefined;
  /** The text `preview` was computed for. */
  analysed: string;
  error: string | undefined;
  /** Offered only when the text would leave redacted and is not regulated. */
  onSendUnredacted?: () => void;
}) {
  if (!text.trim()) return null;
  if (error) {
    return (
      <p className="live-preview error" role="status">
        Live preview unavailable ({error}). Your message is still analysed before it is sent.
      </p>
    );
  }
  if (!preview) return <p className="live-preview">Analysing…</p>;
  const route = previewLabel(preview.decision);
  return (
    <section
      className="live-preview"
      aria-label="Live preview"
      data-testid="live-preview"
      data-model-stage={preview.modelStage}
    >
      <p>
        <span data-testid="preview-detected">
          Detected: {countsText(preview.counts)}
          {preview.earlier > 0 &&
            ` (${preview.earlier} in earlier messages or instructions, sent along)`}
        </span>
        {' · '}
        <span data-testid="preview-route">
          Would be answered: <strong>{route}</strong>
        </span>{' '}
        <span className="muted">(sensitivity: {preview.decision.sensitivity})</span>
      </p>
      {preview.modelStage === 'pending' && (
        <p className="muted" data-testid="preview-names-pending">
          Names are still being checked (the name detector is loading), so this may change. Nothing
          is sent before the check has run.
        </p>
      )}
      {preview.modelStage === 'failed' && (
        <p className="muted" data-testid="preview-names-failed">
          The name detector could not run: names are not checked, and nothing leaves this device
          until they can be.
        </p>
      )}
      {preview.decision.redacts && preview.decision.tier !== 'local' && onSendUnredacted && (
        <p>
          {preview.decision.sensitivity === 'regulated' ? (
            <span className="muted">Regulated data is never sent unredacted.</span>
          ) : (
            <button type="button" onClick={onSendUnredacted}>
              Skip redaction…
            </button>
          )}
        </p>
      )}
      {preview.localCheck && <LocalCheckLine check={preview.localCheck} />}
      {preview.entities.length > 0 && (
        <p className="preview-text" aria-hidden="true">
          {splitSpans(analysed, markedSpans(preview)).map((run, i) =>
            run.type ? (
              <mark
                key={i}
                className={run.type.startsWith(BY_MODEL) ? 'detected by-model' : 'detected'}
                data-source={run.type.startsWith(BY_MODEL) ? 'local-model' : undefined}
                title={
                  run.type.startsWith(BY_MODEL)
                    ? `${run.type.slice(BY_MODEL.length)}, found by the local model`
                    : run.type
                }
              >
                {run.text}
              </mark>
            ) : (
              <span key={i}>{run.text}</span>
            ),
          )}
        </p>
      )}
    </section>
  );
}

/** A prefix on the span's label for values the local model found (splitSpans carries one label). */
const BY_MODEL = 'local-model:';

function markedSpans(preview: PreviewResult) {
  return preview.entities.map((e) => ({
    start: e.start,
    end: e.end,
    type: e.source === 'local-model' ? `${BY_MODEL}${e.type}` : e.type,
  }));
}

/** What the local model's second opinion did for this text, in one line. */
function LocalCheckLine({ check }: { check: LocalCheck }) {
  let line: string;
  if (check.state === 'asking')
    line = 'Asking the local model whether anything personal was missed…';
  else if (check.state === 'skipped')
    line = [`Local model check skipped: ${check.note}.`, check.judged].filter(Boolean).join(' ');
  else {
    const found =
      check.added > 0
        ? `The local model found ${check.added} more value${check.added === 1 ? '' : 's'} to replace (underlined dots below).`
        : check.facts > 0
          ? 'The local model found facts about a person that keep this on the device.'
          : check.notes.length
            ? 'The local model added nothing.'
            : 'The local model found nothing more.';
    line = [
      found,
      ...check.notes.map((n) => `${n[0]?.toUpperCase() ?? ''}${n.slice(1)}.`),
      ...(check.judged ? [check.judged] : []),
    ].join(' ');
  }
  return (
    <p className="muted" data-testid="preview-local-check" data-state={check.state}>
      {line}
    </p>
  );
}

import { useDeferredValue, useMemo, useState } from 'react';
import type { Policy } from '../../../core/policy';
import { evaluate, healthFromFlags } from '../../../core/router';

/** Runs a sample through analyze + decide with the policy being edited, and shows the decision. */
export function TryIt({ policy }: { policy: Policy }) {
  const [text, setText] = useState(
    'Write a short email to maria.silva@example.com: the review moves to next week.',
  );
  const [flags, setFlags] = useState({ local: true, cloud: true, online: true, private: false });
  const deferred = useDeferredValue(text);
  const result = useMemo(
    () => (deferred.trim() ? evaluate(deferred, policy, healthFromFlags(flags)) : undefined),
    [deferred, policy, flags],
  );
  const toggle = (k: keyof typeof flags) => setFlags({ ...flags, [k]: !flags[k] });

  return (
    <section aria-labelledby="try-title">
      <h2 id="try-title">Try it</h2>
      <label htmlFor="try-text">
        A sample request (analysed on this device only; nothing is sent)
      </label>
      <textarea
        id="try-text"
        className="policy-text"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <fieldset className="policy-flags">
        <legend>Pretend that</legend>
        <label>
          <input type="checkbox" checked={flags.local} onChange={() => toggle('local')} /> a local
          model is loaded
        </label>
        <label>
          <input type="checkbox" checked={flags.cloud} onChange={() => toggle('cloud')} /> the
          frontier cloud answers
        </label>
        <label>
          <input type="checkbox" checked={flags.private} onChange={() => toggle('private')} /> a
          private endpoint is configured
        </label>
        <label>
          <input type="checkbox" checked={flags.online} onChange={() => toggle('online')} /> this
          device is online
        </label>
      </fieldset>
      {result && (
        <div className="policy-decision" data-testid="try-decision" aria-live="polite">
          <p>
            <strong>Route:</strong> {result.decision.route} · <strong>Pattern:</strong>{' '}
            {result.decision.pattern} · <strong>Level:</strong> {result.decision.sensitivity} ·{' '}
            <strong>Difficulty:</strong> {result.decision.difficulty} · <strong>Task:</strong>{' '}
            {result.decision.taskType}
          </p>
          <ol>
            {result.decision.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ol>
          <p>
            <strong>What would leave this device:</strong>
          </p>
          {result.outgoing === null ? (
            <p>Nothing.</p>
          ) : (
            <pre className="policy-outgoing">{result.outgoing}</pre>
          )}
        </div>
      )}
    </section>
  );
}

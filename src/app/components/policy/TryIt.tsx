import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { PreviewResult } from '../../../core/analysis/preview-api';
import type { Policy } from '../../../core/policy';
import { healthFromFlags, type HealthFlags } from '../../../core/router';
import { listConversations, listMessages } from '../../../db';
import { getAppOrchestrator } from '../../../orchestrator';
import { createPreviewer } from '../../../orchestrator/analysis-client';
import { historyOf } from '../chat/chat-runner';

type Flags = Required<HealthFlags>;

/**
 * Runs a sample through the chat's own evaluation (the analysis worker's preview: the same
 * detector stages, evaluateRequest, the same context as Orchestrator.send) with the policy being
 * edited, and shows the decision. Availability starts as this device's own, and a conversation can
 * be continued so its history counts as it would in the chat.
 */
export function TryIt({ policy }: { policy: Policy }) {
  const [text, setText] = useState(
    'Write a short email to maria.silva@example.com: the review moves to next week.',
  );
  const [flags, setFlags] = useState<Flags | undefined>();
  const [conversationId, setConversationId] = useState('');
  const [result, setResult] = useState<PreviewResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const previewer = useMemo(() => createPreviewer(), []);
  const conversations = useLiveQuery(() => listConversations(), []);
  const deferred = useDeferredValue(text);

  useEffect(() => {
    let live = true;
    void getAppOrchestrator()
      .health()
      .then((h) => {
        if (live)
          setFlags(
            (f) =>
              f ?? {
                local: h.local,
                cloud: h.frontier.configured && h.frontier.available,
                private: h.private.configured && h.private.available,
                online: h.online,
              },
          );
      });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!flags || !deferred.trim()) return;
    let live = true;
    const orch = getAppOrchestrator();
    void (async () => {
      const history = conversationId ? historyOf(await listMessages(conversationId)) : [];
      const context = await orch.requestContext(conversationId || undefined, {
        text: deferred,
        history,
      });
      // Only the policy being edited and the availability chosen above differ from the chat's.
      const r = await previewer({ ...context, policy, health: healthFromFlags(flags) });
      if (live && r) {
        setResult(r);
        setError(undefined);
      }
    })().catch((err: unknown) => {
      if (live) setError(err instanceof Error ? err.message : String(err));
    });
    return () => {
      live = false;
    };
  }, [deferred, policy, flags, conversationId, previewer]);

  const toggle = (k: keyof Flags) => flags && setFlags({ ...flags, [k]: !flags[k] });

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
      <label htmlFor="try-conversation">As the next message of</label>{' '}
      <select
        id="try-conversation"
        value={conversationId}
        onChange={(e) => setConversationId(e.target.value)}
      >
        <option value="">a new conversation</option>
        {conversations?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
      {flags && (
        <fieldset className="policy-flags">
          <legend>Availability (as on this device now; change it to try other cases)</legend>
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
      )}
      {error && (
        <p role="alert" className="error">
          Could not analyse the sample: {error}
        </p>
      )}
      {result && deferred.trim() && <TryItDecision result={result} />}
    </section>
  );
}

/** The decision for the sample: route, pattern, level, the reasons and what would leave. */
export function TryItDecision({ result }: { result: PreviewResult }) {
  return (
    <div className="policy-decision" data-testid="try-decision" aria-live="polite">
      <p>
        <strong>Route:</strong> {result.decision.route} · <strong>Pattern:</strong>{' '}
        {result.decision.pattern} · <strong>Level:</strong> {result.decision.sensitivity}
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
  );
}

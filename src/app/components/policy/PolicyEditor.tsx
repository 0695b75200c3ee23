import { useRef, useState } from 'react';
import { exportPolicy, formatIssues, parsePolicy, type Policy } from '../../../core/policy';
import { downloadText, fileStamp } from '../../hooks/db/download';

/** The whole policy as JSON or YAML, validated as you type; import from and export to files. */
export function PolicyEditor({
  policy,
  onApply,
}: {
  policy: Policy;
  onApply: (p: Policy) => void;
}) {
  const [format, setFormat] = useState<'json' | 'yaml'>('yaml');
  const [text, setText] = useState(() => exportPolicy(policy, 'yaml'));
  const [source, setSource] = useState(policy);
  const fileRef = useRef<HTMLInputElement>(null);
  if (source !== policy) {
    // the policy changed elsewhere (profile picker, rules list): show it
    setSource(policy);
    setText(exportPolicy(policy, format));
  }
  const parsed = parsePolicy(text);
  const issues = parsed.ok ? [] : formatIssues(parsed.issues);

  return (
    <section aria-labelledby="editor-title">
      <h2 id="editor-title">Policy document</h2>
      <div className="policy-actions">
        <label>
          Format{' '}
          <select
            value={format}
            onChange={(e) => {
              const f = e.target.value as 'json' | 'yaml';
              setFormat(f);
              if (parsed.ok) setText(exportPolicy(parsed.policy, f));
            }}
          >
            <option value="yaml">YAML</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <button
          type="button"
          disabled={!parsed.ok}
          onClick={() => parsed.ok && onApply(parsed.policy)}
        >
          Apply
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          Import…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,.yaml,.yml,application/json,text/yaml"
          hidden
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (f) setText(await f.text());
            e.target.value = '';
          }}
        />
        <button
          type="button"
          onClick={() =>
            downloadText(
              exportPolicy(policy, 'json'),
              `hearth-policy-${fileStamp()}.json`,
              'application/json',
            )
          }
        >
          Export JSON
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(
              exportPolicy(policy, 'yaml'),
              `hearth-policy-${fileStamp()}.yaml`,
              'text/yaml',
            )
          }
        >
          Export YAML
        </button>
      </div>
      <label className="visually-hidden" htmlFor="policy-text">
        Policy document ({format.toUpperCase()})
      </label>
      <textarea
        id="policy-text"
        className="policy-text"
        spellCheck={false}
        value={text}
        rows={18}
        aria-invalid={!parsed.ok}
        aria-describedby="policy-issues"
        onChange={(e) => setText(e.target.value)}
      />
      <div id="policy-issues" aria-live="polite">
        {parsed.ok ? (
          <p className="policy-ok">Valid policy.</p>
        ) : (
          <ul className="error">
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

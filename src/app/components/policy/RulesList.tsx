import { useState } from 'react';
import {
  PATTERNS,
  ROUTES,
  SENSITIVITY_LEVELS,
  DIFFICULTIES,
  TASK_TYPES,
  type Policy,
  type Rule,
} from '../../../core/policy';

function describeWhen(r: Rule): string {
  const w = r.when;
  const parts: string[] = [];
  if (w.sensitivity) parts.push(`level ${w.sensitivity.join('/')}`);
  if (w.difficulty) parts.push(w.difficulty.join('/'));
  if (w.taskType) parts.push(`task ${w.taskType.join('/')}`);
  if (w.entityTypes) parts.push(`contains ${w.entityTypes.join('/')}`);
  if (w.latency) parts.push(`latency ${w.latency.join('/')}`);
  if (w.profile) parts.push(`profile ${w.profile.join('/')}`);
  return parts.length ? parts.join(', ') : 'always';
}

function MultiSelect<T extends string>(props: {
  label: string;
  options: readonly T[];
  value: T[] | undefined;
  onChange: (v: T[] | undefined) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        multiple
        value={props.value ?? []}
        onChange={(e) => {
          const v = [...e.target.selectedOptions].map((o) => o.value as T);
          props.onChange(v.length ? v : undefined);
        }}
      >
        {props.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}

function RuleForm({
  rule,
  onSave,
  onCancel,
}: {
  rule: Rule;
  onSave: (r: Rule) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Rule>(structuredClone(rule));
  const when = (patch: Partial<Rule['when']>) =>
    setDraft({ ...draft, when: { ...draft.when, ...patch } });
  return (
    <form
      className="policy-rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        const w = Object.fromEntries(Object.entries(draft.when).filter(([, v]) => v !== undefined));
        onSave({ ...draft, when: w });
      }}
    >
      <label>
        Id
        <input
          value={draft.id}
          onChange={(e) => setDraft({ ...draft, id: e.target.value })}
          required
        />
      </label>
      <label>
        Description
        <input
          value={draft.description ?? ''}
          onChange={(e) => setDraft({ ...draft, description: e.target.value || undefined })}
        />
      </label>
      <MultiSelect
        label="Level"
        options={SENSITIVITY_LEVELS}
        value={draft.when.sensitivity}
        onChange={(v) => when({ sensitivity: v })}
      />
      <MultiSelect
        label="Difficulty"
        options={DIFFICULTIES}
        value={draft.when.difficulty}
        onChange={(v) => when({ difficulty: v })}
      />
      <MultiSelect
        label="Task"
        options={TASK_TYPES}
        value={draft.when.taskType}
        onChange={(v) => when({ taskType: v })}
      />
      <label>
        Route
        <select
          value={draft.then.route}
          onChange={(e) =>
            setDraft({
              ...draft,
              then: { ...draft.then, route: e.target.value as Rule['then']['route'] },
            })
          }
        >
          {ROUTES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Pattern
        <select
          value={draft.then.pattern}
          onChange={(e) =>
            setDraft({
              ...draft,
              then: { ...draft.then, pattern: e.target.value as Rule['then']['pattern'] },
            })
          }
        >
          {PATTERNS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <div className="policy-actions">
        <button type="submit">Save rule</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** First-match rules, in order, with edit / move / delete / add. */
export function RulesList({ policy, onChange }: { policy: Policy; onChange: (p: Policy) => void }) {
  const [editing, setEditing] = useState<number | null>(null);
  const setRules = (rules: Rule[]) =>
    onChange({
      ...policy,
      profile: 'custom',
      name: policy.profile === 'custom' ? policy.name : `${policy.name} (edited)`,
      rules,
    });
  const move = (i: number, by: number) => {
    const rules = [...policy.rules];
    const [r] = rules.splice(i, 1);
    if (r) rules.splice(i + by, 0, r);
    setRules(rules);
  };
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Rules (first match wins)</h2>
      <ol className="policy-rules">
        {policy.rules.map((r, i) => (
          <li key={r.id}>
            {editing === i ? (
              <RuleForm
                rule={r}
                onCancel={() => setEditing(null)}
                onSave={(nr) => {
                  setRules(policy.rules.map((x, j) => (j === i ? nr : x)));
                  setEditing(null);
                }}
              />
            ) : (
              <>
                <span className="policy-rule-when">When {describeWhen(r)}</span>{' '}
                <span className="policy-rule-then">
                  → {r.then.route} / {r.then.pattern}
                </span>
                {r.description && <p className="policy-note">{r.description}</p>}
                <div className="policy-actions">
                  <button
                    type="button"
                    onClick={() => setEditing(i)}
                    aria-label={`Edit rule ${r.id}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={`Move rule ${r.id} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={i === policy.rules.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={`Move rule ${r.id} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => setRules(policy.rules.filter((_, j) => j !== i))}
                    aria-label={`Delete rule ${r.id}`}
                  >
                    Delete
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => {
          setRules([
            ...policy.rules,
            {
              id: `rule-${policy.rules.length + 1}-${Date.now() % 10000}`,
              when: {},
              then: { route: 'local', pattern: 'local' },
            },
          ]);
          setEditing(policy.rules.length);
        }}
      >
        Add rule
      </button>
    </section>
  );
}

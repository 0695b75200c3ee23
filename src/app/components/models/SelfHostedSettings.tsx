import { useState, type FormEvent } from 'react';
import type { SelfHostedConfig } from '../../../core/local-model/api';
import { validateSelfHosted } from '../../../core/local-model/catalog';

interface Props {
  initial: SelfHostedConfig | undefined;
  onSave(config: SelfHostedConfig): Promise<void>;
}

/**
 * For administrators: where this office's models are hosted (same origin or another host). One
 * entry here; docs/local-model.md describes the folder layout and how to add several.
 */
export function SelfHostedSettings({ initial, onSave }: Props) {
  const first = initial?.models[0];
  const [baseUrl, setBaseUrl] = useState(initial?.baseUrl ?? '');
  const [id, setId] = useState(first?.id ?? '');
  const [modelUrl, setModelUrl] = useState(first?.modelUrl ?? '');
  const [modelLibUrl, setModelLibUrl] = useState(first?.modelLibUrl ?? '');
  const [only, setOnly] = useState(initial?.onlySelfHosted ?? false);
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const config: SelfHostedConfig = {
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      models: id.trim()
        ? [
            ...(initial?.models.slice(1) ?? []),
            { id: id.trim(), modelUrl: modelUrl.trim(), modelLibUrl: modelLibUrl.trim() },
          ]
        : (initial?.models.slice(1) ?? []),
      onlySelfHosted: only,
    };
    const found = validateSelfHosted(config);
    setProblems(found);
    setSaved(false);
    if (found.length > 0) return;
    await onSave(config);
    setSaved(true);
  }

  return (
    <details data-testid="self-hosted">
      <summary>Self-hosted models (for administrators)</summary>
      <form onSubmit={(e) => void submit(e)} aria-label="Self-hosted models">
        <p>
          Point Hearth at your own model server, for example in an office without internet access.
          The model folder must contain <code>resolve/main/</code> with the model files.
        </p>
        <label>
          Base address{' '}
          <input
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            placeholder="https://models.example.org/"
          />
        </label>
        <label>
          Model name{' '}
          <input
            value={id}
            onChange={(e) => setId(e.target.value)}
            placeholder="Qwen2.5-0.5B-Instruct-q4f32_1-MLC"
          />
        </label>
        <label>
          Model folder{' '}
          <input
            value={modelUrl}
            onChange={(e) => setModelUrl(e.target.value)}
            placeholder="Qwen2.5-0.5B-Instruct-q4f32_1-MLC/"
          />
        </label>
        <label>
          Model library (.wasm){' '}
          <input
            value={modelLibUrl}
            onChange={(e) => setModelLibUrl(e.target.value)}
            placeholder="libs/Qwen2.5-0.5B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm"
          />
        </label>
        <label>
          <input type="checkbox" checked={only} onChange={(e) => setOnly(e.target.checked)} /> Show
          only self-hosted models
        </label>
        <button type="submit">Save</button>
        {problems.length > 0 && (
          <ul role="alert" className="error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {saved && <p role="status">Saved. The catalog now includes your models.</p>}
      </form>
    </details>
  );
}

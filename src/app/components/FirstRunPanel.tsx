import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { ModelInfo } from '../../core/local-model/api';
import { summarizeDevice, type EngineSummary } from '../../core/local-model/device-summary';
import { DEFAULT_POLICY, validatePolicy } from '../../core/policy';
import { getSetting } from '../../db';
import { getLocalModel, toBoundaryError } from '../../orchestrator/local-model-client';
import { useHealth } from '../hooks/useHealth';
import { DeviceSummary } from './models/DeviceSummary';

export interface FirstRunPanelProps {
  /** Called by "Get started" and "Skip introduction"; the parent remembers the dismissal. */
  onDismiss: () => void;
  /** The profile in force; by default the stored policy's (settings key "policy"), else Balanced. */
  profile?: { name: string; description: string };
}

interface ProfileSummary {
  name: string;
  description: string;
}

const DEFAULT_PROFILE: ProfileSummary = {
  name: DEFAULT_POLICY.name,
  description: DEFAULT_POLICY.description ?? '',
};

/** The stored policy's name and description; the default profile when none (or an invalid one). */
async function readProfile(): Promise<ProfileSummary> {
  try {
    const r = validatePolicy(await getSetting('policy'));
    if (r.ok) return { name: r.policy.name, description: r.policy.description ?? '' };
  } catch {
    // Storage unreadable: the orchestrator falls back to the default too.
  }
  return DEFAULT_PROFILE;
}

/** "1.9 GB", "650 MB": decimal units, as download sizes are usually given. */
export function formatDownload(bytes: number): string {
  return bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(1)} GB`
    : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

/** The model to suggest: the catalog's recommended one that fits this device, if any. */
export function suggestModel(models: readonly ModelInfo[]): ModelInfo | undefined {
  return models.find((m) => m.recommended && m.fits) ?? models.find((m) => m.recommended);
}

interface DeviceAdvice {
  engines: EngineSummary[];
  suggested: ModelInfo | undefined;
}

/** What each local engine can do here; every probe may fail on its own (the summary says so). */
async function adviseDevice(): Promise<DeviceAdvice> {
  const local = getLocalModel();
  const [caps, builtin, models, status] = await Promise.all([
    local.capabilities().then(
      (c) => ({ caps: c }),
      (err: unknown) => ({ caps: undefined, capsError: toBoundaryError(err).message }),
    ),
    local.builtin().catch(() => undefined),
    local.listModels().catch(() => [] as ModelInfo[]),
    local.status().catch(() => undefined),
  ]);
  const suggested = suggestModel(models);
  return {
    engines: summarizeDevice({
      ...caps,
      builtin,
      recommended: suggested?.fits ? suggested : undefined,
      status,
    }),
    suggested,
  };
}

/** A short introduction: what stays local, what may leave, the profile, a model for this device. */
export function FirstRunPanel({ onDismiss, profile: profileProp }: FirstRunPanelProps) {
  const health = useHealth();
  const stored = useQuery({
    queryKey: ['first-run', 'profile'],
    queryFn: readProfile,
    enabled: profileProp === undefined,
    staleTime: Infinity,
  });
  const profile = profileProp ?? stored.data ?? DEFAULT_PROFILE;
  const advice = useQuery({
    queryKey: ['first-run', 'device-advice'],
    queryFn: adviseDevice,
    retry: false,
    staleTime: Infinity,
  });
  const localOnly = health.isError || (health.isSuccess && !health.data.cloud.configured);

  return (
    <section className="first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">Welcome to Hearth</h2>
      <ul>
        <li>
          <strong>Stays on this device:</strong> your conversations, memory and audit log, and the
          analysis of every message. Health, HR, financial and children&apos;s data is only ever
          answered here.
        </li>
        <li>
          {localOnly ? (
            <>
              <strong>Nothing leaves this device:</strong> no cloud model is configured on this
              server, so every answer comes from the local model on this device.
            </>
          ) : (
            <>
              <strong>May leave:</strong> only what the policy allows, with names, emails and other
              personal details replaced by placeholders first. Each answer shows exactly what left.
            </>
          )}
        </li>
        <li>
          <strong>Profile in force: {profile.name}.</strong> {profile.description}{' '}
          <Link to="/policy" onClick={onDismiss}>
            Review the policy
          </Link>
        </li>
      </ul>
      <div className="first-run-device" aria-live="polite">
        <h3>For this device</h3>
        {advice.isPending && <p>Checking what this device can run…</p>}
        {advice.isError && (
          <p>Local inference is unavailable: {toBoundaryError(advice.error).message}.</p>
        )}
        {advice.data && <DeviceSummary engines={advice.data.engines} headingLevel={4} />}
        {advice.data?.suggested && (
          <p data-testid="first-run-model">
            Suggested model: <strong>{advice.data.suggested.id}</strong>
            {advice.data.suggested.downloadBytes !== undefined &&
              `, a ${advice.data.suggested.downloadBytesEstimated ? 'download of about' : 'download of'} ${formatDownload(advice.data.suggested.downloadBytes)}`}
            {advice.data.suggested.cached ? ' (already downloaded)' : ''}.{' '}
            <Link to="/models" onClick={onDismiss}>
              Choose a model
            </Link>
          </p>
        )}
        {advice.data && !advice.data.suggested && (
          <p>
            <Link to="/models" onClick={onDismiss}>
              See the Models page
            </Link>
          </p>
        )}
      </div>
      <div className="first-run-actions">
        <button type="button" className="primary" onClick={onDismiss}>
          Get started
        </button>
        <button type="button" onClick={onDismiss}>
          Skip introduction
        </button>
      </div>
    </section>
  );
}

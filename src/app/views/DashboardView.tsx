import { useMemo, useState } from 'react';
import { DEFAULT_PRICES, summarize, type CloudPrices } from '../components/dashboard/aggregate';
import { DashboardCharts } from '../components/dashboard/DashboardCharts';
import { useDashboardData } from '../components/dashboard/useDashboardData';
import { usePolicyDocument } from '../components/policy/usePolicyDocument';
import '../components/dashboard/dashboard.css';

const WINDOWS = [
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 24 * 3_600_000 },
  { id: 'all', label: 'All time', ms: undefined },
] as const;
type WindowId = (typeof WINDOWS)[number]['id'];

function sinceFor(id: WindowId): number | undefined {
  const w = WINDOWS.find((x) => x.id === id);
  return w?.ms === undefined ? undefined : Date.now() - w.ms;
}

export interface DashboardViewProps {
  /** Cloud prices per million tokens for the saving estimate; default: the policy's frontier prices. */
  prices?: CloudPrices;
}

export function DashboardView({ prices: given }: DashboardViewProps) {
  const { policy, loaded } = usePolicyDocument();
  const frontier = policy.prices.frontier;
  const prices = useMemo<CloudPrices>(
    () =>
      given ??
      (loaded
        ? { inputPerMTokUsd: frontier.inputPerMTok, outputPerMTokUsd: frontier.outputPerMTok }
        : DEFAULT_PRICES),
    [given, loaded, frontier.inputPerMTok, frontier.outputPerMTok],
  );
  const [windowId, setWindowId] = useState<WindowId>('7d');
  const [since, setSince] = useState(() => sinceFor('7d'));
  const data = useDashboardData(since);
  const samples = data.state === 'ready' ? data.samples : undefined;
  const summary = useMemo(
    () => (samples ? summarize(samples, prices) : undefined),
    [samples, prices],
  );

  return (
    <section aria-labelledby="dashboard-title" className="view">
      <h1 id="dashboard-title">Dashboard</h1>
      <p className="lead">
        How your requests were answered: the share handled locally, by the private tier and by the
        cloud over time, redactions by entity type, how often local answers were escalated, latency
        per tier, the outbox, and the cloud cost saved by answering on this device.
      </p>
      <div className="dash-controls">
        <label htmlFor="dash-window">Period</label>
        <select
          id="dash-window"
          value={windowId}
          onChange={(e) => {
            const id = e.target.value as WindowId;
            setWindowId(id);
            setSince(sinceFor(id));
          }}
        >
          {WINDOWS.map((w) => (
            <option key={w.id} value={w.id}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
      <div aria-live="polite">
        {data.state === 'loading' && <p>Reading the figures stored on this device…</p>}
        {data.state === 'error' && (
          <p role="alert" className="error">
            The figures could not be read from this device&apos;s storage: {data.message}
          </p>
        )}
        {data.state === 'ready' && summary && summary.requests === 0 && (
          <div className="empty" data-testid="dashboard-empty">
            <p>Nothing to chart yet: figures appear after your first requests.</p>
            {data.outboxSize > 0 && (
              <p>
                {data.outboxSize} {data.outboxSize === 1 ? 'request is' : 'requests are'} waiting in
                the outbox.
              </p>
            )}
          </div>
        )}
      </div>
      {data.state === 'ready' && summary && summary.requests > 0 && (
        <DashboardCharts summary={summary} outboxSize={data.outboxSize} prices={prices} />
      )}
    </section>
  );
}

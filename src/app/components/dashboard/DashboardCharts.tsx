/**
 * The dashboard's charts (recharts) for one summary. Each chart is hidden from assistive
 * technology and paired with a sentence and a table carrying the same figures.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CloudPrices, CostEstimate, DashboardSummary } from './aggregate';
import { ChartSection } from './ChartSection';
import { bucketLabel, ms, percent, routeColour, routeLabel, tierLabel, usd } from './format';

export interface DashboardChartsProps {
  summary: DashboardSummary;
  outboxSize: number;
  prices: CloudPrices;
}

const AXIS = { fill: 'currentColor', fontSize: 12 };
const TOOLTIP_STYLE = {
  background: 'var(--panel)',
  border: '1px solid var(--border)',
  color: 'var(--fg)',
};

export function DashboardCharts({ summary, outboxSize, prices }: DashboardChartsProps) {
  const { overTime, routes, shares, redactions, cascade, latency, cost, bucket } = summary;
  const timeRows = overTime.map((b) => ({ label: bucketLabel(b.start, bucket), ...b.counts }));
  const latencyRows = latency.map((t) => ({ ...t, label: tierLabel(t.tier) }));

  return (
    <div className="dash-grid">
      <section className="dash-stats" aria-label="Key figures">
        <Stat label="Requests" value={String(summary.requests)} />
        <Stat
          label="Cascade rate"
          value={percent(cascade.rate)}
          detail={`${cascade.escalated} of ${cascade.answered} answered requests escalated`}
        />
        <Stat
          label="Outbox"
          value={String(outboxSize)}
          detail={outboxSize === 1 ? 'request waiting to be sent' : 'requests waiting to be sent'}
        />
        <Stat
          label="Cloud cost saved (estimate)"
          value={cost.withTokens ? usd(cost.savedUsd) : '—'}
          detail={costDetail(cost)}
        />
      </section>
      <p className="dash-note" data-testid="cost-explanation">
        {costExplanation(prices)}
      </p>

      <ChartSection
        id="dash-routes"
        title={`Requests by route, per ${bucket}`}
        summary={shares.map((s) => `${routeLabel(s.route)} ${percent(s.share)}`).join(', ')}
        table={
          <table>
            <caption>Requests per route, per {bucket}</caption>
            <thead>
              <tr>
                <th scope="col">{bucket === 'hour' ? 'Hour' : 'Day'}</th>
                {routes.map((r) => (
                  <th scope="col" key={r}>
                    {routeLabel(r)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overTime.map((b) => (
                <tr key={b.start}>
                  <th scope="row">{bucketLabel(b.start, bucket)}</th>
                  {routes.map((r) => (
                    <td key={r}>{b.counts[r] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={timeRows} stackOffset="expand" accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="label" tick={AXIS} />
            <YAxis tick={AXIS} tickFormatter={(v: number) => percent(v)} width={44} />
            <Tooltip contentStyle={TOOLTIP_STYLE} />
            <Legend itemSorter={null} formatter={(value: string) => routeLabel(value)} />
            {routes.map((r, i) => (
              <Bar
                key={r}
                dataKey={r}
                name={r}
                stackId="routes"
                fill={routeColour(r, i)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartSection>

      <ChartSection
        id="dash-redactions"
        title="Redactions by entity type"
        summary={
          redactions.length
            ? redactions.map((r) => `${r.type}: ${r.count}`).join(', ')
            : 'Nothing was redacted in this period.'
        }
        table={
          <table>
            <caption>Redacted values per entity type</caption>
            <thead>
              <tr>
                <th scope="col">Entity type</th>
                <th scope="col">Redactions</th>
              </tr>
            </thead>
            <tbody>
              {redactions.map((r) => (
                <tr key={r.type}>
                  <th scope="row">{r.type}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        {redactions.length > 0 && (
          <ResponsiveContainer width="100%" height={Math.max(120, redactions.length * 32 + 40)}>
            <BarChart data={redactions} layout="vertical" accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis type="number" allowDecimals={false} tick={AXIS} />
              <YAxis type="category" dataKey="type" tick={AXIS} width={110} />
              <Tooltip contentStyle={TOOLTIP_STYLE} />
              <Bar dataKey="count" name="Redactions" fill="#a63d17" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartSection>

      <ChartSection
        id="dash-latency"
        title="Latency by tier (p50 and p95)"
        summary={
          latency.length
            ? latency
                .map((t) => `${tierLabel(t.tier)}: p50 ${ms(t.p50)}, p95 ${ms(t.p95)}`)
                .join('; ')
            : 'No answered requests in this period.'
        }
        table={
          <table>
            <caption>Latency per tier</caption>
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <th scope="col">Requests</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
              </tr>
            </thead>
            <tbody>
              {latency.map((t) => (
                <tr key={t.tier}>
                  <th scope="row">{tierLabel(t.tier)}</th>
                  <td>{t.count}</td>
                  <td>{ms(t.p50)}</td>
                  <td>{ms(t.p95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        {latency.length > 0 && (
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={latencyRows} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="label" tick={AXIS} />
              <YAxis tick={AXIS} tickFormatter={(v: number) => ms(v)} width={76} />
              <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => ms(Number(v))} />
              <Legend itemSorter={null} />
              <Bar dataKey="p50" name="p50" fill="#3b82f6" isAnimationActive={false} />
              <Bar dataKey="p95" name="p95" fill="#d97706" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartSection>
    </div>
  );
}

function costDetail(cost: CostEstimate): string {
  if (cost.withTokens === 0) return 'No token counts recorded yet, so no estimate';
  const spent = `${usd(cost.actualUsd)} spent of ${usd(cost.allCloudUsd)} all-cloud`;
  return cost.withTokens < cost.answered
    ? `${spent}; ${cost.withTokens} of ${cost.answered} requests had token counts`
    : spent;
}

/** The one-sentence explanation of the saving estimate shown on the page. */
export function costExplanation(prices: CloudPrices): string {
  return (
    `The saving is an estimate: every answered request's tokens priced at the cloud model's ` +
    `rate ($${prices.inputPerMTokUsd} per million input tokens, $${prices.outputPerMTokUsd} per ` +
    `million output tokens), minus what the cloud tiers actually cost; answers given on this ` +
    `device cost nothing.`
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="dash-card dash-stat">
      <h2 className="dash-stat-label">{label}</h2>
      <p className="dash-stat-value">{value}</p>
      {detail && <p className="dash-stat-detail">{detail}</p>}
    </div>
  );
}

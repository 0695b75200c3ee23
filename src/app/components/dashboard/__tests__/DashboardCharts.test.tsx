import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { summarize, type Sample } from '../aggregate';
import { costExplanation, DashboardCharts } from '../DashboardCharts';

const base: Sample = {
  at: new Date(2026, 10, 20, 10).getTime(),
  route: 'local',
  tier: 'local',
  latencyMs: 120,
  promptTokens: 1000,
  completionTokens: 500,
  costUsd: 0,
  redactions: {},
  escalated: false,
};
const samples: Sample[] = [
  base,
  { ...base, route: 'frontier', tier: 'frontier', latencyMs: 900, redactions: { PERSON: 2 } },
  { ...base, route: 'frontier', tier: 'frontier', escalated: true, redactions: { EMAIL: 1 } },
  { ...base, route: 'blocked' },
];
const prices = { inputPerMTokUsd: 3, outputPerMTokUsd: 15 };

describe('<DashboardCharts>', () => {
  const html = renderToStaticMarkup(
    <DashboardCharts summary={summarize(samples, prices)} outboxSize={2} prices={prices} />,
  );

  it('gives every chart a heading, a text summary and a table of the same figures', () => {
    expect(html).toContain('Requests by route, per hour</h2>');
    expect(html).toContain('Local 25%, Cloud 50%, Blocked 25%');
    expect(html).toContain('Redactions by entity type</h2>');
    expect(html).toContain('PERSON: 2, EMAIL: 1');
    expect(html).toContain('Latency by tier (p50 and p95)</h2>');
    expect(html).toMatch(/<th scope="row">Cloud<\/th><td>2<\/td><td>120 ms<\/td><td>900 ms<\/td>/);
    expect(html.match(/<table>/g)).toHaveLength(3);
    expect(html.match(/class="dash-chart-box" aria-hidden="true"/g)).toHaveLength(3);
  });

  it('shows cascade rate, outbox size and the explained saving estimate', () => {
    expect(html).toContain('1 of 3 answered requests escalated');
    expect(html).toMatch(/Outbox<\/h2><p class="dash-stat-value">2</);
    expect(html).toContain(costExplanation(prices).replace(/'/g, '&#x27;'));
    expect(costExplanation(prices)).toContain('$3 per million input tokens');
  });
});

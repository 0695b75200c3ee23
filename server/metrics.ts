/**
 * A tiny Prometheus registry for the proxy: counters and one latency histogram, rendered in the
 * text exposition format. Labels come from a fixed vocabulary (route, tier, status, error code,
 * entity type): never from request content.
 */

const LATENCY_BUCKETS_S = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

type Labels = Record<string, string>;

function renderLabels(labels: Labels): string {
  const parts = Object.keys(labels)
    .sort()
    .map(
      (k) =>
        `${k}="${String(labels[k]).replace(/["\\\n]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`))}"`,
    );
  return parts.length ? `{${parts.join(',')}}` : '';
}

/**
 * Rendered label sets by their values. Metrics are updated on every request with a handful of
 * label combinations (fixed vocabulary), so rendering (sort, escape) happens once per
 * combination instead of once per update. Each metric passes its labels in a fixed key order,
 * which makes the values alone a sufficient key. Bounded in case a label ever varied freely.
 */
class LabelKeys {
  private readonly cache = new Map<string, string>();
  key(labels: Labels): string {
    let id = '';
    for (const k in labels) id += `${k}\u0000${labels[k]}\u0001`;
    let key = this.cache.get(id);
    if (key === undefined) {
      key = renderLabels(labels);
      if (this.cache.size < 10_000) this.cache.set(id, key);
    }
    return key;
  }
}

class Counter {
  private readonly values = new Map<string, number>();
  private readonly keys = new LabelKeys();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = this.keys.key(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, value] of this.values) lines.push(`${this.name}${key} ${value}`);
    return lines.join('\n');
  }
}

class Histogram {
  /** Per label set: observations per bucket (not cumulative; render() sums them up). */
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  private readonly keys = new LabelKeys();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  observe(labels: Labels, seconds: number): void {
    const key = this.keys.key(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { counts: LATENCY_BUCKETS_S.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    // The first bucket that holds the value; values above the last bucket only count in +Inf.
    let i = 0;
    while (i < LATENCY_BUCKETS_S.length && seconds > (LATENCY_BUCKETS_S[i] ?? Infinity)) i++;
    if (i < LATENCY_BUCKETS_S.length) s.counts[i] = (s.counts[i] ?? 0) + 1;
    s.sum += seconds;
    s.count += 1;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      const inner = key.slice(1, -1);
      const withLe = (le: string): string => `{${inner ? `${inner},` : ''}le="${le}"}`;
      let cumulative = 0;
      LATENCY_BUCKETS_S.forEach((b, i) => {
        cumulative += s.counts[i] ?? 0;
        lines.push(`${this.name}_bucket${withLe(String(b))} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${withLe('+Inf')} ${s.count}`);
      lines.push(`${this.name}_sum${key} ${s.sum}`);
      lines.push(`${this.name}_count${key} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class ProxyMetrics {
  readonly requests = new Counter(
    'hearth_proxy_requests_total',
    'API requests by route, tier and status.',
  );
  readonly errors = new Counter(
    'hearth_proxy_errors_total',
    'API error responses and stream errors by code.',
  );
  readonly rescanBlocks = new Counter(
    'hearth_proxy_rescan_blocks_total',
    'Requests refused by the re-scan, by entity type (one request may count under several types).',
  );
  readonly rescanBlockedRequests = new Counter(
    'hearth_proxy_rescan_blocked_requests_total',
    'Requests refused by the re-scan.',
  );
  readonly duration = new Histogram(
    'hearth_proxy_request_duration_seconds',
    'Total time per request (until the last byte for streams), by route.',
  );
  readonly upstreamDuration = new Histogram(
    'hearth_proxy_upstream_duration_seconds',
    'Time to the upstream response headers, by tier.',
  );

  render(): string {
    return (
      [
        this.requests,
        this.errors,
        this.rescanBlockedRequests,
        this.rescanBlocks,
        this.duration,
        this.upstreamDuration,
      ]
        .map((m) => m.render())
        .join('\n') + '\n'
    );
  }
}

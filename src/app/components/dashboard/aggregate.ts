/**
 * Pure aggregation of per-request metric samples into what the dashboard charts. No React, no
 * storage: the view reads samples through a hook and passes them here.
 */
import type { MetricSample } from '../../../db';

/** A stored metric sample without its row id: what the aggregation reads. */
export type Sample = Omit<MetricSample, 'id'>;

/** Routes in display order; anything else the router invents is counted under its own name. */
export const KNOWN_ROUTES = ['local', 'private', 'frontier', 'blocked', 'queued'] as const;

/** Routes where nothing was answered: excluded from latency and the cascade rate. */
const UNANSWERED = new Set(['blocked', 'queued', 'error']);

/** US dollars per million tokens for the cloud model everything would otherwise go to. */
export interface CloudPrices {
  inputPerMTokUsd: number;
  outputPerMTokUsd: number;
}

/**
 * Used until the policy carries prices: roughly a current frontier model's list price. Shown on
 * the page, so the estimate is never presented as more precise than it is.
 */
export const DEFAULT_PRICES: CloudPrices = { inputPerMTokUsd: 3, outputPerMTokUsd: 15 };

export type Bucket = 'hour' | 'day';

export interface RouteBucket {
  /** Start of the bucket, epoch ms (local time boundaries). */
  start: number;
  /** Requests per route in this bucket. */
  counts: Record<string, number>;
  total: number;
}

/** Start of the local hour or day containing `at`. */
export function bucketStart(at: number, bucket: Bucket): number {
  const d = new Date(at);
  if (bucket === 'hour') d.setMinutes(0, 0, 0);
  else d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Hours for spans up to two days, days beyond. */
export function chooseBucket(samples: readonly Sample[]): Bucket {
  if (samples.length < 2) return 'hour';
  let min = Infinity;
  let max = -Infinity;
  for (const s of samples) {
    min = Math.min(min, s.at);
    max = Math.max(max, s.at);
  }
  return max - min <= 48 * 3_600_000 ? 'hour' : 'day';
}

/** Requests per route per hour or day, oldest bucket first; empty buckets are left out. */
export function routesOverTime(samples: readonly Sample[], bucket: Bucket): RouteBucket[] {
  const byStart = new Map<number, RouteBucket>();
  for (const s of samples) {
    const start = bucketStart(s.at, bucket);
    let b = byStart.get(start);
    if (!b) {
      b = { start, counts: {}, total: 0 };
      byStart.set(start, b);
    }
    b.counts[s.route] = (b.counts[s.route] ?? 0) + 1;
    b.total += 1;
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** The routes that occur, known ones first in their order, then others alphabetically. */
export function routesPresent(samples: readonly Sample[]): string[] {
  const seen = new Set(samples.map((s) => s.route));
  const known = KNOWN_ROUTES.filter((r) => seen.has(r));
  const others = [...seen].filter((r) => !(KNOWN_ROUTES as readonly string[]).includes(r)).sort();
  return [...known, ...others];
}

export interface RouteShare {
  route: string;
  count: number;
  /** 0..1 */
  share: number;
}

/** Share of all requests per route over the whole window. */
export function routeShares(samples: readonly Sample[]): RouteShare[] {
  const total = samples.length;
  return routesPresent(samples).map((route) => {
    const count = samples.filter((s) => s.route === route).length;
    return { route, count, share: total ? count / total : 0 };
  });
}

export interface TypeCount {
  type: string;
  count: number;
}

/** Redacted values per entity type, most frequent first (ties alphabetical). */
export function redactionsByType(samples: readonly Sample[]): TypeCount[] {
  const totals = new Map<string, number>();
  for (const s of samples) {
    for (const [type, n] of Object.entries(s.redactions)) {
      if (Number.isFinite(n) && n > 0) totals.set(type, (totals.get(type) ?? 0) + n);
    }
  }
  return [...totals]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

export interface CascadeRate {
  escalated: number;
  /** Answered requests (not blocked or queued). */
  answered: number;
  /** escalated / answered, 0..1; 0 when nothing was answered. */
  rate: number;
}

/** How often an answer was escalated from the local model to a cloud tier. */
export function cascadeRate(samples: readonly Sample[]): CascadeRate {
  const answered = samples.filter((s) => !UNANSWERED.has(s.route));
  const escalated = answered.filter((s) => s.escalated).length;
  return {
    escalated,
    answered: answered.length,
    rate: answered.length ? escalated / answered.length : 0,
  };
}

/** Nearest-rank percentile (p in 0..100) of an ascending array; undefined when empty. */
export function percentile(sortedAsc: readonly number[], p: number): number | undefined {
  if (sortedAsc.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sortedAsc.length);
  return sortedAsc[Math.min(Math.max(rank, 1), sortedAsc.length) - 1];
}

export interface TierLatency {
  tier: string;
  count: number;
  p50: number;
  p95: number;
}

const TIER_ORDER = ['local', 'private', 'frontier'];

/** p50 and p95 latency per tier over answered requests, local first. */
export function latencyByTier(samples: readonly Sample[]): TierLatency[] {
  const byTier = new Map<string, number[]>();
  for (const s of samples) {
    if (UNANSWERED.has(s.route) || !Number.isFinite(s.latencyMs) || s.latencyMs < 0) continue;
    const list = byTier.get(s.tier) ?? [];
    list.push(s.latencyMs);
    byTier.set(s.tier, list);
  }
  const rank = (t: string) => {
    const i = TIER_ORDER.indexOf(t);
    return i === -1 ? TIER_ORDER.length : i;
  };
  return [...byTier]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([tier, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return {
        tier,
        count: sorted.length,
        p50: percentile(sorted, 50) ?? 0,
        p95: percentile(sorted, 95) ?? 0,
      };
    });
}

export interface CostEstimate {
  /** What was actually spent on cloud tiers (sum of the samples' costUsd). */
  actualUsd: number;
  /** What the same tokens would have cost had every answered request gone to the cloud model. */
  allCloudUsd: number;
  /** allCloudUsd - actualUsd, never below zero. */
  savedUsd: number;
  /** Answered requests with token counts; the estimate covers only these. */
  withTokens: number;
  /** All answered requests. */
  answered: number;
}

/** Estimated cloud cost saved compared with sending every answered request to the cloud. */
export function costSaved(samples: readonly Sample[], prices: CloudPrices): CostEstimate {
  let actualUsd = 0;
  let allCloudUsd = 0;
  let withTokens = 0;
  let answered = 0;
  for (const s of samples) {
    if (Number.isFinite(s.costUsd)) actualUsd += s.costUsd;
    if (UNANSWERED.has(s.route)) continue;
    answered += 1;
    if (s.promptTokens + s.completionTokens > 0) withTokens += 1;
    allCloudUsd +=
      (s.promptTokens * prices.inputPerMTokUsd + s.completionTokens * prices.outputPerMTokUsd) /
      1_000_000;
  }
  return {
    actualUsd,
    allCloudUsd,
    savedUsd: Math.max(0, allCloudUsd - actualUsd),
    withTokens,
    answered,
  };
}

export interface DashboardSummary {
  requests: number;
  bucket: Bucket;
  routes: string[];
  overTime: RouteBucket[];
  shares: RouteShare[];
  redactions: TypeCount[];
  cascade: CascadeRate;
  latency: TierLatency[];
  cost: CostEstimate;
}

/** Everything the dashboard shows, from one pass over the samples of the chosen window. */
export function summarize(
  samples: readonly Sample[],
  prices: CloudPrices = DEFAULT_PRICES,
): DashboardSummary {
  const bucket = chooseBucket(samples);
  return {
    requests: samples.length,
    bucket,
    routes: routesPresent(samples),
    overTime: routesOverTime(samples, bucket),
    shares: routeShares(samples),
    redactions: redactionsByType(samples),
    cascade: cascadeRate(samples),
    latency: latencyByTier(samples),
    cost: costSaved(samples, prices),
  };
}

import { describe, expect, it } from 'vitest';
import {
  bucketStart,
  cascadeRate,
  chooseBucket,
  costSaved,
  latencyByTier,
  percentile,
  redactionsByType,
  routeShares,
  routesOverTime,
  routesPresent,
  summarize,
  type Sample,
} from '../aggregate';

const HOUR = 3_600_000;
/** Local-time timestamps, so bucket boundaries do not depend on the machine's time zone. */
const at = (day: number, hour: number, minute = 0) =>
  new Date(2026, 10, day, hour, minute).getTime();

function sample(over: Partial<Sample> = {}): Sample {
  return {
    at: at(20, 10),
    route: 'local',
    tier: 'local',
    latencyMs: 100,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    redactions: {},
    escalated: false,
    ...over,
  };
}

describe('buckets', () => {
  it('starts hours and days at local boundaries', () => {
    expect(bucketStart(at(20, 10, 42), 'hour')).toBe(at(20, 10));
    expect(bucketStart(at(20, 10, 42), 'day')).toBe(at(20, 0));
  });

  it('uses hours up to two days and days beyond', () => {
    expect(chooseBucket([])).toBe('hour');
    expect(chooseBucket([sample({ at: at(20, 0) }), sample({ at: at(21, 23) })])).toBe('hour');
    expect(chooseBucket([sample({ at: at(10, 0) }), sample({ at: at(20, 0) })])).toBe('day');
  });

  it('counts requests per route per bucket, oldest first, skipping empty buckets', () => {
    const samples = [
      sample({ at: at(20, 11, 5), route: 'frontier' }),
      sample({ at: at(20, 10, 1) }),
      sample({ at: at(20, 10, 59), route: 'frontier' }),
      sample({ at: at(20, 13, 0) }),
    ];
    expect(routesOverTime(samples, 'hour')).toEqual([
      { start: at(20, 10), counts: { local: 1, frontier: 1 }, total: 2 },
      { start: at(20, 11), counts: { frontier: 1 }, total: 1 },
      { start: at(20, 13), counts: { local: 1 }, total: 1 },
    ]);
    expect(routesOverTime(samples, 'day')).toEqual([
      { start: at(20, 0), counts: { local: 2, frontier: 2 }, total: 4 },
    ]);
    expect(at(20, 11) - at(20, 10)).toBe(HOUR);
  });
});

describe('route shares', () => {
  it('lists known routes in order, unknown ones after, with shares summing to 1', () => {
    const samples = [
      sample({ route: 'queued' }),
      sample({ route: 'zeta' }),
      sample({ route: 'local' }),
      sample({ route: 'local' }),
    ];
    expect(routesPresent(samples)).toEqual(['local', 'queued', 'zeta']);
    expect(routeShares(samples)).toEqual([
      { route: 'local', count: 2, share: 0.5 },
      { route: 'queued', count: 1, share: 0.25 },
      { route: 'zeta', count: 1, share: 0.25 },
    ]);
    expect(routeShares([])).toEqual([]);
  });
});

describe('redactions', () => {
  it('sums per type across requests, most frequent first, ignoring zeros and junk', () => {
    const samples = [
      sample({ redactions: { PERSON: 2, EMAIL: 1 } }),
      sample({ redactions: { EMAIL: 1, PHONE: 0, IBAN: Number.NaN } }),
      sample({ redactions: { PERSON: 1, API_KEY: 2 } }),
    ];
    expect(redactionsByType(samples)).toEqual([
      { type: 'PERSON', count: 3 },
      { type: 'API_KEY', count: 2 },
      { type: 'EMAIL', count: 2 },
    ]);
  });
});

describe('cascade rate', () => {
  it('is the escalated share of answered requests', () => {
    const samples = [
      sample({ escalated: true, route: 'frontier', tier: 'frontier' }),
      sample(),
      sample(),
      sample({ escalated: false, route: 'frontier', tier: 'frontier' }),
      sample({ route: 'blocked' }),
      // a request the proxy refused: recorded as 'error' (as in the audit log), not answered
      sample({ route: 'error', tier: 'frontier' }),
    ];
    expect(cascadeRate(samples)).toEqual({ escalated: 1, answered: 4, rate: 0.25 });
    expect(cascadeRate([sample({ route: 'queued' })])).toEqual({
      escalated: 0,
      answered: 0,
      rate: 0,
    });
  });
});

describe('latency', () => {
  it('computes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('groups answered requests by tier, local first, ignoring blocked and queued', () => {
    const samples = [
      ...[100, 200, 300, 400].map((latencyMs) => sample({ latencyMs })),
      ...[1000, 3000].map((latencyMs) =>
        sample({ latencyMs, route: 'frontier', tier: 'frontier' }),
      ),
      sample({ latencyMs: 99_999, route: 'queued', tier: 'frontier' }),
      sample({ latencyMs: 88_888, route: 'error', tier: 'frontier' }),
      sample({ latencyMs: 50, route: 'private', tier: 'private' }),
    ];
    expect(latencyByTier(samples)).toEqual([
      { tier: 'local', count: 4, p50: 200, p95: 400 },
      { tier: 'private', count: 1, p50: 50, p95: 50 },
      { tier: 'frontier', count: 2, p50: 1000, p95: 3000 },
    ]);
  });
});

describe('cost saved', () => {
  it('prices every answered request at the cloud rate and subtracts what was spent', () => {
    const prices = { inputPerMTokUsd: 2, outputPerMTokUsd: 10 };
    const samples = [
      // Local: 1M prompt + 0.5M completion tokens would have cost 2 + 5 = 7 USD.
      sample({ promptTokens: 1_000_000, completionTokens: 500_000 }),
      // Cloud: would cost 1 + 1 = 2 USD; actually cost 1.5 USD.
      sample({
        route: 'frontier',
        tier: 'frontier',
        promptTokens: 500_000,
        completionTokens: 100_000,
        costUsd: 1.5,
      }),
      // Blocked: never sent anywhere, counts for neither.
      sample({ route: 'blocked', promptTokens: 1_000_000 }),
    ];
    const est = costSaved(samples, prices);
    expect(est.allCloudUsd).toBeCloseTo(9);
    expect(est.actualUsd).toBeCloseTo(1.5);
    expect(est.savedUsd).toBeCloseTo(7.5);
    expect(est).toMatchObject({ withTokens: 2, answered: 2 });
  });

  it('says how many answered requests had token counts', () => {
    const est = costSaved([sample(), sample({ promptTokens: 10 }), sample({ route: 'queued' })], {
      inputPerMTokUsd: 1,
      outputPerMTokUsd: 1,
    });
    expect(est).toMatchObject({ withTokens: 1, answered: 2 });
  });

  it('never reports a negative saving', () => {
    const est = costSaved([sample({ route: 'frontier', costUsd: 1 })], {
      inputPerMTokUsd: 1,
      outputPerMTokUsd: 1,
    });
    expect(est.savedUsd).toBe(0);
  });
});

describe('summarize', () => {
  it('is empty-safe', () => {
    const s = summarize([]);
    expect(s.requests).toBe(0);
    expect(s.overTime).toEqual([]);
    expect(s.latency).toEqual([]);
    expect(s.cost.savedUsd).toBe(0);
  });
});

/**
 * Per-client token bucket: a bucket holds up to `rpm` tokens and refills at `rpm` per minute; a
 * request takes one token. In memory by default (one instance); see rate-limit-redis.ts for the
 * shared form several instances use.
 */

export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until one token is back, in ms. */
  retryAfterMs: number;
}

export interface RateLimiter {
  take(clientKey: string): Promise<RateDecision>;
  close?(): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** The bucket arithmetic shared (in spirit) with the Redis Lua script. */
export function refill(bucket: Bucket, nowMs: number, rpm: number): Bucket {
  const elapsed = Math.max(0, nowMs - bucket.updatedMs);
  return { tokens: Math.min(rpm, bucket.tokens + (elapsed * rpm) / 60_000), updatedMs: nowMs };
}

export function memoryRateLimiter(
  rpm: number,
  now: () => number = () => Date.now(),
  maxClients = 100_000,
): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const sweep = (nowMs: number): void => {
    // Full buckets carry no state worth keeping.
    for (const [key, b] of buckets) {
      if (refill(b, nowMs, rpm).tokens >= rpm) buckets.delete(key);
    }
    // Still too many clients: drop the oldest (a dropped client gets a fresh bucket).
    if (buckets.size > maxClients) {
      let excess = buckets.size - maxClients;
      for (const key of buckets.keys()) {
        if (excess-- <= 0) break;
        buckets.delete(key);
      }
    }
  };
  return {
    take(clientKey) {
      const nowMs = now();
      const previous = buckets.get(clientKey) ?? { tokens: rpm, updatedMs: nowMs };
      const bucket = refill(previous, nowMs, rpm);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        buckets.delete(clientKey); // keep Map order = least recently used first
        buckets.set(clientKey, bucket);
        if (buckets.size > maxClients) sweep(nowMs);
        return Promise.resolve({ allowed: true, retryAfterMs: 0 });
      }
      buckets.set(clientKey, bucket);
      const retryAfterMs = Math.ceil(((1 - bucket.tokens) * 60_000) / rpm);
      return Promise.resolve({ allowed: false, retryAfterMs });
    },
  };
}

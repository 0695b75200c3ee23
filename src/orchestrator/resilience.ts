/**
 * Retries with backoff and jitter, a timeout and a circuit breaker per cloud tier, with cockatiel.
 * A failure after tokens were streamed is never retried (the user would see them twice).
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
  type RetryPolicy,
  type TimeoutPolicy,
} from 'cockatiel';
import type { CloudTier } from '../core/policy/schema';
import { CloudError } from './errors';

export interface ResilienceOptions {
  /** Attempts in total (1 = no retry). Default 3. */
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the request falls back instead. */
  maxRetryAfterMs?: number;
  /** Whole-attempt timeout, ms. Default 60 s. */
  timeoutMs?: number;
  /** Consecutive failures that open the breaker. Default 3. */
  breakerThreshold?: number;
  halfOpenAfterMs?: number;
  /** Jitter source (tests pass a fixed one). */
  random?: () => number;
}

interface TierPolicy {
  retry: RetryPolicy;
  breaker: CircuitBreakerPolicy;
  timeout: TimeoutPolicy;
}

/** Server-side trouble: counts against the breaker. */
const SERVER_SIDE = new Set([
  'upstream_error',
  'upstream_timeout',
  'network',
  'timeout',
  'bad_response',
  'rate_limited',
]);

export class TierResilience {
  private readonly tiers: Record<CloudTier, TierPolicy>;
  private readonly listeners = new Set<() => void>();
  /** Retries made so far, for metrics and tests. */
  retries = 0;

  constructor(private readonly options: ResilienceOptions = {}) {
    this.tiers = { private: this.build(), frontier: this.build() };
  }

  private build(): TierPolicy {
    const o = this.options;
    const maxRetryAfter = o.maxRetryAfterMs ?? 8_000;
    const random = o.random ?? Math.random;
    const backoff = new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) => {
      const err = 'error' in ctx.result ? ctx.result.error : undefined;
      if (err instanceof CloudError && err.retryAfterMs !== undefined)
        return Math.min(err.retryAfterMs, maxRetryAfter);
      // exponential with full jitter
      const cap = Math.min(
        o.maxDelayMs ?? 4_000,
        (o.initialDelayMs ?? 250) * 2 ** (ctx.attempt - 1),
      );
      return Math.round(cap / 2 + (random() * cap) / 2);
    });
    const retryPolicy = retry(
      handleWhen(
        (e) => e instanceof CloudError && e.retryable && !((e.retryAfterMs ?? 0) > maxRetryAfter),
      ),
      { maxAttempts: (o.maxAttempts ?? 3) - 1, backoff },
    );
    retryPolicy.onRetry(() => {
      this.retries++;
    });
    const breaker = circuitBreaker(
      handleWhen((e) => e instanceof CloudError && SERVER_SIDE.has(e.code)),
      {
        halfOpenAfter: o.halfOpenAfterMs ?? 30_000,
        breaker: new ConsecutiveBreaker(o.breakerThreshold ?? 3),
      },
    );
    breaker.onStateChange(() => this.listeners.forEach((l) => l()));
    return {
      retry: retryPolicy,
      breaker,
      timeout: timeout(o.timeoutMs ?? 60_000, TimeoutStrategy.Aggressive),
    };
  }

  /** Runs one cloud call through retry -> breaker -> timeout. Errors come out as CloudError. */
  async execute<T>(
    tier: CloudTier,
    fn: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const p = this.tiers[tier];
    return p.retry.execute(async ({ signal: s1 }) => {
      try {
        return await p.breaker.execute(async ({ signal: s2 }) => {
          try {
            return await p.timeout.execute(({ signal: s3 }) => fn(s3), s2);
          } catch (err) {
            if (err instanceof TaskCancelledError) {
              throw signal?.aborted
                ? new CloudError('aborted', 'stopped')
                : new CloudError('timeout', `the ${tier} tier did not finish in time`);
            }
            throw err;
          }
        }, s1);
      } catch (err) {
        if (err instanceof BrokenCircuitError) {
          throw new CloudError(
            'circuit_open',
            `the ${tier} tier failed repeatedly; paused for a while`,
          );
        }
        throw err;
      }
    }, signal);
  }

  /** True while the tier's breaker refuses calls. */
  isOpen(tier: CloudTier): boolean {
    const s = this.tiers[tier].breaker.state;
    return s === CircuitState.Open || s === CircuitState.Isolated;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

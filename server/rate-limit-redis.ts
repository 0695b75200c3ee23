/**
 * The token bucket in Redis, so several proxy instances share one limit per client. One Lua script
 * reads, refills, takes and writes atomically, using the Redis server's clock (instances' clocks
 * may differ). Node only (ioredis): main.ts injects it when REDIS_URL is set.
 */
import { Redis } from 'ioredis';
import type { RateLimiter } from './rate-limit';

// KEYS[1] bucket key; ARGV[1] rpm. Returns {allowed (0/1), retryAfterMs}.
const TAKE_SCRIPT = `
local rpm = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = rpm
  ts = now
end
local elapsed = math.max(0, now - ts)
tokens = math.min(rpm, tokens + elapsed * rpm / 60000)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) * 60000 / rpm)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000 + 1000)
return {allowed, retry}
`;

export interface RedisRateLimiterOptions {
  url: string;
  rpm: number;
  /** Namespaces the keys, so several deployments can share one Redis. */
  prefix?: string;
  /** A command that takes longer fails (and the request is refused, fail closed). */
  commandTimeoutMs?: number;
}

export function redisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const redis = new Redis(options.url, {
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  // Connection errors surface on the commands; keep them off the process's error path.
  redis.on('error', () => {});
  redis.defineCommand('hearthTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  const prefix = options.prefix ?? 'hearth:rl:';
  type WithTake = Redis & { hearthTake(key: string, rpm: number): Promise<[number, number]> };
  const client = redis as WithTake;
  return {
    async take(clientKey) {
      const [allowed, retryAfterMs] = await client.hearthTake(prefix + clientKey, options.rpm);
      return { allowed: allowed === 1, retryAfterMs };
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

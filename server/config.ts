/**
 * Proxy configuration, read from environment variables only (never from files or the request).
 * Runs in Node; the Hono app itself only sees the parsed `ServerConfig`. Every variable is listed
 * with its default in docs/proxy.md.
 */

/** One upstream tier: an OpenAI-compatible endpoint and the key the proxy holds for it. */
export interface TierConfig {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
}

export type TierName = 'frontier' | 'private';
export const TIER_NAMES: readonly TierName[] = ['frontier', 'private'];

export interface ServerConfig {
  port: number;
  /** Listen address (HOST). */
  host: string;
  /**
   * Host names the app is served under (ALLOWED_HOSTS). A same-origin request must carry one of
   * them in Host; when empty and the server listens on loopback, only loopback names pass (which
   * stops DNS-rebinding pages from using a local proxy); otherwise any Host that matches Origin.
   */
  allowedHosts: string[];
  version: string;
  /** Folder with the built app (index.html, assets/, sw.js). */
  staticRoot: string;
  /** CLOUD_*: the frontier tier. */
  frontier: TierConfig | undefined;
  /** PRIVATE_*: an organisation's own OpenAI-compatible server (vLLM, TGI, Ollama, LiteLLM). */
  private: TierConfig | undefined;
  /** Extra origins allowed in the CSP's connect-src, e.g. a self-hosted model server. */
  extraConnectSrc: string[];
  /** Origins besides the app's own that may call the API (exact `scheme://host[:port]`). */
  allowedOrigins: string[];
  /** Bearer tokens accepted when non-empty (PROXY_TOKEN, comma separated). */
  proxyTokens: string[];
  /** Token-bucket refill per minute and bucket size, per client. */
  rateLimitRpm: number;
  /** When set, the rate limiter's state lives in this Redis (shared by every instance). */
  redisUrl: string | undefined;
  maxBodyBytes: number;
  maxTokensCap: number;
  /** Time to the upstream's response headers, and the longest silence inside a stream. */
  upstreamTimeoutMs: number;
  /**
   * How many reverse proxies in front of this server to trust (TRUST_PROXY, 0 = none): the client
   * address, host and scheme are the X-Forwarded-* entries the outermost of them appended, counted
   * from the right; entries further left come from the client and are ignored.
   */
  trustProxy: number;
  /** Bearer token for /api/metrics (METRICS_TOKEN); see docs/proxy.md for who may read metrics. */
  metricsToken: string | undefined;
  /** Re-scan threshold; undefined = the detector's DEFAULT_THRESHOLD. */
  rescanThreshold: number | undefined;
  /** Longest a request's re-scan may run (and wait for a worker), ms; beyond it the request is refused. */
  rescanBudgetMs: number;
  /** Re-scan worker threads; 0 = one per core. */
  rescanWorkers: number;
  /** Requests that may wait for a worker; 0 = 64 per worker. More get 503 `rescan_busy`. */
  rescanQueue: number;
  /**
   * RESCAN_MODEL=1: the re-scan also runs the embedded NER model (names, places, organisations)
   * from this file; undefined = pattern stage only (the default).
   */
  rescanModelPath: string | undefined;
  /**
   * Whether a user may confirm sending personal values unredacted (`X-Hearth-Override:
   * unredacted`). Off by default: the organisation decides. Secrets never pass either way.
   */
  allowUnredactedOverride: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 8787;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function parseBool(env: Env, name: string): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigError(`${name} must be 1 or 0, got "${raw}"`);
}

/** A hop count; `true`/`yes` are read as 1, what the variable meant before it took a number. */
function parseHops(env: Env, name: string): number {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined || raw === 'false' || raw === 'no') return 0;
  if (raw === 'true' || raw === 'yes') return 1;
  if (/^\d{1,2}$/.test(raw) && Number(raw) <= 10) return Number(raw);
  throw new ConfigError(
    `${name} must be the number of trusted reverse proxies (0-10), got "${raw}"`,
  );
}

function parseBaseUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  if (url.username || url.password) {
    // Credentials belong in the *_API_KEY variable; a URL with them would leak in logs.
    throw new ConfigError(`${name} must not contain credentials; use the matching _API_KEY`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${name} must not have a query string or fragment`);
  }
  return url.toString().replace(/\/+$/, '');
}

function parseOrigins(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((value) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new ConfigError(`ALLOWED_ORIGINS: "${value}" is not a valid origin`);
      }
      if (url.origin === 'null' || url.origin !== value.replace(/\/$/, '')) {
        throw new ConfigError(`ALLOWED_ORIGINS: "${value}" must be scheme://host[:port] only`);
      }
      return url.origin;
    });
}

function parseRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL is not a valid URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  }
  return raw;
}

/** A tier is configured when its base URL and model are set; the key is optional (e.g. Ollama). */
export function readTier(env: Env, prefix: 'CLOUD' | 'PRIVATE'): TierConfig | undefined {
  const baseUrl = nonEmpty(env[`${prefix}_BASE_URL`]);
  const model = nonEmpty(env[`${prefix}_MODEL`]);
  if (!baseUrl && !model) return undefined;
  if (!baseUrl || !model) {
    throw new ConfigError(`${prefix}_BASE_URL and ${prefix}_MODEL must be set together`);
  }
  return {
    baseUrl: parseBaseUrl(`${prefix}_BASE_URL`, baseUrl),
    apiKey: nonEmpty(env[`${prefix}_API_KEY`]),
    model,
  };
}

function parseThreshold(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new ConfigError(`RESCAN_THRESHOLD must be a number between 0 and 1, got "${raw}"`);
  }
  return value;
}

export function readConfig(
  env: Env,
  defaults: { version: string; staticRoot: string },
): ServerConfig {
  const staticRoot = nonEmpty(env.STATIC_ROOT) ?? defaults.staticRoot;
  return {
    port: parsePort(nonEmpty(env.PORT)),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    allowedHosts: (nonEmpty(env.ALLOWED_HOSTS) ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((h) => h.toLowerCase()),
    version: defaults.version,
    staticRoot,
    frontier: readTier(env, 'CLOUD'),
    private: readTier(env, 'PRIVATE'),
    extraConnectSrc: (nonEmpty(env.EXTRA_CONNECT_SRC) ?? '').split(/[\s,]+/).filter(Boolean),
    allowedOrigins: parseOrigins(nonEmpty(env.ALLOWED_ORIGINS)),
    proxyTokens: (nonEmpty(env.PROXY_TOKEN) ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    rateLimitRpm: parseInteger(env, 'RATE_LIMIT_RPM', 60, 1, 1_000_000),
    redisUrl: parseRedisUrl(nonEmpty(env.REDIS_URL)),
    maxBodyBytes: parseInteger(env, 'MAX_BODY_BYTES', 1_048_576, 1_024, 100 * 1_048_576),
    maxTokensCap: parseInteger(env, 'MAX_TOKENS_CAP', 4_096, 1, 1_000_000),
    upstreamTimeoutMs: parseInteger(env, 'UPSTREAM_TIMEOUT_MS', 60_000, 10, 3_600_000),
    trustProxy: parseHops(env, 'TRUST_PROXY'),
    metricsToken: nonEmpty(env.METRICS_TOKEN),
    rescanThreshold: parseThreshold(nonEmpty(env.RESCAN_THRESHOLD)),
    rescanBudgetMs: parseInteger(env, 'RESCAN_BUDGET_MS', 2_000, 10, 600_000),
    rescanWorkers: parseInteger(env, 'RESCAN_WORKERS', 0, 0, 256),
    rescanQueue: parseInteger(env, 'RESCAN_QUEUE', 0, 0, 100_000),
    // The model the app ships (public/models/ner), served from the built app by default.
    rescanModelPath: parseBool(env, 'RESCAN_MODEL')
      ? (nonEmpty(env.RESCAN_MODEL_PATH) ?? `${staticRoot.replace(/\/+$/, '')}/models/ner/ner.onnx`)
      : undefined,
    allowUnredactedOverride: parseBool(env, 'ALLOW_UNREDACTED_OVERRIDE'),
  };
}

/**
 * Proxy configuration, read from environment variables only (never from files or the request).
 * Runs in Node; the Hono app itself only sees the parsed `ServerConfig`.
 */

/** One upstream tier: an OpenAI-compatible endpoint and the key the proxy holds for it. */
export interface TierConfig {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
}

export interface ServerConfig {
  port: number;
  version: string;
  /** Folder with the built app (index.html, assets/, sw.js). */
  staticRoot: string;
  frontier: TierConfig | undefined;
  /** Extra origins allowed in the CSP's connect-src, e.g. a self-hosted model server. */
  extraConnectSrc: string[];
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
  return url.toString().replace(/\/+$/, '');
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

export function readConfig(
  env: Env,
  defaults: { version: string; staticRoot: string },
): ServerConfig {
  return {
    port: parsePort(nonEmpty(env.PORT)),
    version: defaults.version,
    staticRoot: nonEmpty(env.STATIC_ROOT) ?? defaults.staticRoot,
    frontier: readTier(env, 'CLOUD'),
    extraConnectSrc: (nonEmpty(env.EXTRA_CONNECT_SRC) ?? '').split(/[\s,]+/).filter(Boolean),
  };
}

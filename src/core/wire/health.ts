/** `GET /api/health`: what the proxy tells the app about itself. Never holds keys or upstream URLs. */
export interface HealthResponse {
  ok: boolean;
  version: string;
  cloud: { configured: boolean };
  /**
   * Whether this server forwards a request the user confirmed to send unredacted
   * (ALLOW_UNREDACTED_OVERRIDE); absent from older servers, which counts as not allowed.
   */
  override?: { allowed: boolean };
}

/** Narrow an unknown JSON body to HealthResponse; returns undefined when it does not fit. */
export function parseHealth(body: unknown): HealthResponse | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const cloud = b.cloud as Record<string, unknown> | undefined;
  if (typeof b.ok !== 'boolean' || typeof b.version !== 'string') return undefined;
  if (!cloud || typeof cloud.configured !== 'boolean') return undefined;
  const override = b.override as Record<string, unknown> | undefined;
  return {
    ok: b.ok,
    version: b.version,
    cloud: { configured: cloud.configured },
    ...(override && typeof override.allowed === 'boolean'
      ? { override: { allowed: override.allowed } }
      : {}),
  };
}

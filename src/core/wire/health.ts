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
  /**
   * The threshold of the proxy's re-scan (RESCAN_THRESHOLD, or the detector's default): the
   * browser scans what it sends at the lower of its policy's and this. Absent from older servers.
   */
  rescan?: { threshold: number };
}

/** A re-scan threshold from a health body, when it is one (a number in [0, 1]). */
export function rescanThresholdOf(body: unknown): number | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const rescan = (body as Record<string, unknown>).rescan as Record<string, unknown> | undefined;
  const t = rescan?.threshold;
  return typeof t === 'number' && t >= 0 && t <= 1 ? t : undefined;
}

/** Narrow an unknown JSON body to HealthResponse; returns undefined when it does not fit. */
export function parseHealth(body: unknown): HealthResponse | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const cloud = b.cloud as Record<string, unknown> | undefined;
  if (typeof b.ok !== 'boolean' || typeof b.version !== 'string') return undefined;
  if (!cloud || typeof cloud.configured !== 'boolean') return undefined;
  const override = b.override as Record<string, unknown> | undefined;
  const threshold = rescanThresholdOf(body);
  return {
    ok: b.ok,
    version: b.version,
    cloud: { configured: cloud.configured },
    ...(override && typeof override.allowed === 'boolean'
      ? { override: { allowed: override.allowed } }
      : {}),
    ...(threshold !== undefined ? { rescan: { threshold } } : {}),
  };
}

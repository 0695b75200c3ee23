/** Structured errors of the request pipeline (they cross into the UI as {code, message}). */

export type CloudErrorCode =
  | 'rate_limited'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'tier_not_configured'
  | 'pii_detected'
  | 'network'
  | 'timeout'
  | 'circuit_open'
  | 'bad_response'
  | 'aborted'
  | (string & {});

export class CloudError extends Error {
  override name = 'CloudError';
  constructor(
    readonly code: CloudErrorCode,
    message: string,
    readonly status?: number,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs?: number,
    /** Set once tokens reached the caller: a retry would repeat them. */
    public streamed = false,
  ) {
    super(message);
  }

  /** Worth another attempt (429, 5xx, timeouts, network) and nothing was streamed yet. */
  get retryable(): boolean {
    if (this.streamed) return false;
    return [
      'rate_limited',
      'upstream_error',
      'upstream_timeout',
      'network',
      'timeout',
      'bad_response',
    ].includes(this.code);
  }

  toJSON(): { code: string; message: string; status?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.status ? { status: this.status } : {}),
    };
  }
}

export interface PipelineError {
  code: string;
  message: string;
}

export function toPipelineError(err: unknown): PipelineError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  return { code: 'unknown', message: err instanceof Error ? err.message : String(err) };
}

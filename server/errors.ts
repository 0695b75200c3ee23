/** Errors cross the network boundary as `{ error: { code, message } }`, never bare strings. */
export interface ApiErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

export function apiError(
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): ApiErrorBody {
  return { error: { code, message, ...extra } };
}

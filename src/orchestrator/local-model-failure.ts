/** What the page's local-model facade throws: an Error carrying the structured `{code, message, hint}`. */
import {
  toLocalModelError,
  type LocalModelError,
  type LocalModelErrorCode,
} from '../core/local-model/errors';

export class LocalModelFailure extends Error implements LocalModelError {
  override name = 'LocalModelFailure';
  constructor(
    readonly code: LocalModelErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
  static from(err: unknown, modelId?: string): LocalModelFailure {
    if (err instanceof LocalModelFailure) return err;
    const e = toLocalModelError(err, modelId ? { modelId } : {});
    return new LocalModelFailure(e.code, e.message, e.hint);
  }
}

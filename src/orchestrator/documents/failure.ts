/** The error the page's document functions throw: an Error carrying `{code, message}`. */
import { isDocumentError, type DocumentError, type DocumentErrorCode } from '../../core/documents';

export class DocumentFailure extends Error implements DocumentError {
  override name = 'DocumentFailure';
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
  }

  static from(err: unknown, name: string): DocumentFailure {
    if (err instanceof DocumentFailure) return err;
    if (isDocumentError(err)) return new DocumentFailure(err.code, err.message);
    const detail = err instanceof Error ? err.message : String(err);
    return new DocumentFailure('worker_failed', `"${name}" could not be read: ${detail}`);
  }

  toJSON(): DocumentError {
    return { code: this.code, message: this.message };
  }
}

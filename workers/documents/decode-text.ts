/**
 * Bytes of a text file to a string: BOM-marked UTF-8 and UTF-16, then strict UTF-8, then
 * Windows-1252 (what spreadsheet programs export as "CSV" on many systems). A file with NUL bytes
 * (an image or program renamed to .txt) is refused rather than shown as garbage.
 */
import type { DocumentError } from '../../src/core/documents';

export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) {
    const error: DocumentError = {
      code: 'not_text',
      message: `"${name}" does not look like a text file (it contains binary data). Is the extension right?`,
    };
    throw error;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Plain text and Markdown: the text as it is (line ends normalised); Markdown pipe tables found. */
import { TextLimitExceeded, findPipeTables, type ExtractedText } from '../../src/core/documents';
import { decodeText } from './decode-text';

export function extractPlainText(
  bytes: Uint8Array,
  name: string,
  markdown: boolean,
  maxChars: number,
): ExtractedText {
  const text = decodeText(bytes, name).replace(/\r\n?/g, '\n');
  if (text.length > maxChars) throw new TextLimitExceeded();
  return { text, pageStarts: [0], paged: false, tables: markdown ? findPipeTables(text) : [] };
}

/** CSV: parsed by Papa Parse (delimiter detected), written as one table. */
import Papa from 'papaparse';
import { TextBuilder, type DocumentError, type ExtractedText } from '../../src/core/documents';
import { decodeText } from './decode-text';

export function extractCsv(bytes: Uint8Array, name: string, maxChars: number): ExtractedText {
  const source = decodeText(bytes, name);
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: 'greedy' });
  const rows = parsed.data.filter((r): r is string[] => Array.isArray(r));
  // Papa Parse reports quoting trouble but still parses; only a file with no rows is refused.
  if (!rows.length) {
    const error: DocumentError = { code: 'empty', message: `"${name}" has no rows.` };
    throw error;
  }
  const b = new TextBuilder(maxChars);
  b.table(rows);
  return b.finish(false);
}

/**
 * Pipe tables in Markdown text (`| a | b |` rows under a `|---|---|` line), as table regions of
 * the text as it is: the header row and the body rows, without the separator line. Linear.
 */
import type { TableRegion, TextRange } from './types';

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** The cells of one pipe row starting at `at` (cell ranges trimmed; `\|` does not split). */
function cellsOf(text: string, at: number, end: number): TextRange[] {
  const cells: TextRange[] = [];
  let i = at;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '|') i++;
  let start = i;
  const close = (stop: number) => {
    let s = start;
    let e = stop;
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    cells.push({ start: s, end: e });
  };
  for (; i < end; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '|') {
      close(i);
      start = i + 1;
    }
  }
  // text after the last pipe is a cell only when the row does not end with a pipe
  if (text.slice(start, end).trim()) close(end);
  return cells;
}

export function findPipeTables(text: string): TableRegion[] {
  const lines: TextRange[] = [];
  for (let s = 0; s <= text.length;) {
    const nl = text.indexOf('\n', s);
    const e = nl < 0 ? text.length : nl;
    lines.push({ start: s, end: e });
    if (nl < 0) break;
    s = nl + 1;
  }
  const isRow = (l: TextRange) => text.slice(l.start, l.end).includes('|');
  const tables: TableRegion[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i] as TextRange;
    const sep = lines[i + 1] as TextRange;
    if (!isRow(head) || !SEPARATOR.test(text.slice(sep.start, sep.end))) continue;
    const rows = [cellsOf(text, head.start, head.end)];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const l = lines[j] as TextRange;
      if (!isRow(l) || !text.slice(l.start, l.end).trim()) break;
      rows.push(cellsOf(text, l.start, l.end));
    }
    if (rows.length >= 2 && (rows[0]?.length ?? 0) >= 2) tables.push({ rows });
    i = j - 1;
  }
  return tables;
}

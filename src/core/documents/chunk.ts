/**
 * Splits a document's text into passages for retrieval and citation. A passage never crosses a
 * page, nor the edge of a table; text splits at blank lines (then sentence ends, line ends,
 * spaces), tables split between rows and every passage of a table after its first repeats the
 * table's first row as a prefix, so the columns keep their names when a passage is sent alone.
 * Linear in the text.
 */
import { DOCUMENT_LIMITS } from './limits';
import type { Chunk, ExtractedText, TableRegion, TextRange } from './types';

export interface ChunkOptions {
  /** Aim for passages of about this many characters. */
  target?: number;
  /** Never longer than this (a longer paragraph is cut). */
  max?: number;
}

/** 1-based page holding offset `at`. */
export function pageAt(pageStarts: readonly number[], at: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pageStarts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The range of the line(s) holding a table row. */
function rowLine(text: string, row: readonly TextRange[]): TextRange {
  const first = row[0] as TextRange;
  const last = row[row.length - 1] as TextRange;
  const s = text.lastIndexOf('\n', first.start - 1) + 1;
  const nl = text.indexOf('\n', last.end);
  return { start: s, end: nl < 0 ? text.length : nl };
}

const BREAKS = ['\n', '. ', '? ', '! ', '; ', ', ', ' '];

/** Cuts a range longer than `max` into pieces, preferring line ends, sentence ends, then spaces. */
function cut(text: string, r: TextRange, target: number, max: number, out: TextRange[]): void {
  let s = r.start;
  while (r.end - s > max) {
    let at = -1;
    for (const b of BREAKS) {
      const i = text.lastIndexOf(b, s + max - b.length);
      if (i >= s + target / 2) {
        at = i + b.length;
        break;
      }
    }
    if (at < 0) {
      at = s + max;
      const code = text.charCodeAt(at - 1);
      if (code >= 0xd800 && code <= 0xdbff) at--; // never split a surrogate pair
    }
    out.push({ start: s, end: at });
    s = at;
    while (s < r.end && /\s/.test(text[s] as string)) s++;
  }
  if (s < r.end) out.push({ start: s, end: r.end });
}

/** Trims whitespace off both ends of a range. */
function trim(text: string, r: TextRange): TextRange | undefined {
  let s = r.start;
  let e = r.end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return s < e ? { start: s, end: e } : undefined;
}

interface Unit extends TextRange {
  /** Units of the same group may share a passage (same page, same table or same text run). */
  group: number;
  prefix?: string;
}

export function chunkDocument(doc: ExtractedText, options: ChunkOptions = {}): Chunk[] {
  const target = options.target ?? DOCUMENT_LIMITS.chunkChars;
  const max = Math.max(target, options.max ?? DOCUMENT_LIMITS.chunkMaxChars);
  const { text, pageStarts } = doc;
  // Edges nothing may cross: pages, and where tables start and end.
  const tables = [...doc.tables]
    .filter((t) => t.rows.length > 0 && (t.rows[0]?.length ?? 0) > 0)
    .map((t: TableRegion) => ({ t, lines: t.rows.map((r) => rowLine(text, r)) }))
    .sort((a, b) => (a.lines[0]?.start ?? 0) - (b.lines[0]?.start ?? 0));
  const units: Unit[] = [];
  let group = 0;
  const pageEnds = [...pageStarts.slice(1), text.length];

  const addText = (r: TextRange) => {
    // paragraphs (blank lines between), each cut to size; they belong to the current group
    const re = /\n[ \t]*\n/g;
    re.lastIndex = r.start;
    let s = r.start;
    for (let m = re.exec(text); m !== null && m.index < r.end; m = re.exec(text)) {
      const p = trim(text, { start: s, end: m.index });
      if (p) {
        const pieces: TextRange[] = [];
        cut(text, p, target, max, pieces);
        for (const x of pieces) units.push({ ...x, group });
      }
      s = m.index + m[0].length;
    }
    const p = trim(text, { start: s, end: r.end });
    if (p) {
      const pieces: TextRange[] = [];
      cut(text, p, target, max, pieces);
      for (const x of pieces) units.push({ ...x, group });
    }
  };

  let ti = 0;
  for (let p = 0; p < pageStarts.length; p++) {
    const ps = pageStarts[p] as number;
    const pe = pageEnds[p] as number;
    group++;
    let at = ps;
    while (ti < tables.length && (tables[ti]?.lines[0]?.start ?? Infinity) < pe) {
      const { lines } = tables[ti] as (typeof tables)[number];
      const tStart = (lines[0] as TextRange).start;
      if (tStart >= at) addText({ start: at, end: tStart });
      group++;
      const header = lines[0] as TextRange;
      const headerText = text.slice(header.start, header.end);
      lines.forEach((l, i) => {
        if (l.end > pe) return; // a table is always within a page; guard anyway
        const pieces: TextRange[] = [];
        cut(text, l, target, max, pieces);
        for (const x of pieces)
          units.push({ ...x, group, ...(i > 0 ? { prefix: headerText } : {}) });
      });
      at = Math.max(at, (lines[lines.length - 1] as TextRange).end);
      group++;
      ti++;
    }
    if (at < pe) addText({ start: at, end: pe });
  }

  const chunks: Chunk[] = [];
  let cur: Unit | undefined;
  const close = () => {
    if (!cur) return;
    chunks.push({
      start: cur.start,
      end: cur.end,
      page: doc.paged ? pageAt(pageStarts, cur.start) : 1,
      ...(cur.prefix !== undefined ? { prefix: cur.prefix } : {}),
    });
    cur = undefined;
  };
  for (const u of units) {
    if (cur && cur.group === u.group && u.end - cur.start <= target) {
      cur.end = u.end;
      continue;
    }
    close();
    cur = { ...u };
  }
  close();
  return chunks;
}

/** A passage's text as it is sent: the table header prefix (if any), then the passage. */
export function chunkText(text: string, chunk: Chunk): string {
  const body = text.slice(chunk.start, chunk.end);
  return chunk.prefix !== undefined ? `${chunk.prefix}\n${body}` : body;
}

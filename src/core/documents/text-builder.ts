/**
 * Builds a document's text from what an extractor reads (pages, paragraphs, table rows) and
 * remembers where pages and table cells are, so chunks can cite pages and the analysis can look
 * at table columns. Pure; used by every extractor in the documents worker.
 */
import type { ExtractedText, TableRegion, TextRange } from './types';

/** Thrown when the text passes the builder's limit: extraction stops there. */
export class TextLimitExceeded extends Error {
  override name = 'TextLimitExceeded';
}

const SPACES = /\s+/g;

/** One cell's text on one line: whitespace collapsed, trimmed. */
export function cellText(s: string): string {
  return s.replace(SPACES, ' ').trim();
}

export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly pageStarts: number[] = [];
  private readonly tables: TableRegion[] = [];

  constructor(private readonly maxChars: number = Infinity) {}

  /** Characters so far. */
  get chars(): number {
    return this.length;
  }

  private push(s: string): void {
    if (this.length + s.length > this.maxChars) throw new TextLimitExceeded();
    this.parts.push(s);
    this.length += s.length;
  }

  /** A blank line before the next block, unless the text is empty or already ends with one. */
  private separate(): void {
    if (this.length === 0) return;
    const last = this.parts[this.parts.length - 1] ?? '';
    if (last.endsWith('\n\n')) return;
    this.push(last.endsWith('\n') ? '\n' : '\n\n');
  }

  /** Starts a page: what follows is on it. */
  page(): void {
    this.separate();
    this.pageStarts.push(this.length);
  }

  /** A paragraph, heading or list item (blank lines around it); trailing whitespace dropped. */
  block(s: string): void {
    const t = s.replace(/\s+$/u, '');
    if (!t.trim()) return;
    this.separate();
    this.push(t);
  }

  /**
   * A table, one line per row: `| cell | cell |`. Rows with no text are skipped; a table of one
   * row is written as text (there is no column to speak of).
   */
  table(rows: readonly (readonly string[])[]): void {
    const cleaned = rows.map((r) => r.map(cellText)).filter((r) => r.some((c) => c.length > 0));
    const width = cleaned.reduce((w, r) => Math.max(w, r.length), 0);
    if (cleaned.length < 2 || width < 1) {
      for (const r of cleaned) this.block(r.filter(Boolean).join(' '));
      return;
    }
    this.separate();
    const region: TableRegion = { rows: [] };
    cleaned.forEach((r, i) => {
      if (i > 0) this.push('\n');
      const cells: TextRange[] = [];
      this.push('|');
      for (let c = 0; c < width; c++) {
        const v = r[c] ?? '';
        this.push(' ');
        cells.push({ start: this.length, end: this.length + v.length });
        this.push(v);
        this.push(' |');
      }
      region.rows.push(cells);
    });
    this.tables.push(region);
  }

  finish(paged: boolean): ExtractedText {
    const text = this.parts.join('');
    const pageStarts = paged && this.pageStarts.length ? [...this.pageStarts] : [0];
    return { text, pageStarts, paged: paged && this.pageStarts.length > 0, tables: this.tables };
  }
}

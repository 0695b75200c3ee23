/**
 * Word (.docx): mammoth turns the document into simple HTML (headings, paragraphs, lists,
 * tables; images dropped), which is read here into blocks and tables. Only mammoth's own output
 * is parsed, so a small tokenizer suffices: no markup from the file reaches the page.
 */
import { TextBuilder, type DocumentError, type ExtractedText } from '../../src/core/documents';

/** The part of mammoth this module uses. */
export interface Mammoth {
  convertToHtml(
    input: { arrayBuffer: ArrayBuffer },
    options?: { convertImage?: unknown; ignoreEmptyParagraphs?: boolean },
  ): Promise<{ value: string }>;
  images: { imgElement(f: (image: unknown) => Promise<{ src: string }>): unknown };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

/** Reads mammoth's HTML into the builder. */
export function writeHtml(b: TextBuilder, html: string): void {
  const re = /<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi;
  let text = '';
  // open tables, innermost last; a nested table's text goes into the outer cell
  const tables: Array<{ rows: string[][]; cell: string | undefined }> = [];
  const flushText = () => {
    const t = decodeEntities(text);
    text = '';
    const table = tables[tables.length - 1];
    if (table && table.cell !== undefined) table.cell += (table.cell ? ' ' : '') + t.trim();
    else b.block(t);
  };
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    const [, close, tagRaw, chunk] = m;
    if (chunk !== undefined) {
      text += chunk;
      continue;
    }
    const tag = (tagRaw ?? '').toLowerCase();
    if (tag === 'br') {
      text += '\n';
      continue;
    }
    if (BLOCKS.has(tag)) {
      if (close || text.trim()) flushText();
      continue;
    }
    if (tag === 'table') {
      if (text.trim()) flushText();
      if (!close) tables.push({ rows: [], cell: undefined });
      else {
        const done = tables.pop();
        if (!done) continue;
        const outer = tables[tables.length - 1];
        if (outer && outer.cell !== undefined)
          outer.cell += ' ' + done.rows.map((r) => r.join(' ')).join(' ');
        else b.table(done.rows);
      }
      continue;
    }
    const table = tables[tables.length - 1];
    if (!table) continue;
    if (tag === 'tr' && !close) table.rows.push([]);
    else if ((tag === 'td' || tag === 'th') && !close) table.cell = '';
    else if ((tag === 'td' || tag === 'th') && close) {
      if (text.trim()) flushText();
      table.rows[table.rows.length - 1]?.push(table.cell ?? '');
      table.cell = undefined;
    }
  }
  if (text.trim()) flushText();
}

export async function extractDocx(
  mammoth: Mammoth,
  bytes: Uint8Array,
  name: string,
  maxChars: number,
): Promise<ExtractedText> {
  // A .docx is a zip archive: anything else (an old .doc, a renamed PDF) is refused up front.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const error: DocumentError = {
      code: 'corrupt',
      message: `"${name}" could not be read as a Word document: it is not a .docx file (an older .doc, or another kind of file renamed?).`,
    };
    throw error;
  }
  let html: string;
  try {
    const buffer = bytes.slice().buffer;
    const r = await mammoth.convertToHtml(
      { arrayBuffer: buffer },
      {
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        ignoreEmptyParagraphs: true,
      },
    );
    html = r.value;
  } catch {
    const error: DocumentError = {
      code: 'corrupt',
      message: `"${name}" could not be read as a Word document: the file is damaged.`,
    };
    throw error;
  }
  const b = new TextBuilder(maxChars);
  writeHtml(b, html);
  return b.finish(false);
}

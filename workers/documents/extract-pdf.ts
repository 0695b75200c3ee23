/**
 * PDF: the text layer through pdf.js, page by page, with progress and cancellation between pages.
 * Lines are rebuilt from the positioned text items; a run of lines whose items stand in the same
 * number of clearly separated columns becomes a table. A PDF whose pages carry (almost) no text
 * is a scan: refused with a clear message, since Hearth does not read text from images.
 *
 * pdf.js is injected (the browser's build in the worker, the legacy build under Node in tests),
 * and runs without a worker of its own: this already is one.
 */
import { TextBuilder, type DocumentError, type ExtractedText } from '../../src/core/documents';

/** The part of pdf.js this module uses. */
export interface PdfJs {
  getDocument(params: {
    data: Uint8Array;
    isEvalSupported: boolean;
    useWorkerFetch: boolean;
    disableFontFace: boolean;
    useSystemFonts: boolean;
    useWasm: boolean;
    stopAtErrors: boolean;
    verbosity: number;
    cMapUrl?: string;
    cMapPacked?: boolean;
  }): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfPage {
  getTextContent(): Promise<{ items: unknown[] }>;
  cleanup(): void;
}
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PdfOptions {
  maxChars: number;
  /** Where the packed CMaps are served (needed for CJK fonts without embedded maps). */
  cMapUrl?: string;
  onPage?: (page: number, pages: number) => void;
  cancelled?: () => boolean;
}

/** Fewer non-space characters per page than this on average: a scan without a text layer. */
export const MIN_CHARS_PER_PAGE = 20;

const isTextItem = (v: unknown): v is TextItem =>
  typeof v === 'object' && v !== null && typeof (v as TextItem).str === 'string';

interface Line {
  y: number;
  height: number;
  /** Cells: runs of items separated by a wide gap. */
  cells: string[];
}

/** Groups a page's items into lines, and each line's items into cells at wide gaps. */
function linesOf(items: readonly TextItem[]): Line[] {
  const lines: Line[] = [];
  let cur: (Line & { right: number; text: string }) | undefined;
  const flush = () => {
    if (!cur) return;
    cur.cells.push(cur.text);
    lines.push({ y: cur.y, height: cur.height, cells: cur.cells.map((c) => c.trim()) });
    cur = undefined;
  };
  for (const it of items) {
    const x = it.transform[4] ?? 0;
    const y = it.transform[5] ?? 0;
    const h = Math.abs(it.height || it.transform[3] || 10);
    const blank = !it.str.trim();
    if (cur && Math.abs(y - cur.y) > Math.max(cur.height, h) * 0.5 && !blank) flush();
    if (!cur) {
      if (blank) continue;
      cur = { y, height: h, cells: [], right: x + it.width, text: it.str };
    } else if (!blank) {
      const gap = x - cur.right;
      if (gap > Math.max(cur.height, h) * 1.5) {
        cur.cells.push(cur.text);
        cur.text = it.str;
      } else {
        const needsSpace = gap > h * 0.15 && !cur.text.endsWith(' ') && !it.str.startsWith(' ');
        cur.text += (needsSpace ? ' ' : '') + it.str;
      }
      cur.right = x + it.width;
    } else if (!cur.text.endsWith(' ')) {
      // a spacer item: a word gap unless it is wide (then the next item starts a cell)
      if (it.width <= Math.max(cur.height, h) * 1.5) cur.text += ' ';
      cur.right = Math.max(cur.right, x);
    }
    if (it.hasEOL) flush();
  }
  flush();
  return lines.filter((l) => l.cells.some((c) => c.length > 0));
}

/** Writes a page: tables for runs of 2+ lines with the same number (2+) of cells, paragraphs otherwise. */
function writePage(b: TextBuilder, lines: readonly Line[]): void {
  let para: string[] = [];
  let lastY: number | undefined;
  let lastH = 0;
  const endPara = () => {
    if (para.length) b.block(para.join('\n'));
    para = [];
  };
  for (let i = 0; i < lines.length;) {
    const l = lines[i] as Line;
    const width = l.cells.length;
    let j = i + 1;
    if (width >= 2) while (j < lines.length && lines[j]?.cells.length === width) j++;
    if (width >= 2 && j - i >= 2) {
      endPara();
      b.table(lines.slice(i, j).map((x) => x.cells));
      lastY = undefined;
      i = j;
      continue;
    }
    // a wide gap above the line, or another font size (a heading), starts a new paragraph
    if (
      lastY !== undefined &&
      (Math.abs(lastY - l.y) > Math.max(lastH, l.height) * 1.8 ||
        Math.abs(lastH - l.height) > Math.max(lastH, l.height) * 0.2)
    )
      endPara();
    para.push(l.cells.join('  '));
    lastY = l.y;
    lastH = l.height;
    i++;
  }
  endPara();
}

function pdfError(name: string, err: unknown): DocumentError {
  const kind = (err as { name?: string } | null)?.name ?? '';
  if (kind === 'PasswordException')
    return {
      code: 'encrypted',
      message: `"${name}" is protected by a password. Open it, save a copy without the password, and attach that.`,
    };
  return {
    code: 'corrupt',
    message: `"${name}" could not be read as a PDF: the file is damaged or is not really a PDF.`,
  };
}

export async function extractPdf(
  pdfjs: PdfJs,
  bytes: Uint8Array,
  name: string,
  options: PdfOptions,
): Promise<{ text: ExtractedText; pages: number }> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw pdfError(name, new Error('no PDF header'));
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer it is given: pass a copy, the caller keeps its bytes
    data: bytes.slice(),
    isEvalSupported: false, // the app's CSP forbids eval; pdf.js then uses its interpreter
    useWorkerFetch: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false, // image decoders only: text extraction never needs them
    stopAtErrors: false,
    verbosity: 0,
    ...(options.cMapUrl ? { cMapUrl: options.cMapUrl, cMapPacked: true } : {}),
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw pdfError(name, err);
  }
  try {
    const b = new TextBuilder(options.maxChars);
    let nonSpace = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      if (options.cancelled?.()) {
        const error: DocumentError = {
          code: 'cancelled',
          message: `Reading "${name}" was stopped.`,
        };
        throw error;
      }
      let items: TextItem[];
      try {
        const page = await doc.getPage(p);
        items = (await page.getTextContent()).items.filter(isTextItem);
        page.cleanup();
      } catch (err) {
        throw pdfError(name, err);
      }
      for (const it of items) nonSpace += it.str.replace(/\s+/g, '').length;
      b.page();
      writePage(b, linesOf(items));
      options.onPage?.(p, doc.numPages);
    }
    if (nonSpace < MIN_CHARS_PER_PAGE * Math.max(1, doc.numPages)) {
      const error: DocumentError = {
        code: 'no_text_layer',
        message: `"${name}" has no text layer: it looks like a scanned image. Hearth cannot read text from images; attach a version with text (run OCR on it first, or export it again as text).`,
      };
      throw error;
    }
    return { text: b.finish(true), pages: doc.numPages };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

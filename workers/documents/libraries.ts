/**
 * The browser's pdf.js and mammoth, loaded on first use inside the documents worker. Both are
 * bundled by Vite and precached by the service worker: nothing is fetched from elsewhere.
 */
import type { Mammoth } from './extract-docx';
import type { PdfJs } from './extract-pdf';

export async function loadPdfJs(): Promise<PdfJs> {
  // pdf.js normally starts a worker of its own; this already is one, so its worker code runs here
  // ("fake worker" mode, chosen when globalThis.pdfjsWorker is set before the first document).
  const [lib, worker] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.mjs'),
  ]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return lib as unknown as PdfJs;
}

export async function loadMammoth(): Promise<Mammoth> {
  const m = await import('mammoth');
  return (m.default ?? m) as unknown as Mammoth;
}

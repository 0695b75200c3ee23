/**
 * pdf.js and mammoth as they run under Node for the tests: pdf.js's legacy build (its worker code
 * in this thread, as in the browser's documents worker), and mammoth reading a Buffer (its
 * browser build takes the ArrayBuffer the worker passes).
 */
import type { Mammoth } from '../extract-docx';
import type { PdfJs } from '../extract-pdf';
import type { DocumentLibraries } from '../documents-service';

export async function nodePdfJs(): Promise<PdfJs> {
  const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
}

export async function nodeMammoth(): Promise<Mammoth> {
  const m = (await import('mammoth')).default;
  return {
    images: m.images as unknown as Mammoth['images'],
    convertToHtml: (input, options) =>
      m.convertToHtml({ buffer: Buffer.from(input.arrayBuffer) }, options as never),
  };
}

export const nodeLibraries: DocumentLibraries = { pdfjs: nodePdfJs, mammoth: nodeMammoth };

/** The documents worker: reads attached files into text, chunks and indexes them, retrieves passages. */
import { expose } from 'comlink';
import { createDocumentsService } from './documents/documents-service';
import { loadMammoth, loadPdfJs } from './documents/libraries';

expose(
  createDocumentsService({ pdfjs: loadPdfJs, mammoth: loadMammoth, cMapUrl: '/pdfjs/cmaps/' }),
);

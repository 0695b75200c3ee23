/** pdf.js's worker code, imported to run in the documents worker itself (see libraries.ts). */
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

/** The same for the legacy build, which the tests run under Node. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

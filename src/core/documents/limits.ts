/**
 * What Hearth accepts as an attachment and how much of it: checked in the page before a file is
 * read, and again in the worker while it is read (a 20 MB PDF can hold far more text than a
 * message may carry, so extraction stops as soon as the text limit is passed).
 */
import type { DocumentError, DocumentKind } from './types';

export const DOCUMENT_LIMITS = {
  /** Largest file, bytes (20 MiB). */
  fileBytes: 20 * 1024 * 1024,
  /** Files per message. */
  filesPerMessage: 5,
  /** Characters of extracted text per message, all files together. */
  messageChars: 200_000,
  /** A document up to this many characters is sent whole (when it fits the context budget). */
  shortDocumentChars: 8_000,
  /** Characters of document text that accompany one request at most. */
  contextChars: 12_000,
  /** A passage aims at this many characters and never exceeds `chunkMaxChars`. */
  chunkChars: 1_200,
  chunkMaxChars: 1_800,
} as const;

const EXTENSIONS: Record<string, DocumentKind> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  csv: 'csv',
  pdf: 'pdf',
  docx: 'docx',
};

/** What the file picker offers. */
export const ACCEPT_ATTRIBUTE = '.txt,.text,.md,.markdown,.csv,.pdf,.docx';

export const KIND_NAMES: Record<DocumentKind, string> = {
  text: 'text',
  markdown: 'Markdown',
  csv: 'CSV table',
  pdf: 'PDF',
  docx: 'Word document',
};

/** The kind of a file by its extension (the content is checked when it is read). */
export function kindOf(name: string): DocumentKind | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  return EXTENSIONS[name.slice(dot + 1).toLowerCase()];
}

/** "1.2 MB", "340 KB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

const SUPPORTED =
  'plain text (.txt), Markdown (.md), CSV (.csv), PDF (.pdf) and Word (.docx) files';

/**
 * Checks a file before it is read: its type by extension, its size, and how many files the
 * message already carries. Returns the error to show, or undefined.
 */
export function checkFile(
  name: string,
  bytes: number,
  alreadyAttached: number,
): DocumentError | undefined {
  if (alreadyAttached >= DOCUMENT_LIMITS.filesPerMessage) {
    return {
      code: 'too_many_files',
      message: `"${name}" was not attached: a message can carry at most ${DOCUMENT_LIMITS.filesPerMessage} files.`,
    };
  }
  const kind = kindOf(name);
  if (!kind) {
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
    const hint =
      ext === '.doc'
        ? ' Older Word files (.doc) are not supported: save it as .docx.'
        : ext === '.xlsx' || ext === '.xls'
          ? ' Save the sheet as CSV to attach it.'
          : '';
    return {
      code: 'unsupported_type',
      message: `"${name}" cannot be attached: Hearth reads ${SUPPORTED}.${hint}`,
    };
  }
  if (bytes > DOCUMENT_LIMITS.fileBytes) {
    return {
      code: 'too_large',
      message: `"${name}" is ${formatBytes(bytes)}; a file can be at most ${formatBytes(DOCUMENT_LIMITS.fileBytes)}.`,
    };
  }
  if (bytes === 0) return { code: 'empty', message: `"${name}" is empty.` };
  return undefined;
}

/** The error for text beyond what the message can still carry. */
export function tooMuchText(name: string, allowedChars: number): DocumentError {
  const total = formatCount(DOCUMENT_LIMITS.messageChars);
  return {
    code: 'too_much_text',
    message:
      allowedChars < DOCUMENT_LIMITS.messageChars
        ? `"${name}" has more text than this message can still carry (${formatCount(allowedChars)} of ${total} characters are left after the other files). Attach it to a message of its own, or a shorter part of it.`
        : `"${name}" has more than ${total} characters of text, the most a message can carry. Attach a shorter part of it.`,
  };
}

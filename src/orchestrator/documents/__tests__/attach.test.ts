import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../core/policy';
import { DOCUMENT_LIMITS, type DocumentAnalysis } from '../../../core/documents';
import { createDocumentsService } from '../../../../workers/documents/documents-service';
import { createDocumentAnalysis } from '../../../../workers/document-analysis';
import { nodeLibraries } from '../../../../workers/documents/__tests__/node-libraries';
import { readAttachment, toNewDocument, type AttachWorkers } from '../attach';
import { DocumentFailure } from '../failure';

const docs = createDocumentsService(nodeLibraries);
const analysis = createDocumentAnalysis(undefined);
const workers: AttachWorkers = {
  extract: (file, name, maxChars, onProgress) => docs.extract({ file, name, maxChars }, onProgress),
  analyze: (req, onProgress) => analysis.analyzeDocument(req, onProgress),
};
const options = { alreadyAttached: 0, charsUsed: 0, policy: DEFAULT_POLICY };

async function failure(p: Promise<unknown>): Promise<DocumentFailure> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DocumentFailure);
    return err as DocumentFailure;
  }
  throw new Error('expected a refusal');
}

describe('reading an attachment', () => {
  it('reads, checks and prepares a file for storage', async () => {
    const file = new File(
      ['Name,Email\nBo Ek,bo@example.org\nXu Li,xu@example.org\n'],
      'staff.csv',
    );
    const stages: string[] = [];
    const p = await readAttachment(file, options, (s) => stages.push(s.stage), workers);
    expect(p.extracted.kind).toBe('csv');
    expect(p.analysis.columns.map((c) => c.header)).toEqual(['Name', 'Email']);
    expect(new Set(stages)).toEqual(new Set(['reading', 'indexing', 'checking']));
    const stored = toNewDocument(p);
    expect(stored.document).toMatchObject({
      id: p.id,
      name: 'staff.csv',
      kind: 'csv',
      personalColumns: 2,
    });
    expect(stored.text.knownValues).toContainEqual({ value: 'Xu Li', type: 'PERSON' });
    expect(stored.index).toBe(p.extracted.index);
  });

  it('refuses before reading: wrong type, too large, a sixth file, no text left in the message', async () => {
    expect(
      (await failure(readAttachment(new File(['x'], 'a.png'), options, () => undefined, workers)))
        .code,
    ).toBe('unsupported_type');
    const big = new File([new Uint8Array(DOCUMENT_LIMITS.fileBytes + 1)], 'big.txt');
    expect((await failure(readAttachment(big, options, () => undefined, workers))).code).toBe(
      'too_large',
    );
    const file = new File(['hello'], 'a.txt');
    expect(
      (
        await failure(
          readAttachment(file, { ...options, alreadyAttached: 5 }, () => undefined, workers),
        )
      ).code,
    ).toBe('too_many_files');
    expect(
      (
        await failure(
          readAttachment(
            file,
            { ...options, charsUsed: DOCUMENT_LIMITS.messageChars },
            () => undefined,
            workers,
          ),
        )
      ).code,
    ).toBe('too_much_text');
  });

  it('does not attach a file that could not be checked for personal data', async () => {
    const broken: AttachWorkers = {
      ...workers,
      analyze: async (): Promise<DocumentAnalysis> => {
        throw new Error('the analysis worker could not start');
      },
    };
    const f = await failure(
      readAttachment(new File(['hello'], 'a.txt'), options, () => undefined, broken),
    );
    expect(f).toMatchObject({
      code: 'worker_failed',
      message: expect.stringContaining('could not be checked for personal data'),
    });
  });
});

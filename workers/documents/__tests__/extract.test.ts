/**
 * Reading files into text with the real libraries (pdf.js, mammoth, Papa Parse) on files that
 * testing/doc-fixtures.ts writes, through the documents service as the worker runs it.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import {
  makeCsv,
  makeDocx,
  makePdf,
  makeScannedPdf,
  plantedReport,
} from '../../../testing/doc-fixtures';
import type { DocumentProgress, ExtractedDocument } from '../../../src/core/documents';
import { createDocumentsService } from '../documents-service';
import { nodeLibraries } from './node-libraries';

const service = createDocumentsService(nodeLibraries);

function read(
  name: string,
  bytes: Buffer | string,
  maxChars = 200_000,
  progress: DocumentProgress[] = [],
) {
  return service.extract(
    { file: new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name, maxChars },
    (p) => progress.push(p),
  );
}

async function refusal(p: Promise<ExtractedDocument>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the file to be refused');
}

const cells = (d: ExtractedDocument, t = 0) =>
  d.tables[t]?.rows.map((r) => r.map((c) => d.text.slice(c.start, c.end)));

describe('PDF', () => {
  it('reads the text layer page by page, with tables as tables, and reports progress', async () => {
    const pdf = await makePdf([
      [{ heading: 'Site report' }, { paragraph: 'The pump was replaced on Tuesday.' }],
      [
        { paragraph: 'Staff on shift:' },
        {
          table: [
            ['Name', 'Email'],
            ['Maren Vandersloot', 'maren@example.org'],
            ['Bo Ek', 'bo@example.org'],
          ],
        },
      ],
    ]);
    const progress: DocumentProgress[] = [];
    const d = await read('report.pdf', pdf, 200_000, progress);
    expect(d).toMatchObject({ kind: 'pdf', pages: 2, paged: true, bytes: pdf.length });
    expect(d.text).toContain('Site report\n\nThe pump was replaced on Tuesday.');
    expect(d.text.indexOf('Staff on shift:')).toBeGreaterThanOrEqual(d.pageStarts[1] ?? Infinity);
    expect(cells(d)).toEqual([
      ['Name', 'Email'],
      ['Maren Vandersloot', 'maren@example.org'],
      ['Bo Ek', 'bo@example.org'],
    ]);
    expect(progress.filter((p) => p.stage === 'reading' && p.detail).map((p) => p.detail)).toEqual([
      'page 1 of 2',
      'page 2 of 2',
    ]);
    expect(d.chunks.map((c) => c.page)).toEqual([1, 2, 2]);
    expect(JSON.parse(d.index)).toMatchObject({ documentCount: 3 });
  });

  it('refuses a scan without a text layer, a damaged file, a password-protected one and a non-PDF', async () => {
    expect(await refusal(read('scan.pdf', await makeScannedPdf(3)))).toMatchObject({
      code: 'no_text_layer',
      message: expect.stringContaining('"scan.pdf" has no text layer'),
    });
    const real = await makePdf([[{ paragraph: 'Hello there, this is a PDF.' }]]);
    const broken = Buffer.concat([real.subarray(0, 60), Buffer.from('x'.repeat(300))]);
    expect(await refusal(read('broken.pdf', broken))).toMatchObject({
      code: 'corrupt',
      message:
        '"broken.pdf" could not be read as a PDF: the file is damaged or is not really a PDF.',
    });
    const locked = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner' });
    const parts: Buffer[] = [];
    locked.on('data', (b: Buffer) => parts.push(b));
    const done = new Promise((r) => locked.on('end', r));
    locked.text('Locked text that needs a password to read.');
    locked.end();
    await done;
    expect((await refusal(read('locked.pdf', Buffer.concat(parts)))).code).toBe('encrypted');
    expect((await refusal(read('notes.pdf', 'just some text'))).code).toBe('corrupt');
  });

  it('stops reading once the text passes what the message may still carry', async () => {
    const report = plantedReport(20, 3);
    const pdf = await makePdf(report.pages);
    expect(await refusal(read('long.pdf', pdf, 5_000))).toMatchObject({
      code: 'too_much_text',
      message: expect.stringContaining('5,000 of 200,000 characters are left'),
    });
  });

  it('stops when cancelled between pages', async () => {
    const pdf = await makePdf(plantedReport(30, 5).pages);
    const pending = service.extract(
      { file: new Blob([new Uint8Array(pdf)]), name: 'big.pdf', maxChars: 200_000 },
      (p) => {
        if (p.detail === 'page 2 of 30') void service.cancel('op-1');
      },
      'op-1',
    );
    expect((await refusal(pending)).code).toBe('cancelled');
  });
});

describe('Word', () => {
  it('reads headings, paragraphs and tables', async () => {
    const docx = await makeDocx([
      { heading: 'Staff list' },
      { paragraph: 'Contact Maren & co <b> for changes.' },
      {
        table: [
          ['Name', 'Phone'],
          ['Bo Ek', '+1 555 0142'],
        ],
      },
    ]);
    const d = await read('staff.docx', docx);
    expect(d).toMatchObject({ kind: 'docx', pages: 0, paged: false });
    expect(d.text).toBe(
      'Staff list\n\nContact Maren & co <b> for changes.\n\n| Name | Phone |\n| Bo Ek | +1 555 0142 |',
    );
    expect(cells(d)).toEqual([
      ['Name', 'Phone'],
      ['Bo Ek', '+1 555 0142'],
    ]);
  });

  it('refuses an old .doc or a damaged archive', async () => {
    expect(
      await refusal(read('old.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]))),
    ).toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('is not a .docx file'),
    });
    expect((await refusal(read('cut.docx', Buffer.from('PK\u0003\u0004 truncated')))).code).toBe(
      'corrupt',
    );
  });
});

describe('CSV and text', () => {
  it('parses CSV with quoted cells and a detected delimiter into one table', async () => {
    const d = await read(
      'staff.csv',
      makeCsv([
        ['Name', 'Note'],
        ['Ek, Bo', 'said "hi"\nthen left'],
      ]),
    );
    expect(cells(d)).toEqual([
      ['Name', 'Note'],
      ['Ek, Bo', 'said "hi" then left'],
    ]);
    const semi = await read('semi.csv', 'a;b\n1;2\n3;4\n');
    expect(cells(semi)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('decodes UTF-16 and Windows-1252 text and refuses binary data named .txt', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Grüße aus Kiel', 'utf16le'),
    ]);
    expect((await read('a.txt', utf16)).text).toBe('Grüße aus Kiel');
    expect((await read('b.txt', Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]))).text).toBe('Grüße');
    expect(
      await refusal(read('c.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))),
    ).toMatchObject({
      code: 'not_text',
      message: expect.stringContaining('does not look like a text file'),
    });
  });

  it('finds Markdown tables and normalises line ends', async () => {
    const d = await read('t.md', '# T\r\n\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n');
    expect(d.text).toBe('# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(cells(d)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('refuses a file with no text and a type it does not read', async () => {
    expect((await refusal(read('blank.txt', '   \n\n'))).code).toBe('empty');
    expect((await refusal(read('x.exe', 'MZ'))).code).toBe('unsupported_type');
  });
});

describe('retrieval', () => {
  it('finds the passage that answers a question in a 100-page report, on its page', async () => {
    const report = plantedReport(100, 7);
    const d = await read('report.pdf', await makePdf(report.pages));
    expect(d.pages).toBe(100);
    for (const fact of report.facts) {
      const [best] = await service.retrieve(
        fact.question,
        [{ documentId: 'r', index: d.index }],
        3,
      );
      expect(best && d.chunks[best.chunk]?.page).toBe(fact.page);
    }
  });
});

/**
 * Test documents written by the project: PDF (pdfkit), Word (docx), CSV and text files built
 * from text this module writes, so that tests and benchmarks never depend on files copied from
 * elsewhere. Deterministic: the same seed gives the same bytes' content.
 *
 * - `makePdf(pages)`: one page per entry, paragraphs and tables (columns placed apart, as a
 *   table in a real PDF is: pdf.js sees positioned text, not cells).
 * - `makeScannedPdf(pages)`: pages with drawings and no text layer (what a scan looks like).
 * - `makeDocx(blocks)`, `makeCsv(rows)`.
 * - `plantedReport(pages)`: a long report with personal values planted on known pages, tables of
 *   staff, and facts that questions can find ("the gearbox warranty is seven years", page 37).
 */
import PDFDocument from 'pdfkit';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { friendlyFormatIBAN } from 'ibantools';

export type Block = { heading: string } | { paragraph: string } | { table: string[][] };

/** A page of blocks. */
export type Page = Block[];

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
  });
}

export async function makePdf(pages: readonly Page[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, autoFirstPage: false, compress: true });
  const done = collect(doc);
  for (const page of pages) {
    doc.addPage();
    for (const block of page) {
      if ('heading' in block)
        doc.font('Helvetica-Bold').fontSize(15).text(block.heading).moveDown(0.5);
      else if ('paragraph' in block)
        doc.font('Helvetica').fontSize(10).text(block.paragraph, { align: 'left' }).moveDown(0.6);
      else {
        doc.font('Helvetica').fontSize(9);
        // each column as wide as its widest cell plus a gap: cells never wrap
        const widths = (block.table[0] ?? []).map((_, i) =>
          Math.max(...block.table.map((r) => doc.widthOfString(r[i] ?? ''))),
        );
        for (const row of block.table) {
          const y = doc.y;
          let x = 56;
          row.forEach((cell, i) => {
            doc.text(cell, x, y, { lineBreak: false });
            x += (widths[i] ?? 0) + 24;
          });
          doc.x = 56;
          doc.y = y + 14;
        }
        doc.moveDown(0.8);
      }
    }
  }
  doc.end();
  return done;
}

/** Pages with shapes only: no text layer, as a scanned document. */
export async function makeScannedPdf(pages = 2): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const done = collect(doc);
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    for (let i = 0; i < 30; i++) doc.rect(60, 60 + i * 22, 300 + ((i * 37) % 160), 9).fill('#333');
  }
  doc.end();
  return done;
}

export async function makeDocx(blocks: readonly Block[]): Promise<Buffer> {
  const children = blocks.map((b) => {
    if ('heading' in b) return new Paragraph({ text: b.heading, heading: HeadingLevel.HEADING_1 });
    if ('paragraph' in b) return new Paragraph(b.paragraph);
    return new Table({
      rows: b.table.map(
        (r) =>
          new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
      ),
    });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** RFC 4180 CSV: cells with commas, quotes or line breaks quoted. */
export function makeCsv(rows: readonly (readonly string[])[]): Buffer {
  const cell = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

// ---------------------------------------------------------------------------------------------
// A long report with planted personal values.

/** mulberry32: small, seeded, good enough for test text. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Invented names (given + family), written for these fixtures.
const GIVEN = [
  'Maren',
  'Tobias',
  'Ingrid',
  'Rafael',
  'Selma',
  'Joaquim',
  'Petra',
  'Anselm',
  'Liesel',
  'Oskar',
  'Nadia',
  'Cormac',
  'Elodie',
  'Bastian',
  'Yvette',
  'Dorian',
  'Henrike',
  'Matteo',
  'Svea',
  'Lorcan',
];
const FAMILY = [
  'Vandersloot',
  'Kirchhoff',
  'Abernathy',
  'Okonkwo',
  'Lindqvist',
  'Ferreira',
  'Halvorsen',
  'Brennecke',
  'Castellano',
  'Moriarty',
  'Szabados',
  'Engebretsen',
  'Quintero',
  'Ravensworth',
  'Dahlgren',
  'Ostrowski',
  'Fairweather',
  'Nakashima',
  'Thorvaldsen',
  'Pellegrini',
];
const TOPICS = [
  'procurement',
  'maintenance schedules',
  'supplier audits',
  'energy use',
  'site safety',
  'training plans',
  'inventory levels',
  'quality checks',
  'logistics',
  'budget review',
];
const SUBJECTS = [
  'The team',
  'The plant',
  'Our group',
  'The department',
  'The committee',
  'The project',
];
const VERBS = ['reviewed', 'updated', 'compared', 'documented', 'summarised', 'checked', 'planned'];
const OBJECTS = [
  'the quarterly figures',
  'the delivery times',
  'the open actions',
  'the cost estimates',
  'the inspection notes',
  'the shift rota',
  'the spare parts list',
  'the process manual',
];
const ENDS = [
  'before the next meeting.',
  'with the regional office.',
  'for the coming quarter.',
  'against last year.',
  'in the shared folder.',
  'as agreed in March.',
  'after the site visit.',
];

/** A fact on a known page and the question that should find it. */
export interface PlantedFact {
  page: number;
  sentence: string;
  question: string;
}

const FACTS: Array<Omit<PlantedFact, 'page'>> = [
  {
    sentence: 'The warranty on the turbine gearbox runs for seven years from commissioning.',
    question: 'How long does the warranty on the turbine gearbox run?',
  },
  {
    sentence: 'Termination of the cleaning contract requires ninety days written notice.',
    question: 'What notice is required for termination of the cleaning contract?',
  },
  {
    sentence: 'The emergency generator is tested on the first Monday of every month.',
    question: 'When is the emergency generator tested?',
  },
  {
    sentence: 'Forklift licences must be renewed every three years at the depot in Halden.',
    question: 'How often must forklift licences be renewed?',
  },
  {
    sentence: 'The wastewater permit allows a maximum discharge of forty cubic metres per day.',
    question: 'What maximum discharge does the wastewater permit allow?',
  },
];

export interface PlantedReport {
  pages: Page[];
  /** Every personal value written into the report (what must never reach a provider). */
  planted: string[];
  facts: PlantedFact[];
}

function iban(r: () => number): string {
  // German IBAN: 18-digit BBAN; check digits computed (mod 97) so validators accept it
  let bban = '';
  for (let i = 0; i < 18; i++) bban += Math.floor(r() * 10);
  const numeric = `${bban}131400`; // "DE00" moved to the end, letters as numbers (D=13, E=14)
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  const check = String(98 - rem).padStart(2, '0');
  return friendlyFormatIBAN(`DE${check}${bban}`) ?? `DE${check}${bban}`;
}

/**
 * `pageCount` pages of about 1,800 characters: a heading, paragraphs of report prose, planted
 * contacts (name, e-mail, phone, IBAN) on every fourth page, a staff table on every tenth, and
 * the facts on pages spread through the document.
 */
export function plantedReport(pageCount = 100, seed = 7): PlantedReport {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const planted = new Set<string>();
  const person = () => {
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    return { name: `${given} ${family}`, email: `${given}.${family}@example.org`.toLowerCase() };
  };
  const phone = () => `+1 555 01${String(Math.floor(r() * 100)).padStart(2, '0')}`;
  const sentence = () => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(ENDS)}`;
  const factPages = FACTS.map((_, i) =>
    Math.min(pageCount, Math.round(((i + 1) * pageCount) / (FACTS.length + 1)) + 2),
  );
  const facts: PlantedFact[] = [];
  const pages: Page[] = [];
  for (let p = 1; p <= pageCount; p++) {
    const page: Page = [{ heading: `Section ${p}: ${pick(TOPICS)}` }];
    for (let k = 0; k < 4; k++) {
      const sentences = Array.from({ length: 5 }, sentence);
      if (k === 1 && p % 4 === 0) {
        const c = person();
        const tel = phone();
        const account = iban(r);
        planted.add(c.name).add(c.email).add(tel).add(account);
        sentences.push(
          `Questions about this section go to ${c.name} (${c.email}, phone ${tel}); refunds are paid to the account ${account}.`,
        );
      }
      const f = factPages.indexOf(p);
      if (k === 2 && f >= 0) {
        const fact = FACTS[f] as Omit<PlantedFact, 'page'>;
        sentences.splice(2, 0, fact.sentence);
        facts.push({ ...fact, page: p });
      }
      page.push({ paragraph: sentences.join(' ') });
    }
    if (p % 10 === 5) {
      const rows = [['Name', 'Email', 'Phone', 'Shift']];
      for (let i = 0; i < 4; i++) {
        const c = person();
        const tel = phone();
        planted.add(c.name).add(c.email).add(tel);
        rows.push([c.name, c.email, tel, pick(['early', 'late', 'night'])]);
      }
      page.push({ table: rows });
    }
    pages.push(page);
  }
  return { pages, planted: [...planted], facts };
}

/** The report as plain text (for the text-file variant and for checks). */
export function pagesAsText(pages: readonly Page[]): string {
  return pages
    .map((page) =>
      page
        .map((b) =>
          'heading' in b
            ? b.heading
            : 'paragraph' in b
              ? b.paragraph
              : b.table.map((r) => r.join('\t')).join('\n'),
        )
        .join('\n\n'),
    )
    .join('\n\n');
}

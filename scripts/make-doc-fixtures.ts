/**
 * `npm run -s fixtures:docs -- <folder>`: writes the project's generated test documents to a
 * folder, to attach them by hand in the running app (the tests and bench:docs build the same
 * files in memory from testing/doc-fixtures.ts). Nothing in them is copied from elsewhere; the
 * names and values are invented.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  makeCsv,
  makeDocx,
  makePdf,
  makeScannedPdf,
  pagesAsText,
  plantedReport,
} from '../testing/doc-fixtures';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run -s fixtures:docs -- <folder>');
    process.exit(2);
  }
  await mkdir(dir, { recursive: true });
  const report = plantedReport(100, 7);
  const staff = [
    ['Name', 'Email', 'Team'],
    ['Ingrid Halvorsen', 'ingrid.halvorsen@example.org', 'Logistics'],
    ['Xu Li', 'xu.li@example.org', 'Logistics'],
    ['Bo Ek', 'bo.ek@example.org', 'Quality'],
  ];
  const files: Array<[string, Buffer]> = [
    ['report-100-pages.pdf', await makePdf(report.pages)],
    ['report-100-pages.txt', Buffer.from(pagesAsText(report.pages))],
    ['scanned.pdf', await makeScannedPdf(2)],
    ['staff.csv', makeCsv(staff)],
    ['staff.docx', await makeDocx([{ heading: 'Staff' }, { table: staff }])],
  ];
  for (const [name, bytes] of files) {
    await writeFile(path.join(dir, name), bytes);
    console.log(`${path.join(dir, name)}  ${bytes.length} bytes`);
  }
  console.log('questions the report answers:');
  for (const f of report.facts) console.log(`  page ${f.page}: ${f.question}`);
}

main().catch((err: unknown) => {
  console.error(`fixtures:docs failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

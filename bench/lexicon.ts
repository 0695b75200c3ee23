/**
 * `npm run bench:lexicon`: recall and precision of the regulated-content recogniser per category
 * and language, on the development cases (written with the lexicon), the fresh cases (written
 * afterwards, held out until their first run) and the second fresh cases (written after the fixes
 * that followed, held out until their first run). Pattern-stage entities plus the PERSON
 * a case names (what the NER stage would add). Prints Markdown tables and the cases it gets wrong.
 *
 *   npm run bench:lexicon [-- --set dev|fresh|fresh2] [--wrong]
 */
import os from 'node:os';

interface Cell {
  tp: number;
  fp: number;
  fn: number;
}
interface Score {
  cells: Record<string, Record<string, Cell>>;
  wrong: { lang: string; text: string; expected: string; found: string }[];
  total: number;
}
interface Cases {
  scoreSet(set: 'dev' | 'fresh' | 'fresh2'): Score;
}

// The cases live with the tests; the test project owns them, so they are loaded at run time
// (as src/orchestrator/__tests__/stub.ts loads testing/).
const CASES_MODULE = '../src/core/analysis/__tests__/cases/index';
const { scoreSet } = (await import(CASES_MODULE)) as Cases;

const LANGS = ['en', 'de', 'pt', 'da', 'sv', 'nl', 'fr', 'es'];
const args = process.argv.slice(2);
const only = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
const showWrong = args.includes('--wrong');

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(0)}%`);

function table(s: Score, metric: 'recall' | 'precision'): string {
  const rows = [
    `| ${metric} | ${LANGS.join(' | ')} | all |`,
    `|---|${LANGS.map(() => '---:').join('|')}|---:|`,
  ];
  for (const [cat, byLang] of Object.entries(s.cells)) {
    let n = 0;
    let d = 0;
    const cells = LANGS.map((l) => {
      const c = byLang[l] as Cell;
      const den = metric === 'recall' ? c.tp + c.fn : c.tp + c.fp;
      n += c.tp;
      d += den;
      return `${pct(c.tp, den)} (${c.tp}/${den})`;
    });
    rows.push(`| ${cat} | ${cells.join(' | ')} | ${pct(n, d)} (${n}/${d}) |`);
  }
  return rows.join('\n');
}

console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`,
);
for (const set of ['dev', 'fresh', 'fresh2'] as const) {
  if (only && only !== set) continue;
  const s = scoreSet(set);
  console.log(`\n## ${set} set: ${s.total} cases, ${s.total - s.wrong.length} exactly right\n`);
  console.log(table(s, 'recall'));
  console.log();
  console.log(table(s, 'precision'));
  if (showWrong && s.wrong.length) {
    console.log('\nwrong:');
    for (const w of s.wrong)
      console.log(`  [${w.lang}] ${w.text}\n      expected "${w.expected}", found "${w.found}"`);
  }
}

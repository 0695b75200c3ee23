/**
 * Turns the hand-written evaluation text in bench/data/src/<lang>.txt into labelled JSON Lines
 * (bench/data/hearth_<lang>.jsonl, the format of ../shared/pii-data: UTF-16 offsets, end exclusive).
 *
 * Source format: `## <id> <register>` starts a record; the lines up to the next `##` (trailing
 * blank lines trimmed) are its text; `[[value|P]]`, `[[value|L]]`, `[[value|O]]` mark a person,
 * location or organisation, `[[value|X]]` other personal data that is not scored (label OTHER:
 * its words count neither as personal nor as non-personal). Lines starting with `# ` are comments.
 *
 * These files were written before any tuning and are never tuned on (see docs/benchmarks.md).
 * Usage: npx tsx bench/data/build.ts [<folder> <prefix>]: by default src/ -> hearth_<lang>.jsonl;
 * `fresh fresh` builds fresh/src/ -> fresh/fresh_<lang>.jsonl (the second unseen set) and
 * `tune tune` tune/src/ -> tune/tune_<lang>.jsonl (the tuning set), see bench/data/README.md.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRUCTURED_LABELS } from '../lib/span-score';

const root = path.dirname(fileURLToPath(import.meta.url));
const [folder, prefix = 'hearth'] = process.argv.slice(2);
const here = folder ? path.join(root, folder) : root;
const LABEL: Record<string, string> = { P: 'PERSON', L: 'LOCATION', O: 'ORGANIZATION', X: 'OTHER' };
/** Structured labels are written out: [[jane@example.com|EMAIL]] (src/structured.txt). */
const FULL_LABELS = new Set(STRUCTURED_LABELS);
const MARK = /\[\[([^\]|]+)\|([PLOX]|[A-Z_]{3,})\]\]/g;

interface Span {
  start: number;
  end: number;
  label: string;
}

function parseRecord(raw: string): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  let last = 0;
  for (const m of raw.matchAll(MARK)) {
    text += raw.slice(last, m.index);
    const value = m[1] ?? '';
    const label = LABEL[m[2] ?? ''] ?? (FULL_LABELS.has(m[2] ?? '') ? m[2] : undefined);
    if (!label) throw new Error(`bad label in ${m[0]}`);
    spans.push({ start: text.length, end: text.length + value.length, label });
    text += value;
    last = (m.index ?? 0) + m[0].length;
  }
  text += raw.slice(last);
  if (text.includes('[[') || text.includes(']]')) throw new Error(`unclosed markup in: ${raw}`);
  return { text, spans };
}

for (const file of readdirSync(path.join(here, 'src')).filter((f) => f.endsWith('.txt'))) {
  const lang = file.replace(/\.txt$/, '');
  const lines = readFileSync(path.join(here, 'src', file), 'utf8').split('\n');
  const out: string[] = [];
  let head: { id: string; register: string } | null = null;
  let body: string[] = [];
  const flush = () => {
    if (!head) return;
    while (body.length && !body[body.length - 1]?.trim()) body.pop();
    const { text, spans } = parseRecord(body.join('\n'));
    out.push(JSON.stringify({ id: head.id, text, spans, lang, register: head.register }));
    head = null;
    body = [];
  };
  for (const line of lines) {
    const h = /^## (\S+) (\S+)\s*$/.exec(line);
    if (h) {
      flush();
      head = { id: h[1] ?? '', register: h[2] ?? '' };
    } else if (head) body.push(line);
    else if (line.trim() && !line.startsWith('# '))
      throw new Error(`text outside a record: ${line}`);
  }
  flush();
  writeFileSync(path.join(here, `${prefix}_${lang}.jsonl`), out.join('\n') + '\n');
  console.error(`${file}: ${out.length} records`);
}

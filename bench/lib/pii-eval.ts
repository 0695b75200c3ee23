/**
 * What a user loses or keeps after redaction, measured on labelled records:
 * - leak rate: gold values that survive `pii:redact` verbatim (the value's text is still in the
 *   outgoing text), and values of which some word is left (a partial leak: "[PERSON_1] Valkonen");
 * - words kept: the share of words outside every gold span that are not redacted (usefulness).
 * Records are redacted with the same loop as `pii:redact` (src/core/pii/redact-loop.ts).
 */
import type { RedactLoopResult } from '../../src/core/pii/redact-loop';

export interface GoldSpan {
  start: number;
  end: number;
  label: string;
}
export interface GoldRecord {
  id: string;
  text: string;
  spans: GoldSpan[];
  lang?: string;
}

export interface LeakCounts {
  gold: number;
  /** The value's text is still somewhere in the redacted text. */
  verbatim: number;
  /** At least one word of the value was not redacted at its position. */
  partial: number;
}

export interface LeakReport {
  perLabel: Map<string, LeakCounts>;
  all: LeakCounts;
  wordsOutside: number;
  wordsKept: number;
  /** Records the loop refused (fail closed: nothing would be sent). */
  refused: number;
  records: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  WORD.lastIndex = 0;
  const slice = text.slice(start, end);
  for (let m = WORD.exec(slice); m !== null; m = WORD.exec(slice))
    out.push([start + m.index, start + m.index + m[0].length]);
  return out;
}

function covered(ranges: ReadonlyArray<{ start: number; end: number }>, s: number, e: number) {
  return ranges.some((r) => r.start < e && s < r.end);
}

/**
 * Scores redaction outputs against gold spans. `scope` limits the labels that count as personal
 * for leak figures (null: all but OTHER); words inside any gold span (OTHER included) are neither
 * personal nor "non-personal" for the words-kept figure.
 */
export function leakReport(
  recs: readonly GoldRecord[],
  outputs: readonly RedactLoopResult[],
  scope: ReadonlySet<string> | null,
  filter: (r: GoldRecord) => boolean = () => true,
): LeakReport {
  const perLabel = new Map<string, LeakCounts>();
  const all: LeakCounts = { gold: 0, verbatim: 0, partial: 0 };
  let wordsOutside = 0;
  let wordsKept = 0;
  let refused = 0;
  let records = 0;
  recs.forEach((r, i) => {
    if (!filter(r)) return;
    records++;
    const out = outputs[i];
    if (!out) return;
    if (!out.ok) {
      refused++;
      return;
    }
    for (const g of r.spans) {
      if (g.label === 'OTHER' || (scope && !scope.has(g.label))) continue;
      const c = perLabel.get(g.label) ?? { gold: 0, verbatim: 0, partial: 0 };
      perLabel.set(g.label, c);
      const value = r.text.slice(g.start, g.end);
      const verbatim = value.trim().length > 0 && out.text.includes(value.trim());
      const partial = words(r.text, g.start, g.end).some(([s, e]) => !covered(out.ranges, s, e));
      for (const k of [c, all]) {
        k.gold++;
        if (verbatim) k.verbatim++;
        if (partial) k.partial++;
      }
    }
    for (const [s, e] of words(r.text, 0, r.text.length)) {
      if (r.spans.some((g) => g.start < e && s < g.end)) continue;
      wordsOutside++;
      if (!covered(out.ranges, s, e)) wordsKept++;
    }
  });
  return { perLabel, all, wordsOutside, wordsKept, refused, records };
}

const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '—');

/** A Markdown table of a leak report. */
export function leakTable(title: string, rep: LeakReport): string {
  const lines = [
    `#### ${title}`,
    '',
    '| label | gold | leaked verbatim | % | some word left | % |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const l of [...rep.perLabel.keys()].sort()) {
    const c = rep.perLabel.get(l) as LeakCounts;
    lines.push(
      `| ${l} | ${c.gold} | ${c.verbatim} | ${pct(c.verbatim, c.gold)} | ${c.partial} | ${pct(c.partial, c.gold)} |`,
    );
  }
  const a = rep.all;
  lines.push(
    `| **all** | ${a.gold} | ${a.verbatim} | **${pct(a.verbatim, a.gold)}** | ${a.partial} | ${pct(a.partial, a.gold)} |`,
    '',
    `Words outside gold spans kept: ${rep.wordsKept} / ${rep.wordsOutside} (**${pct(rep.wordsKept, rep.wordsOutside)}%**); records refused (fail closed): ${rep.refused} of ${rep.records}.`,
  );
  return lines.join('\n');
}

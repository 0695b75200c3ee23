/**
 * What a user loses or keeps after redaction, measured on labelled records:
 * - leak rate: gold values that survive `pii:redact` verbatim (the value's text is still in the
 *   outgoing text), and values of which some word is left (a partial leak: "[PERSON_1] Valkonen");
 * - words kept: the share of words outside every gold span that are not redacted (usefulness).
 * Records are redacted with the same loop as `pii:redact` (src/core/pii/redact-loop.ts).
 */
import { gazetteerClass } from '../../src/core/pii/ner/gazetteer';
import type { RedactLoopResult } from '../../src/core/pii/redact-loop';
import type { Entity } from '../../src/core/pii/types';

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

export type GazetteerMembership = 'all words' | 'some words' | 'no word';
export interface RecallCounts {
  gold: number;
  found: number;
}

/**
 * PERSON recall split by how much of the name the gazetteer feature knows: every word of the
 * gold name is in the gazetteer, some are, or none is. A model that leans on the list does well
 * only in the first row. Found = a PERSON prediction overlapping at least half of the shorter span.
 */
export function gazetteerRecall(
  recs: readonly GoldRecord[],
  preds: readonly (readonly Entity[])[],
  filter: (r: GoldRecord) => boolean = () => true,
): Map<GazetteerMembership, RecallCounts> {
  const out = new Map<GazetteerMembership, RecallCounts>();
  recs.forEach((r, i) => {
    if (!filter(r)) return;
    for (const g of r.spans) {
      if (g.label !== 'PERSON') continue;
      const ws = words(r.text, g.start, g.end).map(([s, e]) => r.text.slice(s, e));
      if (ws.length === 0) continue;
      const known = ws.filter((w) => gazetteerClass(w) !== 0).length;
      const key: GazetteerMembership =
        known === ws.length ? 'all words' : known > 0 ? 'some words' : 'no word';
      const c = out.get(key) ?? { gold: 0, found: 0 };
      out.set(key, c);
      c.gold++;
      const hit = (preds[i] ?? []).some((p) => {
        if (p.type !== 'PERSON') return false;
        const ov = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        return ov > 0 && ov >= 0.5 * Math.min(p.end - p.start, g.end - g.start);
      });
      if (hit) c.found++;
    }
  });
  return out;
}

export function gazetteerRecallTable(
  title: string,
  rep: Map<GazetteerMembership, RecallCounts>,
): string {
  const lines = [
    `#### ${title}`,
    '',
    '| words in gazetteer | gold | found | recall |',
    '|---|---:|---:|---:|',
  ];
  for (const k of ['all words', 'some words', 'no word'] as const) {
    const c = rep.get(k);
    if (c) lines.push(`| ${k} | ${c.gold} | ${c.found} | ${pct(c.found, c.gold)}% |`);
  }
  return lines.join('\n');
}

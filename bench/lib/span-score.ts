/**
 * Span-level scoring on the shared labelled files, for bench:pii and bench:local's detection
 * mode. Matching rule: a predicted span matches a gold span when both have the same label and they
 * overlap by at least 50% of the shorter of the two. Precision = matched predictions / predictions,
 * recall = matched gold spans / gold spans. DATE_OF_BIRTH predictions count as DATE. Gold OTHER
 * spans are ignored. Each file is scored only on the labels its source annotates.
 */
import type { Entity, EntityType } from '../../src/core/pii/types';

export interface Gold {
  start: number;
  end: number;
  label: string;
}
export interface Rec {
  id: string;
  text: string;
  spans: Gold[];
  lang?: string;
}

export const NER_LABELS = ['PERSON', 'LOCATION', 'ORGANIZATION'];
/** The labels of the project's own structured evaluation text (bench/data/src/structured.txt). */
export const STRUCTURED_LABELS = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'NATIONAL_ID',
  'ID_NUMBER',
  'IBAN',
  'IP_ADDRESS',
  'ADDRESS',
  'DATE',
  'URL',
  'SECRET',
  'USERNAME',
];
export function scopeFor(file: string): Set<string> | null {
  // the project's own structured evaluation text: identifiers, contact details and secrets
  if (file.startsWith('hearth_structured')) return new Set(STRUCTURED_LABELS);
  // hearth_*, fresh_*, tune_*: the project's own hand-written text (bench/data, bench/data/fresh,
  // bench/data/tune), names/places/orgs only
  if (/^(uner|wnut|hearth_|fresh_|tune_)/.test(file)) return new Set(NER_LABELS);
  if (file.startsWith('detect_secrets')) return new Set(['SECRET']);
  return null; // all labels
}

export interface Counts {
  pred: number;
  predOk: number;
  gold: number;
  goldOk: number;
}
const zero = (): Counts => ({ pred: 0, predOk: 0, gold: 0, goldOk: 0 });

export function matches(
  p: { start: number; end: number },
  g: { start: number; end: number },
): boolean {
  const ov = Math.min(p.end, g.end) - Math.max(p.start, g.start);
  return ov > 0 && ov >= 0.5 * Math.min(p.end - p.start, g.end - g.start);
}

export function labelOf(t: EntityType): string {
  return t === 'DATE_OF_BIRTH' ? 'DATE' : t;
}

export function score(
  recs: Rec[],
  preds: Entity[][],
  scope: Set<string> | null,
  filter: (r: Rec) => boolean,
) {
  const per = new Map<string, Counts>();
  const get = (l: string) => per.get(l) ?? (per.set(l, zero()), per.get(l) as Counts);
  recs.forEach((r, i) => {
    if (!filter(r)) return;
    const gold = r.spans.filter((s) => s.label !== 'OTHER' && (!scope || scope.has(s.label)));
    const pred = (preds[i] ?? []).filter((p) => !scope || scope.has(labelOf(p.type)));
    for (const g of gold) {
      const c = get(g.label);
      c.gold++;
      if (pred.some((p) => labelOf(p.type) === g.label && matches(p, g))) c.goldOk++;
    }
    for (const p of pred) {
      const c = get(labelOf(p.type));
      c.pred++;
      if (gold.some((g) => labelOf(p.type) === g.label && matches(p, g))) c.predOk++;
    }
  });
  const all = zero();
  for (const c of per.values()) {
    all.pred += c.pred;
    all.predOk += c.predOk;
    all.gold += c.gold;
    all.goldOk += c.goldOk;
  }
  return { per, all };
}

export function prf(c: Counts) {
  const p = c.pred ? c.predOk / c.pred : c.gold ? 0 : 1;
  const r = c.gold ? c.goldOk / c.gold : 1;
  const f = (b: number) => (p + r > 0 ? ((1 + b * b) * p * r) / (b * b * p + r) : 0);
  return { p, r, f1: f(1), f2: f(2) };
}

const fmt = (x: number) => x.toFixed(3);

export function table(title: string, s: ReturnType<typeof score>): string {
  const lines = [
    `#### ${title}`,
    '',
    '| label | gold | pred | P | R | F1 | F2 |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const labels = [...s.per.keys()].sort();
  for (const l of labels) {
    const c = s.per.get(l) as Counts;
    const m = prf(c);
    lines.push(
      `| ${l} | ${c.gold} | ${c.pred} | ${fmt(m.p)} | ${fmt(m.r)} | ${fmt(m.f1)} | ${fmt(m.f2)} |`,
    );
  }
  const m = prf(s.all);
  lines.push(
    `| **overall** | ${s.all.gold} | ${s.all.pred} | **${fmt(m.p)}** | **${fmt(m.r)}** | **${fmt(m.f1)}** | **${fmt(m.f2)}** |`,
  );
  return lines.join('\n');
}

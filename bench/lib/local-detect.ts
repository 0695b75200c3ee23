/**
 * bench:local's detection mode: what the local model's PII second opinion adds on the shared
 * labelled files, next to the embedded NER model alone, and what it costs in time.
 *
 * For each record: the detector with the shipped NER model (in Node, onnxruntime-web as in the
 * browser) gives "NER alone"; the local model is asked in Chromium through the app's own facade
 * (`window.__hearthTestEngine.localModel.findPersonalValues`, the e2e build), piece by piece as
 * the router asks it; its values are located and merged add-only exactly as the router does
 * (core/local-model/pii-opinion.ts) for "NER + model". A third column keeps only the answers the
 * router would have used within the policy's budget, which is what a user gets.
 *
 * The page-driving part needs a model; the merging and scoring part (combine, detectionTable,
 * latencyLine) is pure and unit-tested (bench/lib/__tests__/local-detect.test.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  addModelSpans,
  locateOpinion,
  splitForOpinion,
  type PiiOpinion,
} from '../../src/core/local-model/pii-opinion';
import { detect } from '../../src/core/pii/detect';
import type { Entity } from '../../src/core/pii/types';
import { createNodeNer } from '../../scripts/lib/ner-node';
import { prf, scopeFor, score, type Counts, type Rec } from './span-score';

/** One call of the local model on one piece of a record, as measured on the page. */
export interface OpinionCall {
  ms: number;
  opinion: PiiOpinion;
}

/** The three predictions per record that the report compares. */
export interface DetectionPreds {
  nerAlone: Entity[];
  withModel: Entity[];
  withinBudget: Entity[];
}

/** Merges one record's answers into the detector's entities, as the router would. */
export function combine(
  text: string,
  detected: readonly Entity[],
  calls: readonly OpinionCall[],
  budgetMs: number,
  threshold = 0.5,
): DetectionPreds {
  const merged = (use: (c: OpinionCall) => boolean) => {
    const values = calls.filter(use).flatMap((c) => (c.opinion.ok ? c.opinion.values : []));
    return addModelSpans(text, detected, locateOpinion(text, values).spans, threshold).entities;
  };
  // The router asks piece after piece within one budget and stops at the first failure or the
  // first answer that comes too late (orchestrator/pii-second-opinion.ts): only that prefix counts.
  let spent = 0;
  const inBudget = new Set<OpinionCall>();
  for (const c of calls) {
    spent += c.ms;
    if (spent > budgetMs || !c.opinion.ok) break;
    inBudget.add(c);
  }
  return {
    nerAlone: [...detected],
    withModel: merged(() => true),
    withinBudget: merged((c) => inBudget.has(c)),
  };
}

export interface DetectArgs {
  dataDir: string;
  files: string[] | undefined;
  /** Records per file (the first n). */
  limit: number;
  budgetMs: number;
}

/** The labelled files with PERSON/LOCATION/ORGANIZATION (what the second opinion is for). */
export function readDetectionData(a: DetectArgs): Array<{ file: string; recs: Rec[] }> {
  return readdirSync(a.dataDir)
    .filter((f) => f.endsWith('.jsonl') && !f.startsWith('detect_secrets'))
    .filter((f) => !a.files || a.files.some((o) => f.startsWith(o)))
    .sort()
    .map((file) => ({
      file,
      recs: readFileSync(path.join(a.dataDir, file), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .slice(0, a.limit)
        .map((l) => JSON.parse(l) as Rec),
    }));
}

/** Asks the page's local model about one piece; runs in the browser. */
async function askOnPage(page: Page, piece: string): Promise<OpinionCall> {
  return page.evaluate(async (text) => {
    const hook = (
      globalThis as unknown as {
        __hearthTestEngine: {
          localModel: { findPersonalValues(t: string): Promise<unknown> };
        };
      }
    ).__hearthTestEngine;
    const t0 = performance.now();
    const opinion = await hook.localModel.findPersonalValues(text);
    return { ms: performance.now() - t0, opinion } as OpinionCall;
  }, piece);
}

const q = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN) : NaN;
};
const f3 = (x: number) => x.toFixed(3);
const signed = (x: number) => (x >= 0 ? '+' : '') + f3(x);

function row(label: string, c: { ner: Counts; model: Counts; budget: Counts }): string {
  const [n, m, b] = [prf(c.ner), prf(c.model), prf(c.budget)];
  return `| ${label} | ${c.ner.gold} | ${f3(n.r)} | ${f3(m.r)} | ${f3(b.r)} | ${signed(m.r - n.r)} | ${signed(b.r - n.r)} | ${f3(n.p)} | ${f3(m.p)} |`;
}

/**
 * One file's table: recall of NER alone, NER + model (every answer) and NER + model within the
 * budget, the extra recall of each over NER alone, and precision before and after, per label the
 * file annotates (scopeFor) and overall.
 */
export function detectionTable(file: string, recs: Rec[], preds: DetectionPreds[]): string[] {
  const scope = scopeFor(file);
  const all = () => true;
  const scoreOf = (pick: (p: DetectionPreds) => Entity[]) =>
    score(recs, preds.map(pick), scope, all);
  const ner = scoreOf((p) => p.nerAlone);
  const model = scoreOf((p) => p.withModel);
  const budget = scoreOf((p) => p.withinBudget);
  const out = [
    `### ${file} (${recs.length} records)`,
    '',
    '| label | gold | recall NER | recall NER + model | within budget | extra recall | extra within budget | precision NER | precision NER + model |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const none: Counts = { pred: 0, predOk: 0, gold: 0, goldOk: 0 };
  for (const l of [...ner.per.keys()].sort()) {
    const pick = (s: typeof ner) => s.per.get(l) ?? none;
    if (!pick(ner).gold) continue;
    out.push(row(l, { ner: pick(ner), model: pick(model), budget: pick(budget) }));
  }
  out.push(row('**overall**', { ner: ner.all, model: model.all, budget: budget.all }), '');
  return out;
}

/** The added latency: per request (all its pieces one after another) and per call. */
export function latencyLine(calls: readonly (readonly OpinionCall[])[]): string {
  const perRequest = calls.map((cs) => cs.reduce((n, c) => n + c.ms, 0));
  const perCall = calls.flat().map((c) => c.ms);
  const ms = (x: number) => `${Math.round(x)} ms`;
  const failures = new Map<string, number>();
  for (const c of calls.flat())
    if (!c.opinion.ok) failures.set(c.opinion.reason, (failures.get(c.opinion.reason) ?? 0) + 1);
  return [
    `Added latency per request (all pieces, one after another): median ${ms(q(perRequest, 0.5))}, p90 ${ms(q(perRequest, 0.9))}, max ${ms(q(perRequest, 1))} over ${perRequest.length} requests; per call median ${ms(q(perCall, 0.5))} (${perCall.length} calls).`,
    `Answers that changed nothing: ${[...failures].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}.`,
  ].join('\n');
}

/**
 * Runs the detection mode against a page where the local model is loaded. Returns the report
 * (Markdown) for stdout.
 */
export async function detectionReport(page: Page, a: DetectArgs, title: string): Promise<string> {
  const nerModel = await createNodeNer();
  const out = [
    `## PII second opinion: ${title}`,
    '',
    `Budget ${a.budgetMs} ms (the policy's localPiiCheck.budgetMs); first ${a.limit} records per file.`,
    '',
  ];
  const allCalls: OpinionCall[][] = [];
  try {
    for (const { file, recs } of readDetectionData(a)) {
      const preds: DetectionPreds[] = [];
      for (const r of recs) {
        const detected = (await detect(r.text, { ner: nerModel.run })).entities;
        const calls: OpinionCall[] = [];
        for (const piece of splitForOpinion(r.text)) calls.push(await askOnPage(page, piece));
        allCalls.push(calls);
        preds.push(combine(r.text, detected, calls, a.budgetMs));
      }
      out.push(...detectionTable(file, recs, preds));
    }
  } finally {
    await nerModel.release();
  }
  out.push(latencyLine(allCalls));
  return out.join('\n');
}

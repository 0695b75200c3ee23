import { describe, expect, it } from 'vitest';
import { detectPatterns } from '../../../src/core/pii/detect';
import type { Entity } from '../../../src/core/pii/types';
import {
  combine,
  detectionTable,
  latencyLine,
  type DetectionPreds,
  type OpinionCall,
} from '../local-detect';
import type { Rec } from '../span-score';

const TEXT = 'Ask Kiki (kiki@example.org) to meet Bob in Ghent.';
const ok = (ms: number, values: Array<{ text: string; kind: 'name' | 'place' }>): OpinionCall => ({
  ms,
  opinion: { ok: true, values, dropped: 0 },
});
const late = (ms: number): OpinionCall => ({
  ms,
  opinion: { ok: false, reason: 'timeout', message: 'no answer' },
});
const texts = (es: readonly Entity[]) => es.map((e) => TEXT.slice(e.start, e.end));

describe("bench:local's detection mode: merging the answers", () => {
  it('merges the answers add-only, as the router does, and keeps only those within the budget', () => {
    const detected = detectPatterns(TEXT);
    const p = combine(
      TEXT,
      detected,
      [ok(3000, [{ text: 'Bob', kind: 'name' }]), ok(4000, [{ text: 'Ghent', kind: 'place' }])],
      5000,
    );
    expect(p.nerAlone).toEqual(detected);
    expect(texts(p.withModel)).toEqual(
      [...texts(detected), 'Bob', 'Ghent'].sort((a, b) => TEXT.indexOf(a) - TEXT.indexOf(b)),
    );
    // the second answer came after 7 s in all: past the budget
    expect(texts(p.withinBudget)).toContain('Bob');
    expect(texts(p.withinBudget)).not.toContain('Ghent');
    // the email the patterns found is never replaced by a model span
    expect(p.withModel.find((e) => e.type === 'EMAIL')).toEqual(
      detected.find((e) => e.type === 'EMAIL'),
    );
  });

  it('failed answers add nothing, and the router asks nothing after a failure', () => {
    const detected = detectPatterns(TEXT);
    const p = combine(TEXT, detected, [late(10), ok(10, [{ text: 'Bob', kind: 'name' }])], 5000);
    // without a budget every good answer counts; within it, nothing after the failure does
    expect(texts(p.withModel)).toContain('Bob');
    expect(p.withinBudget).toEqual(detected);
  });

  it('strings that are not in the text add nothing', () => {
    const detected = detectPatterns(TEXT);
    const p = combine(TEXT, detected, [ok(10, [{ text: 'Mallory', kind: 'name' }])], 5000);
    expect(p.withModel).toEqual(detected);
  });
});

/** A table row's cells by column name. */
function rowOf(lines: string[], label: string): Record<string, string> {
  const header = lines.find((l) => l.startsWith('| label'));
  const line = lines.find((l) => l.startsWith(`| ${label} `));
  if (!header || !line) throw new Error(`no row ${label}`);
  const cells = (l: string) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const names = cells(header);
  return Object.fromEntries(cells(line).map((c, i) => [names[i] ?? String(i), c]));
}

describe("bench:local's detection mode: scoring", () => {
  const text = 'Kiki met Bob and Ana in Ghent.';
  const at = (s: string) => text.indexOf(s);
  const gold = (s: string, label: string) => ({ start: at(s), end: at(s) + s.length, label });
  const ent = (s: string, type: Entity['type'], source: string): Entity => ({
    start: at(s),
    end: at(s) + s.length,
    type,
    score: 0.9,
    source,
    text: s,
  });
  const recs: Rec[] = [
    {
      id: 'r1',
      text,
      spans: [
        gold('Kiki', 'PERSON'),
        gold('Bob', 'PERSON'),
        gold('Ana', 'PERSON'),
        gold('Ghent', 'LOCATION'),
      ],
    },
  ];
  const ner = [ent('Kiki', 'PERSON', 'ner'), ent('Ghent', 'LOCATION', 'ner')];
  const preds: DetectionPreds[] = [
    {
      nerAlone: ner,
      // the model found Bob and Ana, and wrongly called "met" a name
      withModel: [
        ...ner,
        ent('Bob', 'PERSON', 'local-model'),
        ent('Ana', 'PERSON', 'local-model'),
        ent('met', 'PERSON', 'local-model'),
      ],
      // only Bob came within the budget
      withinBudget: [...ner, ent('Bob', 'PERSON', 'local-model')],
    },
  ];

  it('prints recall with and without the model, the extra recall and precision, per label and overall', () => {
    const lines = detectionTable('uner_test.dev.jsonl', recs, preds);
    expect(lines[0]).toBe('### uner_test.dev.jsonl (1 records)');
    const person = rowOf(lines, 'PERSON');
    expect(person).toMatchObject({
      gold: '3',
      'recall NER': '0.333',
      'recall NER + model': '1.000',
      'within budget': '0.667',
      'extra recall': '+0.667',
      'extra within budget': '+0.333',
      'precision NER': '1.000',
      'precision NER + model': '0.750',
    });
    const overall = rowOf(lines, '**overall**');
    expect(overall).toMatchObject({
      gold: '4',
      'recall NER': '0.500',
      'recall NER + model': '1.000',
      'within budget': '0.750',
      'extra recall': '+0.500',
    });
  });

  it('scores each file only on the labels its source annotates (uner: names, places, organisations)', () => {
    const withEmail: DetectionPreds[] = [
      {
        nerAlone: [...ner, ent('Ana', 'EMAIL', 'pattern')],
        withModel: ner,
        withinBudget: ner,
      },
    ];
    const lines = detectionTable('uner_test.dev.jsonl', recs, withEmail);
    expect(lines.some((l) => l.startsWith('| EMAIL'))).toBe(false);
    expect(rowOf(lines, '**overall**')['precision NER']).toBe('1.000');
  });
});

describe("bench:local's detection mode: latency", () => {
  it('adds up the pieces of each request and counts the answers that changed nothing', () => {
    const line = latencyLine([[ok(100, []), ok(300, [])], [ok(200, [])], [late(5000)]]);
    expect(line).toContain('median 400 ms');
    expect(line).toContain('max 5000 ms over 3 requests');
    expect(line).toContain('per call median 300 ms (4 calls)');
    expect(line).toContain('Answers that changed nothing: 1 timeout.');
  });
});

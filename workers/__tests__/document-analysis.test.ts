import { describe, expect, it } from 'vitest';
import { TextBuilder, type DocumentProgress } from '../../src/core/documents';
import type { Entity } from '../../src/core/pii';
import { createDocumentAnalysis, propagates, sections } from '../document-analysis';

/** A model that finds these words wherever they occur (with offsets into the text it is given). */
const nerFinds =
  (found: Record<string, Entity['type']>) =>
  async (text: string): Promise<Entity[]> =>
    Object.entries(found).flatMap(([word, type]) =>
      [...text.matchAll(new RegExp(word, 'g'))].map((m) => ({
        start: m.index,
        end: m.index + word.length,
        type,
        score: 0.9,
        source: 'ner',
        text: word,
      })),
    );

const OPTIONS = { threshold: 0.5, allowList: [], denyList: [] };

describe('detection over a whole document (analysis worker)', () => {
  it('splits long text into sections at paragraph ends, covering it exactly', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} ${'word '.repeat(80)}`).join(
      '\n\n',
    );
    const parts = sections(text, 2_000);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts[0]?.[0]).toBe(0);
    expect(parts[parts.length - 1]?.[1]).toBe(text.length);
    for (let i = 1; i < parts.length; i++) {
      expect(parts[i]?.[0]).toBe(parts[i - 1]?.[1]);
      expect(text.slice(0, parts[i]?.[0]).endsWith('\n\n')).toBe(true);
    }
    expect(sections('')).toEqual([[0, 0]]);
  });

  it('reports entities, regulated categories, personal columns and the values to redact everywhere', async () => {
    const b = new TextBuilder();
    b.block(
      'Referral: Maren Vandersloot was diagnosed with type 2 diabetes. The plant reviewed the shift rota.',
    );
    b.table([
      ['Name', 'Email'],
      ['Maren Vandersloot', 'maren@example.org'],
      ['Xu Li', 'xu.li@example.org'],
    ]);
    const doc = b.finish(false);
    const progress: DocumentProgress[] = [];
    const analysis = createDocumentAnalysis(
      nerFinds({ 'Maren Vandersloot': 'PERSON', The: 'ORGANIZATION', Referral: 'LOCATION' }),
    );
    const r = await analysis.analyzeDocument(
      { text: doc.text, tables: doc.tables, ...OPTIONS },
      (p) => progress.push(p),
    );
    expect(r.modelStage).toBe('ok');
    expect(r.counts).toMatchObject({ PERSON: 2, EMAIL: 2 });
    expect(r.categories.map((c) => c.category)).toEqual(['health']);
    expect(r.columns.map((c) => c.header)).toEqual(['Name', 'Email']);
    const values = r.knownValues.map((v) => `${v.type}:${v.value}`);
    // every cell of the personal columns, the name the model missed ("Xu Li") included
    expect(values).toEqual(
      expect.arrayContaining([
        'PERSON:Maren Vandersloot',
        'PERSON:Xu Li',
        'EMAIL:xu.li@example.org',
      ]),
    );
    // a single word the model took for an organisation or a place is not spread everywhere
    expect(values).not.toContain('ORGANIZATION:The');
    expect(values).not.toContain('LOCATION:Referral');
    expect(progress.at(-1)).toMatchObject({ stage: 'checking', fraction: 1 });
  });

  it('fails closed when the model cannot run: the stage is reported as failed', async () => {
    const analysis = createDocumentAnalysis(async () => {
      throw new Error('no model');
    });
    const r = await analysis.analyzeDocument({
      text: 'Write to bo@example.org',
      tables: [],
      ...OPTIONS,
    });
    expect(r.modelStage).toBe('failed');
    expect(r.counts).toEqual({ EMAIL: 1 });
  });

  it('spreads validated identifiers and full names, not single words, places or dates', () => {
    expect(propagates({ type: 'EMAIL', text: 'a@b.org' })).toBe(true);
    expect(propagates({ type: 'PERSON', text: 'Maren Vandersloot' })).toBe(true);
    expect(propagates({ type: 'PERSON', text: 'Maren' })).toBe(false);
    expect(propagates({ type: 'ORGANIZATION', text: 'Bank of Aldmoor' })).toBe(true);
    expect(propagates({ type: 'LOCATION', text: 'New York' })).toBe(false);
    expect(propagates({ type: 'DATE', text: '3 March 2024' })).toBe(false);
  });
});

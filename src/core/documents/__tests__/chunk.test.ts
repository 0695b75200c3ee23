import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument, chunkText, pageAt } from '../chunk';
import { TextBuilder } from '../text-builder';

const sentence = (i: number) => `Sentence number ${i} talks about the audit of line ${i % 7}. `;
const paragraph = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => sentence(from + i)).join('');

describe('chunking', () => {
  it('finds the page of an offset', () => {
    expect(pageAt([0, 10, 20], 0)).toBe(1);
    expect(pageAt([0, 10, 20], 10)).toBe(2);
    expect(pageAt([0, 10, 20], 25)).toBe(3);
    expect(pageAt([0], 999)).toBe(1);
  });

  it('never crosses a page and cites each passage by its page', () => {
    const b = new TextBuilder();
    for (let p = 0; p < 3; p++) {
      b.page();
      for (let k = 0; k < 4; k++) b.block(paragraph(p * 100 + k * 10, 6));
    }
    const doc = b.finish(true);
    const chunks = chunkDocument(doc, { target: 800, max: 1200 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      const page = c.page;
      const start = doc.pageStarts[page - 1] as number;
      const end = doc.pageStarts[page] ?? doc.text.length;
      expect(c.start).toBeGreaterThanOrEqual(start);
      expect(c.end).toBeLessThanOrEqual(end);
      expect(c.end - c.start).toBeLessThanOrEqual(1200);
    }
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
  });

  it('splits tables between rows and repeats the header row on every later passage', () => {
    const b = new TextBuilder();
    b.block('Staff list');
    b.table([
      ['Name', 'Email'],
      ...Array.from({ length: 60 }, (_, i) => [`Person ${i}`, `person${i}@example.org`]),
    ]);
    b.block('After the table.');
    const doc = b.finish(false);
    const chunks = chunkDocument(doc, { target: 400, max: 600 });
    const tableChunks = chunks.filter((c) => doc.text.slice(c.start, c.end).startsWith('|'));
    expect(tableChunks.length).toBeGreaterThan(2);
    expect(tableChunks[0]?.prefix).toBeUndefined();
    for (const c of tableChunks.slice(1)) {
      expect(c.prefix).toBe('| Name | Email |');
      expect(chunkText(doc.text, c).startsWith('| Name | Email |\n| Person')).toBe(true);
    }
    // the text around the table is in passages of its own
    expect(chunks.some((c) => doc.text.slice(c.start, c.end) === 'Staff list')).toBe(true);
    expect(chunks.some((c) => doc.text.slice(c.start, c.end) === 'After the table.')).toBe(true);
  });

  it('cuts a paragraph longer than the maximum at sentence ends', () => {
    const b = new TextBuilder();
    b.block(paragraph(0, 80));
    const doc = b.finish(false);
    const chunks = chunkDocument(doc, { target: 500, max: 700 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) {
      expect(c.end - c.start).toBeLessThanOrEqual(700);
      expect(doc.text.slice(c.start, c.end)).toMatch(/^Sentence/);
    }
  });

  it('covers every non-space character exactly once (any text, any sizes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 0, maxLength: 400 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 20, max: 300 }),
        (pages, target) => {
          const b = new TextBuilder();
          for (const p of pages) {
            b.page();
            b.block(p);
          }
          const doc = b.finish(true);
          const chunks = chunkDocument(doc, { target, max: target * 2 });
          const covered = new Uint8Array(doc.text.length);
          let last = -1;
          for (const c of chunks) {
            expect(c.start).toBeGreaterThanOrEqual(last);
            expect(c.end - c.start).toBeLessThanOrEqual(target * 2);
            last = c.end;
            for (let i = c.start; i < c.end; i++) covered[i] = (covered[i] ?? 0) + 1;
          }
          for (let i = 0; i < doc.text.length; i++)
            if (!/\s/.test(doc.text[i] as string)) expect(covered[i]).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

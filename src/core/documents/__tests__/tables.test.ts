import { describe, expect, it } from 'vitest';
import { detectPatterns, type Entity } from '../../pii';
import { TextBuilder } from '../text-builder';
import { headerType, personalColumns } from '../tables';

/** A table's text plus the entities a detector would report: the pattern stage, and these names. */
function setup(rows: string[][], names: string[] = []) {
  const b = new TextBuilder();
  b.table(rows);
  const doc = b.finish(false);
  const entities: Entity[] = detectPatterns(doc.text);
  for (const n of names) {
    const start = doc.text.indexOf(n);
    if (start >= 0)
      entities.push({
        start,
        end: start + n.length,
        type: 'PERSON',
        score: 0.9,
        source: 'ner',
        text: n,
      });
  }
  return { doc, entities };
}

describe('personal table columns', () => {
  it('redacts a column whose values are mostly personal as a whole, with one entry per distinct value', () => {
    const { doc, entities } = setup(
      [
        ['Name', 'Contact', 'Team'],
        ['Ingrid Halvorsen', 'ingrid@example.org', 'Logistics'],
        ['Xu Li', 'xu.li@example.org', 'Logistics'],
        ['Bo Ek', 'call reception', 'Quality'],
        ['Ingrid Halvorsen', 'ingrid.h@example.org', 'Quality'],
      ],
      ['Ingrid Halvorsen'], // the model found one name only; "Xu Li" and "Bo Ek" it missed
    );
    const r = personalColumns(doc.text, doc.tables, entities);
    // "Name" by its header (a label beats the detector), "Contact" by its values (3 of 4 e-mails)
    expect(r.columns.map((c) => [c.header, c.type, c.reason])).toEqual([
      ['Name', 'PERSON', 'header'],
      ['Contact', 'EMAIL', 'values'],
    ]);
    expect(r.values).toEqual([
      { value: 'Ingrid Halvorsen', type: 'PERSON' },
      { value: 'Xu Li', type: 'PERSON' },
      { value: 'Bo Ek', type: 'PERSON' },
      { value: 'ingrid@example.org', type: 'EMAIL' },
      { value: 'xu.li@example.org', type: 'EMAIL' },
      { value: 'call reception', type: 'EMAIL' },
      { value: 'ingrid.h@example.org', type: 'EMAIL' },
    ]);
    // headers are never values to redact, nor is the "Team" column
    expect(r.values.map((v) => v.value)).not.toContain('Name');
    expect(r.values.map((v) => v.value)).not.toContain('Logistics');
  });

  it('treats a first row with a personal value as data (a CSV without a header)', () => {
    const { doc, entities } = setup([
      ['ada@example.org', 'London'],
      ['bo@example.org', 'Paris'],
      ['cy@example.org', 'Rome'],
    ]);
    const r = personalColumns(doc.text, doc.tables, entities);
    expect(r.columns).toEqual([
      expect.objectContaining({ column: 0, type: 'EMAIL', cells: 3, personal: 3 }),
    ]);
    expect(r.columns[0]?.header).toBeUndefined();
    expect(r.values.map((v) => v.value)).toEqual([
      'ada@example.org',
      'bo@example.org',
      'cy@example.org',
    ]);
  });

  it('leaves a column alone when at most half of it is personal and its header says nothing', () => {
    const { doc, entities } = setup([
      ['Item', 'Note'],
      ['Pump', 'ask ada@example.org'],
      ['Valve', 'in stock'],
      ['Gasket', 'in stock'],
      ['Seal', 'reorder'],
    ]);
    expect(personalColumns(doc.text, doc.tables, entities).columns).toEqual([]);
  });

  it('reads headers whole: "Product name" is not a person', () => {
    expect(headerType('Name')).toBe('PERSON');
    expect(headerType('Last name')).toBe('PERSON');
    expect(headerType('E-mail')).toBe('EMAIL');
    expect(headerType('Date of birth')).toBe('DATE_OF_BIRTH');
    expect(headerType('SSN')).toBe('NATIONAL_ID');
    expect(headerType('Product name')).toBeUndefined();
    expect(headerType('Team')).toBeUndefined();
  });
});

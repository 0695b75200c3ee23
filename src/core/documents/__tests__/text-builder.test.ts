import { describe, expect, it } from 'vitest';
import { TextBuilder, TextLimitExceeded } from '../text-builder';

describe('TextBuilder', () => {
  it('separates blocks by blank lines and remembers where pages start', () => {
    const b = new TextBuilder();
    b.page();
    b.block('Title');
    b.block('First paragraph.\nSecond line.  ');
    b.page();
    b.block('Page two.');
    const t = b.finish(true);
    expect(t.text).toBe('Title\n\nFirst paragraph.\nSecond line.\n\nPage two.');
    expect(t.paged).toBe(true);
    expect(t.pageStarts).toEqual([0, t.text.indexOf('Page two.')]);
  });

  it('writes tables as pipe rows whose cell ranges point at the cell text', () => {
    const b = new TextBuilder();
    b.block('Staff');
    b.table([
      ['Name', 'E-mail'],
      ['  Ada   Lovelace ', 'ada@example.org'],
      ['Short row'],
      ['', ''],
    ]);
    const t = b.finish(false);
    expect(t.text).toBe(
      'Staff\n\n| Name | E-mail |\n| Ada Lovelace | ada@example.org |\n| Short row |  |',
    );
    expect(t.pageStarts).toEqual([0]);
    const cells = t.tables[0]?.rows.map((r) => r.map((c) => t.text.slice(c.start, c.end)));
    expect(cells).toEqual([
      ['Name', 'E-mail'],
      ['Ada Lovelace', 'ada@example.org'],
      ['Short row', ''],
    ]);
  });

  it('writes a one-row "table" as text', () => {
    const b = new TextBuilder();
    b.table([['only', 'one row']]);
    expect(b.finish(false)).toMatchObject({ text: 'only one row', tables: [] });
  });

  it('stops as soon as the text passes its limit', () => {
    const b = new TextBuilder(10);
    b.block('12345');
    expect(() => b.block('678901')).toThrow(TextLimitExceeded);
  });
});

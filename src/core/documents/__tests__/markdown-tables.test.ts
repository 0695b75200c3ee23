import { describe, expect, it } from 'vitest';
import { findPipeTables } from '../markdown-tables';

const cellsOf = (text: string) =>
  findPipeTables(text).map((t) => t.rows.map((r) => r.map((c) => text.slice(c.start, c.end))));

describe('Markdown pipe tables', () => {
  it('finds header and body rows, without the separator line', () => {
    const md =
      '# Team\n\n| Name | Email |\n|---|:---:|\n| Ada | ada@x.org |\n| Bo \\| Ek | bo@x.org |\n\nAfter.';
    expect(cellsOf(md)).toEqual([
      [
        ['Name', 'Email'],
        ['Ada', 'ada@x.org'],
        ['Bo \\| Ek', 'bo@x.org'],
      ],
    ]);
  });

  it('accepts rows without outer pipes', () => {
    expect(cellsOf('a | b\n--- | ---\n1 | 2')).toEqual([
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ]);
  });

  it('needs the separator line: pipes in prose are not a table', () => {
    expect(cellsOf('Use a | b to pipe.\nAnd c | d.')).toEqual([]);
  });
});

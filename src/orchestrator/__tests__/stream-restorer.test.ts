import { describe, expect, it } from 'vitest';
import { Vault } from '../../core/pii';
import { StreamRestorer } from '../stream-restorer';

describe('StreamRestorer', () => {
  it('restores placeholders split across chunks and never shows half a placeholder', () => {
    const vault = new Vault();
    vault.placeholderFor('PERSON', 'Ana Lima');
    vault.placeholderFor('EMAIL', 'ana@x.io');
    const out: string[] = [];
    const r = new StreamRestorer(vault, (d) => out.push(d));
    for (const c of ['Hi [PERS', 'ON_1], write to ', '[EMAIL', '_1] or [PERSON_7', '] today']) {
      r.push(c);
      // what was shown so far holds no half placeholder and no placeholder the vault knows
      expect(out.join('')).not.toMatch(/\[(?![A-Z_]+_\d+\])|\[PERSON_1\]|\[EMAIL_1\]/);
    }
    const done = r.finish();
    expect(out.join('')).toBe('Hi Ana Lima, write to ana@x.io or [PERSON_7] today');
    expect(done).toEqual({ text: out.join(''), unknown: ['[PERSON_7]'] });
  });
});

import { describe, expect, it } from 'vitest';
import { Vault } from '../../core/pii';
import { StreamRestorer } from '../stream-restorer';

describe('StreamRestorer', () => {
  it('passes the answer on as written, never half a placeholder, and restores the plain text', () => {
    const vault = new Vault();
    vault.placeholderFor('PERSON', 'Ana Lima');
    vault.placeholderFor('EMAIL', 'ana@x.io');
    const out: string[] = [];
    const r = new StreamRestorer(vault, (d) => out.push(d));
    for (const c of ['Hi [PERS', 'ON_1], write to ', '[EMAIL', '_1] or [PERSON_7', '] today']) {
      r.push(c);
      // What was passed on so far holds no half placeholder and no real value.
      expect(out.join('')).not.toMatch(/\[[A-Z_]*(?:_\d*)?$/);
      expect(out.join('')).not.toMatch(/Ana Lima|ana@x\.io/);
    }
    const done = r.finish();
    const raw = 'Hi [PERSON_1], write to [EMAIL_1] or [PERSON_7] today';
    expect(out.join('')).toBe(raw);
    expect(done).toEqual({
      raw,
      text: 'Hi Ana Lima, write to ana@x.io or [PERSON_7] today',
      unknown: ['[PERSON_7]'],
    });
  });
});

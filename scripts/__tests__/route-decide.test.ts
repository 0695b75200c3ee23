import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(lines: string[], env: Record<string, string> = {}): Record<string, unknown>[] {
  const r = spawnSync('npx', ['tsx', 'scripts/route-decide.ts'], {
    input: lines.join('\n') + '\n',
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('route:decide CLI', () => {
  it('answers every line in order, bad lines with an error line', () => {
    const out = run(
      [
        '{"id":"a","text":"Write to maria.silva@example.com about the offsite."}',
        'not json',
        '{"id":"b"}',
        '',
        '{"id":"c","text":"I was diagnosed with asthma","health":{"local":false,"cloud":true,"online":true}}',
        '{"id":"d","text":"What is the capital of France?","profile":"private"}',
      ],
      { ROUTE_NO_NER: '1' },
    );
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({
      id: 'a',
      route: 'frontier',
      pattern: 'sanitize-and-solve',
      sensitivity: 'personal',
      outgoing: 'Write to [EMAIL_1] about the offsite.',
    });
    expect(out[1]).toMatchObject({ id: null, error: { code: 'invalid_json' } });
    expect(out[2]).toMatchObject({ id: 'b', error: { code: 'invalid_line' } });
    expect(out[3]).toMatchObject({
      id: 'c',
      route: 'blocked',
      sensitivity: 'regulated',
      outgoing: null,
    });
    expect((out[3]?.reasons as string[])[0]).toContain('no local model is loaded');
    expect(out[4]).toMatchObject({ id: 'd', route: 'local', outgoing: null });
  }, 120_000);

  it('uses the embedded NER model when it is present', () => {
    const [r] = run(['{"id":"n","text":"Please thank Maria Silva for the report."}']);
    expect(r).toMatchObject({ id: 'n', sensitivity: 'personal' });
    expect(r?.outgoing).not.toContain('Maria Silva');
  }, 120_000);
});

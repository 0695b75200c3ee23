import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function run(
  script: string,
  input: string,
): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(tsx, [path.join(root, 'scripts', script)], { cwd: root });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) =>
      resolve({
        code,
        stderr: err,
        lines: out
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      }),
    );
    p.stdin.end(input);
  });
}

const good = JSON.stringify({
  id: 'g1',
  text: 'Mail anna@example.com or call +49 30 1234567. Angela Merkel lives in Berlin.',
});
const hostile = [
  'not json at all',
  '{"id": "m1"}',
  '{"id": 7, "text": 42}',
  '[1,2,3]',
  'null',
  '{"text": "no id, card 4111 1111 1111 1111"}',
  JSON.stringify({ id: 'zw', text: 'jo\u200bhn@exa\u200bmple.com \u202e\u0301\ud800' }),
  JSON.stringify({ id: 'rep', text: '1-'.repeat(20000) + 'a@'.repeat(10000) }),
  '{"id": "trunc", "text": "unterminated',
].join('\n');

describe('pii:detect CLI', () => {
  it('one output line per input line; errors for bad lines; processing continues', async () => {
    const { code, lines } = await run(
      'pii-detect.ts',
      [good, hostile, good.replace('g1', 'g2')].join('\n') + '\n',
    );
    expect(code).toBe(0);
    expect(lines.map((l) => l.id)).toEqual([
      'g1',
      null,
      'm1',
      7,
      null,
      null,
      null,
      'zw',
      'rep',
      null,
      'g2',
    ]);
    const g1 = lines[0] as {
      spans: { start: number; end: number; label: string; score: number }[];
    };
    const text = JSON.parse(good).text as string;
    const labels = g1.spans.map((s) => [s.label, text.slice(s.start, s.end)]);
    expect(labels).toContainEqual(['EMAIL', 'anna@example.com']);
    expect(labels).toContainEqual(['PHONE', '+49 30 1234567']);
    expect(labels).toContainEqual(['PERSON', 'Angela Merkel']);
    expect(labels).toContainEqual(['LOCATION', 'Berlin']);
    expect(lines[1]).toMatchObject({ error: { code: 'invalid_json' } });
    expect(lines[2]).toMatchObject({ error: { code: 'missing_text' } });
    expect(lines[4]).toMatchObject({ error: { code: 'invalid_record' } });
    expect((lines[6] as { spans: { label: string }[] }).spans.map((s) => s.label)).toEqual([
      'CREDIT_CARD',
    ]);
    expect(
      (lines[7] as { spans: { label: string; start: number; end: number }[] }).spans[0],
    ).toMatchObject({ label: 'EMAIL', start: 0, end: 18 });
    expect(lines[9]).toMatchObject({ error: { code: 'invalid_json' } });
  }, 120_000);

  it('handles thousands of lines with one model load', async () => {
    const input = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        id: `r${i}`,
        text: `Ticket ${i}: call Maria Santos at +351 912 345 678 in Lisbon.`,
      }),
    ).join('\n');
    const { code, lines } = await run('pii-detect.ts', input);
    expect(code).toBe(0);
    expect(lines).toHaveLength(3000);
    expect(lines[2999]).toMatchObject({ id: 'r2999' });
    // One model load: loading it per line (about half a second each) would take 25 minutes and
    // time out; the bound is loose because a busy 2-core machine runs this several times slower.
  }, 180_000);
});

describe('pii:redact CLI', () => {
  it('redacts with typed placeholders and reports bad lines', async () => {
    const { code, lines } = await run('pii-redact.ts', [good, 'oops', '{"id":"e"}'].join('\n'));
    expect(code).toBe(0);
    expect(lines[0]).toEqual({
      id: 'g1',
      text: 'Mail [EMAIL_1] or call [PHONE_1]. [PERSON_1] lives in [LOCATION_1].',
    });
    expect(lines[1]).toMatchObject({ id: null, error: { code: 'invalid_json' } });
    expect(lines[2]).toMatchObject({ id: 'e', error: { code: 'missing_text' } });
  }, 120_000);
});

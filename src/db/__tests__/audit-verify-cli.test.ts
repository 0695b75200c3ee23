import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, sampleEntry } from './helpers';
import { appendAuditBatch, exportAuditJsonl } from '../audit';
import { deviceKey } from '../keys';

const root = path.resolve(import.meta.dirname, '../../..');

function runCli(input: string, args: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

beforeEach(() => {
  freshDb();
});

describe('npm run audit:verify', () => {
  it(
    'accepts an export, pinned or not, and rejects one with a changed byte',
    { timeout: 60_000 },
    async () => {
      await appendAuditBatch(Array.from({ length: 25 }, (_, i) => sampleEntry(i + 1)));
      const text = await exportAuditJsonl();
      const ok = runCli(text);
      expect(ok.out).toMatch(/^OK: 25 entries verified/);
      expect(ok.code).toBe(0);
      const { keyId } = await deviceKey();
      expect(runCli(text, ['--key', keyId]).code).toBe(0);

      const at = text.indexOf('"req-17"') + 5;
      const edited = text.slice(0, at) + '9' + text.slice(at + 1);
      const bad = runCli(edited, ['--json']);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.out)).toMatchObject({ ok: false, firstBadSeq: 17, code: 'edited' });

      expect(runCli(text, ['--key', 'not-the-device'])).toMatchObject({ code: 1 });
      expect(runCli(text, ['--bogus']).code).toBe(2);
    },
  );
});

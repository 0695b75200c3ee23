/**
 * `npm run -s audit:verify < export.jsonl`: verifies a Hearth audit export outside the browser
 * (hash chain, signatures, head) with the same code the app uses (src/core/audit), and prints
 * the verdict. Exit code 0 when the log is intact, 1 when it is not, 2 on usage errors.
 *
 * Options: `--key <keyId>` (repeatable) pins the device key(s) an auditor obtained separately;
 * without it the keys named in the export's header are trusted. `--json` prints the result as JSON.
 */
import { readFileSync } from 'node:fs';
import { verifyJsonlExport } from '../src/core/audit';

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run -s audit:verify [-- --key <keyId>] [--json] < export.jsonl`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const pinned: string[] = [];
let json = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--key') {
    const v = args[++i];
    if (!v) usage('--key needs a key id');
    pinned.push(v);
  } else if (a === '--json') json = true;
  else usage(`unknown argument: ${a}`);
}
if (process.stdin.isTTY) usage('pipe the export into standard input');

const text = readFileSync(0, 'utf8');
const result = await verifyJsonlExport(text, pinned.length > 0 ? pinned : undefined);

if (json) {
  const { ok, count, firstBadSeq, reason, code } = result as {
    ok: boolean;
    count: number;
    firstBadSeq?: number;
    reason?: string;
    code?: string;
  };
  console.log(JSON.stringify({ ok, count, firstBadSeq, code, reason }));
} else if (result.ok) {
  const keys = result.header.keys.map((k) => `${k.keyId.slice(0, 16)}…`).join(', ') || 'none';
  console.log(
    `OK: ${result.count} entries verified: the hash chain is intact, every signature is valid` +
      ` (signing keys: ${keys}${pinned.length ? ', pinned' : ''}) and the log ends at the recorded head.`,
  );
} else {
  console.log(`FAILED at entry ${result.firstBadSeq}: ${result.reason}.`);
  console.log(`${result.count} entries before it verified.`);
}
process.exit(result.ok ? 0 : 1);

#!/usr/bin/env node
// E2E tests drive Debian's Chromium (Playwright's own browser download cannot work on these
// machines). Install it when we can (root + apt-get), otherwise stop with the command to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log(`Chromium not found at ${CHROMIUM}: installing Debian's chromium with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (existsSync(CHROMIUM)) process.exit(0);
}
console.error(
  `Chromium is required for the end-to-end tests and was not found at ${CHROMIUM}.\n` +
    `Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n` +
    `(or point CHROMIUM_PATH at a Chromium binary).`,
);
process.exit(1);

#!/usr/bin/env node
// Browser tests drive Debian's Chromium through playwright-core; no browser is ever downloaded.
// Before the test suite runs, make sure it is there: install it with apt when we may, else say how.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log(`Chromium is missing at ${path}: installing Debian's chromium package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (run(['update']) && run(['install', '-y', 'chromium']) && existsSync(path)) process.exit(0);
}
console.error(
  `\nBrowser tests need Chromium at ${path} and it is not there.\n` +
    `Install it (Debian/Ubuntu: sudo apt-get install chromium) or point CHROMIUM_PATH at a Chromium binary.\n`,
);
process.exit(1);

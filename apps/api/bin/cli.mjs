#!/usr/bin/env node
// `pnpm cli <command>` from the repository root: pnpm runs this bin when the root has no "cli"
// script, which keeps pnpm's own "> script" header out of stdout (so `--json` output parses).
// It runs the compiled CLI (dist/cli.js) in this process; in a checkout it first rebuilds dist/
// when the sources are newer (a build reports on stderr, so stdout stays the command's own).
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src', import.meta.url))) {
  const { ensureBuilt } = await import('../scripts/build.mjs');
  await ensureBuilt();
}
await import('../dist/cli.js');

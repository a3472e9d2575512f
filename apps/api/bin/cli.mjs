#!/usr/bin/env node
// `pnpm cli <command>` from the repository root: pnpm runs this bin when the root has no "cli"
// script, which keeps pnpm's own "> script" header out of stdout (so `--json` output parses).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/cli/index.ts', import.meta.url));
const r = spawnSync(
  process.execPath,
  ['--import', import.meta.resolve('tsx'), entry, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);

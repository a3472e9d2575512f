#!/usr/bin/env node
// The repository stands on its own: no file reads or cites a document outside it. Code and docs cite
// docs/ (rules.md, api.md, security.md, …), never the brief the product was drawn from ("SPEC",
// "API.md", "STYLE.md"), a tracker's issue numbers, or a path beside the checkout (../shared).
import { execFileSync } from 'node:child_process';

const pattern = String.raw`\bSPEC\b|\bAPI\.md\b|\bSTYLE\.md\b|\b[Ii]ssues? #?[0-9]+|\.\./\.\./\.\./shared/|\.\./shared/(data|seeds|SPEC)`;
let out = '';
try {
  out = execFileSync(
    'git',
    ['grep', '-nIE', pattern, '--', '.', ':!pnpm-lock.yaml', ':!scripts/check-references.mjs'],
    { encoding: 'utf8' },
  );
} catch (error) {
  // git grep exits 1 when nothing matches: that is the clean case.
  if (error.status !== 1) throw error;
}
if (out.trim() !== '') {
  process.stderr.write(
    `${out}\nThese lines cite something outside the repository: point them at docs/ instead.\n`,
  );
  process.exit(1);
}

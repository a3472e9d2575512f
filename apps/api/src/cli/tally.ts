import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runTallyCommand } from '@bu/tally';

/** `pnpm cli tally --pb FILE [--rule greedy|mes] [--json]`: the app's engine on a pabulib file, no database. */
export const tallyCommand = {
  help: 'tally a pabulib .pb file: --pb FILE [--rule greedy|mes] [--json]',
  run(args: string[]) {
    const { code, stdout, stderr } = runTallyCommand(args, (path) =>
      readFileSync(resolve(process.env.INIT_CWD || process.cwd(), path), 'utf8'),
    );
    if (stdout) process.stdout.write(stdout.endsWith('\n') ? stdout : `${stdout}\n`);
    if (stderr) process.stderr.write(stderr.endsWith('\n') ? stderr : `${stderr}\n`);
    return code;
  },
};

import { ConfigError, loadConfig } from '../config.js';
import { describeFailure } from '../shared/log-safety.js';
import { databaseStartFailure, openDatabase, prepareDatabase } from '../bootstrap.js';
import { seedDemo } from '../seed/demo.js';
import { tallyCommand } from './tally.js';
import { importPbCommand } from './import-pb.js';
import { importBallotsCommand } from './import-ballots.js';

/** `pnpm cli <command>`: admin tasks with the same environment and code as the app (docs/api.md, "Command line"). */
const commands: Record<string, { help: string; run(args: string[]): number | Promise<number> }> = {
  migrate: {
    help: 'apply database migrations',
    async run() {
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        await database.migrate();
        console.log(`Migrations applied (${database.kind})`);
      } finally {
        await database.close();
      }
      return 0;
    },
  },
  tally: tallyCommand,
  'import-pb': importPbCommand,
  'seed-demo': {
    help: 'load the demo edition into an empty database',
    async run() {
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        await prepareDatabase(database, { ...config, demoSeed: false }, console.log);
        const loaded = await seedDemo(database.db, { voterKeySecret: config.voterKeySecret });
        console.log(loaded ? 'Demo edition loaded' : 'The database already has editions: demo not loaded');
      } finally {
        await database.close();
      }
      return 0;
    },
  },
  'import-ballots': importBallotsCommand,
};

export function registerCommand(name: string, help: string, run: (args: string[]) => Promise<number>) {
  commands[name] = { help, run };
}

async function main(argv: string[]) {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(
      `Usage: pnpm cli <command>\n\n${Object.entries(commands)
        .map(([n, c]) => `  ${n.padEnd(16)}${c.help}`)
        .join('\n')}`,
    );
    return name ? 2 : 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    // One scrubbed line, never a stack: a failed query's message lists its parameters (names,
    // voter key hashes, birth dates of the ballots being imported).
    console.error(
      e instanceof ConfigError
        ? e.message
        : (databaseStartFailure(e, process.env.DATABASE_URL) ?? describeFailure(e)),
    );
    process.exit(1);
  },
);

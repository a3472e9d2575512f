/**
 * `pnpm bench:startup`: how long the server takes from process spawn to its first answered
 * /api/health, and how long `pnpm cli tally` takes on a small .pb file, run from TypeScript through
 * tsx (how main ran production before the compiled build) and from the compiled `dist/` (how
 * `pnpm start` and `pnpm cli` run now). Each figure is the median of RUNS runs after one warm-up run
 * (which also migrates a fresh database on this machine's PostgreSQL, or DATABASE_URL's server, so
 * later runs measure start-up, not migrations).
 *
 *   pnpm bench:startup                  both modes (builds dist/ first when it is missing or stale)
 *   pnpm bench:startup -- --modes tsx   one mode only (e.g. on a checkout without the build)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePb } from '@bu/tally';
import { freePort, machine, TEST_SECRETS } from '@bu/testkit';
import { benchDatabase, updateDocs, writeResult } from './lib.js';

const API = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 5);

type Mode = 'tsx' | 'compiled';
const ENTRY: Record<Mode, { server: string[]; cli: string[] }> = {
  tsx: {
    server: ['--import', 'tsx', 'src/server.ts'],
    cli: ['--import', 'tsx', 'src/cli/index.ts'],
  },
  compiled: { server: ['dist/server.js'], cli: ['bin/cli.mjs'] },
};

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Spawn → first 200 from /api/health, polled every 10 ms; then SIGTERM and wait for the exit. */
async function serverColdStart(mode: Mode, dataDir: string, databaseUrl: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ENTRY[mode].server, {
    cwd: API,
    env: {
      ...process.env,
      ...TEST_SECRETS,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = started + 300_000;
  let ms = NaN;
  while (performance.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      ms = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGTERM');
  await exited;
  if (Number.isNaN(ms)) throw new Error(`${mode} server did not answer /api/health`);
  return ms;
}

function cliTally(mode: Mode, pb: string): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [...ENTRY[mode].cli, 'tally', '--pb', pb, '--json'], {
    cwd: API,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: '' },
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${mode} cli tally failed: ${r.stderr}`);
  JSON.parse(r.stdout); // the output must be the JSON, whatever the mode
  return ms;
}

/** A small instance (10 projects, 200 voters) written with the app's own .pb writer. */
function smallPb(dir: string): string {
  const projects = Array.from({ length: 10 }, (_, i) => ({ id: `p${i + 1}`, cost: 10_000 * (i + 1) }));
  const votes = Array.from({ length: 200 }, (_, v) => ({
    voterId: `v${v + 1}`,
    projectIds: projects.filter((_, i) => (v * 7 + i * 3) % 5 < 2).map((p) => p.id),
  }));
  const file = join(dir, 'small.pb');
  writeFileSync(
    file,
    writePb({
      meta: {
        description: 'startup bench',
        country: 'Ukraine',
        unit: 'bench',
        budget: '150000',
        vote_type: 'approval',
        rule: 'greedy',
      },
      projects,
      votes,
    }),
  );
  return file;
}

async function main() {
  const arg = process.argv.indexOf('--modes');
  const modes = (arg > 0 ? process.argv[arg + 1]!.split(',') : ['tsx', 'compiled']) as Mode[];
  if (modes.includes('compiled')) {
    // The same freshness check `pnpm start` makes: builds dist/ only when it is missing or stale.
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
      cwd: API,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('build failed');
  }
  const tmp = mkdtempSync(join(tmpdir(), 'bu-startup-'));
  const pb = smallPb(tmp);
  const database = await benchDatabase();
  const m = await machine(database.url);
  const pgVersion = m.postgres?.split(' ')[0] ?? 'unknown';
  const rows: { mode: Mode; serverMs: number[]; cliMs: number[] }[] = [];
  try {
    for (const mode of modes) {
      if (mode === 'compiled' && !existsSync(join(API, 'dist/server.js'))) throw new Error('no dist/');
      const dataDir = join(tmp, mode);
      await serverColdStart(mode, dataDir, database.url); // warm-up: migrates the database
      cliTally(mode, pb);
      const serverMs: number[] = [];
      const cliMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        serverMs.push(await serverColdStart(mode, dataDir, database.url));
        cliMs.push(cliTally(mode, pb));
      }
      rows.push({ mode, serverMs, cliMs });
      console.log(
        `${mode}: server ${median(serverMs).toFixed(0)} ms, cli tally ${median(cliMs).toFixed(0)} ms`,
      );
    }
  } finally {
    await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  }

  const date = new Date().toISOString().slice(0, 10);
  writeResult('startup', {
    date,
    node: process.version,
    postgres: pgVersion,
    cores: m.cores,
    runs: RUNS,
    rows,
  });
  const label: Record<Mode, string> = {
    tsx: 'TypeScript through tsx (`node --import tsx src/…`, how main ran before the build)',
    compiled: 'compiled (`node dist/server.js`, `node bin/cli.mjs` → `dist/cli.js`)',
  };
  const fmt = (xs: number[]) => `${Math.round(median(xs)).toLocaleString('en-US')}`;
  const range = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
  updateDocs(
    'startup',
    `#### Start-up — measured ${date}

\`pnpm bench:startup\`: ${process.version}, ${m.cores} cores; median of ${RUNS} runs after a warm-up. Server: process spawn until \`/api/health\` answers 200, on PostgreSQL ${pgVersion}, database already migrated, no demo seed. CLI: \`tally --pb small.pb --json\` (10 projects, 200 voters), spawn to exit.

| how it runs | server cold start, ms | (range) | CLI tally, ms | (range) |
| --- | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${label[r.mode]} | ${fmt(r.serverMs)} | ${range(r.serverMs)} | ${fmt(r.cliMs)} | ${range(r.cliMs)} |`).join('\n')}`,
  );
}

await main();

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePb } from '@bu/tally';
// @ts-expect-error: a plain .mjs build script, no declarations
import { build, ensureBuilt } from '../scripts/build.mjs';
import { startWorker } from '../src/shared/worker.js';
import { createTestDatabase } from './helpers.js';
import { freePort, TEST_SECRETS, waitForHealth } from '@bu/testkit';

const API = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(API, 'dist');
const WORKER_SOURCE = fileURLToPath(new URL('./workers/echo.worker.ts', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'bu-build-'));
const quiet = { log: () => {} };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

beforeAll(async () => {
  await ensureBuilt(quiet);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pnpm build (apps/api/scripts/build.mjs)', () => {
  it('writes the server, the CLI, the migrations and one file per worker into dist/', () => {
    for (const f of ['server.js', 'cli.js', 'migrations/meta/_journal.json'])
      expect(existsSync(join(DIST, f)), f).toBe(true);
    const migrations = readdirSync(join(API, '../../migrations')).filter((f) => f.endsWith('.sql'));
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(existsSync(join(DIST, 'migrations', m)), m).toBe(true);
    for (const worker of files(join(API, 'src')).filter((f) => f.endsWith('.worker.ts')))
      expect(existsSync(join(DIST, `${basename(worker, '.ts')}.js`)), worker).toBe(true);
  });

  it('flattens a nested worker beside the bundle that starts it, which loads it compiled', async () => {
    const src = join(tmp, 'src');
    mkdirSync(join(src, 'deep/er'), { recursive: true });
    writeFileSync(
      join(src, 'deep/er/echo.worker.ts'),
      `export {};\n${await import('node:fs').then((fs) => fs.readFileSync(WORKER_SOURCE, 'utf8'))}`,
    );
    // The caller sits elsewhere in src/, as a service would; bundled, its import.meta.url is out/main.js.
    writeFileSync(
      join(src, 'main.ts'),
      `import { startWorker } from ${JSON.stringify(join(API, 'src/shared/worker.ts'))};
const w = startWorker(new URL('./echo.worker.js', import.meta.url), { workerData: 21 });
w.once('message', (m) => { console.log(JSON.stringify(m)); void w.terminate(); });\n`,
    );
    const out = join(tmp, 'out');
    await build({ srcDir: src, outDir: out, entries: { main: 'main.ts' }, withMigrations: false, ...quiet });
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.js'))
        .sort(),
    ).toEqual(['echo.worker.js', 'main.js']);

    const r = spawnSync(process.execPath, [join(out, 'main.js')], { encoding: 'utf8', cwd: tmp });
    expect(r.status, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.doubled).toBe(42);
    expect(answer.url).toBe(`file://${join(out, 'echo.worker.js')}`);
  });

  it('refuses two workers that would land on the same file', async () => {
    const src = join(tmp, 'twins');
    for (const d of ['a', 'b']) {
      mkdirSync(join(src, d), { recursive: true });
      writeFileSync(join(src, d, 'same.worker.ts'), 'export {};\n');
    }
    writeFileSync(join(src, 'main.ts'), 'export {};\n');
    await expect(
      build({
        srcDir: src,
        outDir: join(tmp, 'twins-out'),
        entries: { main: 'main.ts' },
        withMigrations: false,
        ...quiet,
      }),
    ).rejects.toThrow(/same\.worker\.js: rename/);
  });
});

describe('startWorker from source', () => {
  it('loads the .ts worker through tsx when no compiled file is beside it (dev and tests)', async () => {
    const w = startWorker(new URL('./workers/echo.worker.js', import.meta.url), { workerData: 4 });
    const answer = await new Promise<{ doubled: number; url: string }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    await w.terminate();
    expect(answer).toEqual({ doubled: 8, url: `file://${WORKER_SOURCE}` });
  });
});

describe('the compiled CLI', () => {
  it('rebuilds a stale dist/ on stderr and prints nothing but the JSON on stdout', () => {
    const pb = join(tmp, 'small.pb');
    writeFileSync(
      pb,
      writePb({
        meta: {
          description: 'cli',
          country: 'Ukraine',
          unit: 'test',
          budget: '300',
          vote_type: 'approval',
          rule: 'greedy',
        },
        projects: [
          { id: 'a', cost: 200 },
          { id: 'b', cost: 150 },
          { id: 'c', cost: 100 },
        ],
        votes: [
          { voterId: '1', projectIds: ['a', 'b'] },
          { voterId: '2', projectIds: ['a', 'c'] },
          { voterId: '3', projectIds: ['a'] },
        ],
      }),
    );
    rmSync(join(DIST, '.built')); // as after `git pull`: the build is older than the sources
    const r = spawnSync(process.execPath, ['bin/cli.mjs', 'tally', '--pb', pb, '--json'], {
      cwd: API,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: '' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Built apps\/api\/dist/);
    expect(JSON.parse(r.stdout)).toEqual({ selected: ['a', 'c'] });
  }, 120_000);
});

/** The compiled server with plain node (no --import), on a database of its own; its output as text. */
async function runCompiledServer(tty: boolean): Promise<string> {
  const database = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmp, 'data-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...TEST_SECRETS,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
    DEMO_SEED: 'false',
    LOG_LEVEL: 'info',
    NODE_OPTIONS: '',
  };
  const command = `${process.execPath} ${join(DIST, 'server.js')}`;
  // util-linux `script` gives the server a pseudo-terminal as stdout, as a person's shell would.
  const child = tty
    ? spawn('script', ['-qfec', command, '/dev/null'], { env, detached: true })
    : spawn(process.execPath, [join(DIST, 'server.js')], { env, detached: true });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, 150_000);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    // The listening line is logged right after the server answers; give the log a moment to flush.
    for (let i = 0; i < 50 && !/Бюджет участі: http/.test(output); i++)
      await new Promise((r) => setTimeout(r, 100));
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await database?.dispose();
  }
  return output;
}

describe('the compiled server', () => {
  it('starts with plain node, migrates from dist/migrations and logs JSON lines when stdout is not a terminal', async () => {
    const output = await runCompiledServer(false);
    const lines = output.split('\n').filter((l) => l.trim());
    const listening = lines
      .map((l) => JSON.parse(l) as { msg?: string })
      .find((l) => l.msg?.startsWith('Бюджет участі: http'));
    expect(listening).toBeDefined();
  }, 200_000);

  it('logs for a person (pino-pretty) when stdout is a terminal', async () => {
    const output = await runCompiledServer(true);
    expect(output).toMatch(/INFO.*Бюджет участі: http/);
    expect(output).not.toMatch(/"level":30/);
  }, 200_000);
});

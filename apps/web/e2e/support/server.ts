import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiRoot, serverEntry, webDist } from './paths';

export const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-1' } as const;

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh PostgreSQL database for this run when TEST_DATABASE_URL is set (dropped by `drop`),
 * otherwise nothing: the server then uses an embedded PGlite in a fresh temporary DATA_DIR.
 */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return null;
  const { default: pg } = await import('pg');
  const name = `bu_e2e_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts the real API (`node --import tsx apps/api/src/server.ts`) on its own port and its own
 * database, serving the built web app, and waits for /api/health. Each test file owns one; `env`
 * adds or overrides variables.
 */
export async function startServer(
  opts: { port?: number; env?: Record<string, string>; startTimeoutMs?: number } = {},
): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'bu-e2e-'));
  const pgdb = await freshPostgres();

  const env: NodeJS.ProcessEnv = { ...process.env };
  // As `pnpm start` runs it: not in vitest's NODE_ENV=test, not on a DATABASE_URL of the shell.
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO_SEED: 'true',
    RATE_LIMITS: 'off',
    WEB_DIST: webDist,
    LOG_LEVEL: 'warn',
  });
  if (pgdb) {
    Object.assign(env, {
      DATABASE_URL: pgdb.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      VOTER_KEY_SECRET: randomBytes(32).toString('hex'),
      // PostgreSQL defaults to an identity provider; the browser tests declare numbers as the demo does.
      IDENTITY_MODE: 'demo',
    });
  }
  // A test's own settings last (the identity provider's test, for one).
  Object.assign(env, opts.env ?? {});

  // cwd apps/api so that `--import tsx` resolves from @bu/api's own dependencies.
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    cwd: apiRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await pgdb?.drop();
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  // A cold PGlite with the demo seed takes well over a minute on a busy two-core machine.
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the API server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`,
        );
      }
      if (Date.now() > deadline) throw new Error(`the API server was not healthy in time:\n${output}`);
      try {
        const res = await fetch(`${baseUrl}/api/health`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { baseUrl, stop: cleanup };
}

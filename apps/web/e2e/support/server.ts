import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { API_ROOT, startApiServer, TEST_SECRETS, throwawayDatabase } from '@bu/testkit';
import { webDist } from './paths';

const prepareScript = fileURLToPath(new URL('./prepare-db.ts', import.meta.url));

export const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-1' } as const;

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts the real API on its own port and its own database, serving the built web app, with the demo
 * edition and an admin. The database is a fresh one on TEST_DATABASE_URL's PostgreSQL when that is
 * set, otherwise an embedded PGlite in a fresh temporary DATA_DIR. Each test file owns one.
 */
export async function startServer(
  opts: {
    port?: number;
    env?: Record<string, string>;
    startTimeoutMs?: number;
    /**
     * SQL run once the database is prepared (schema, admin, demo data) and before the server starts:
     * for data the API cannot make, such as registrations dated hours ago (support/prepare-db.ts).
     */
    prepareSql?: string[];
  } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bu-e2e-'));
  const admin = process.env.TEST_DATABASE_URL;
  const pgdb = admin ? await throwawayDatabase(admin, 'bu_e2e') : null;
  const cleanupFiles = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await pgdb?.drop();
  };
  try {
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      DEMO_SEED: 'true',
      WEB_DIST: webDist,
      ...(pgdb && {
        DATABASE_URL: pgdb.url,
        JWT_SECRET: randomBytes(32).toString('hex'),
        VOTER_KEY_SECRET: randomBytes(32).toString('hex'),
      }),
      // A test's own settings last (the identity provider's test, for one).
      ...opts.env,
    };
    if (opts.prepareSql) await prepareDatabase(env, opts.prepareSql);
    const server = await startApiServer({
      output: 'capture',
      ...(opts.port !== undefined && { port: opts.port }),
      ...(opts.startTimeoutMs !== undefined && { timeoutMs: opts.startTimeoutMs }),
      env,
    });
    return {
      baseUrl: server.base,
      stop: async () => {
        await server.stop('SIGTERM', 10_000);
        await cleanupFiles();
      },
    };
  } catch (e) {
    await cleanupFiles();
    throw e;
  }
}

/** support/prepare-db.ts in apps/api's Node, with the server's environment (its defaults included). */
async function prepareDatabase(env: Record<string, string>, statements: string[]) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...TEST_SECRETS, IDENTITY_MODE: 'demo', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  delete childEnv.NODE_ENV;
  childEnv.PREPARE_SQL = JSON.stringify(statements);
  const child = spawn(process.execPath, ['--import', 'tsx', prepareScript], {
    cwd: API_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`preparing the database failed (exit ${code}):\n${output.slice(-4000)}`);
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, throwawayDatabase } from '@bu/testkit';
import { webDist } from './paths';

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
  opts: { port?: number; env?: Record<string, string>; startTimeoutMs?: number } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bu-e2e-'));
  const admin = process.env.TEST_DATABASE_URL;
  const pgdb = admin ? await throwawayDatabase(admin, 'bu_e2e') : null;
  const cleanupFiles = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await pgdb?.drop();
  };
  try {
    const server = await startApiServer({
      output: 'capture',
      ...(opts.port !== undefined && { port: opts.port }),
      ...(opts.startTimeoutMs !== undefined && { timeoutMs: opts.startTimeoutMs }),
      env: {
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
      },
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

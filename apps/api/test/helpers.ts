import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Role } from '@bu/shared';
import { TEST_SECRETS, throwawayDatabase } from '@bu/testkit';
import app, { type AppOptions } from '../src/app.js';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import { fastifyOptions } from '../src/fastify-options.js';
import { usersRepository } from '../src/modules/users/users.repository.js';
import { hashPassword } from '../src/modules/users/passwords.js';
import { signToken } from '../src/plugins/auth.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/**
 * A fresh, migrated database owned by one test (docs/style.md §10): in-memory PGlite by default, a new
 * database on the PostgreSQL server of TEST_DATABASE_URL when it is set.
 */
export async function createTestDatabase(): Promise<Database & { url?: string; dispose(): Promise<void> }> {
  if (!TEST_DATABASE_URL) {
    const database = await openPglite();
    await database.migrate();
    return { ...database, dispose: () => database.close() };
  }
  const pgdb = await throwawayDatabase(TEST_DATABASE_URL, 'bu_test');
  const database = openPostgres({ url: pgdb.url, poolMax: 20 });
  await database.migrate();
  return {
    ...database,
    // For tests that start real API processes on this database (voting concurrency).
    url: pgdb.url,
    async dispose() {
      await database.close();
      await pgdb.drop();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database & { url?: string };
  /** Every route as registered, with its hooks: for tests that check a rule over all routes. */
  routes: RouteOptions[];
  close(): Promise<void>;
}

/** `logStream`: the app logs warnings and errors there as JSON lines, for a test that reads them. */
export async function buildTestApp(
  opts: Partial<AppOptions> = {},
  { logStream }: { logStream?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const fastify = Fastify(
    logStream ? fastifyOptions('warn', { stream: logStream, pretty: false }) : fastifyOptions('silent'),
  );
  const routes: RouteOptions[] = [];
  fastify.addHook('onRoute', (r) => void routes.push(r));
  await fastify.register(app, {
    database,
    jwtSecret: TEST_SECRETS.JWT_SECRET,
    voterKeySecret: TEST_SECRETS.VOTER_KEY_SECRET,
    rateLimits: false,
    ...opts,
  });
  await fastify.ready();
  return {
    app: fastify,
    database,
    routes,
    async close() {
      await fastify.close();
      await database.dispose();
    },
  };
}

let counter = 0;
// One hash for every factory-made account keeps a test file's set-up fast.
let passwordHash: Promise<string> | undefined;
export const FACTORY_PASSWORD = 'factory-password-1';

/** Inserts an account with the given roles and returns it with a valid bearer token. */
export async function createAccount(t: TestApp, roles: Role[] = [], fullName = 'Тестовий Користувач') {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const users = usersRepository(t.database.db);
  const email = `user${++counter}-${randomBytes(3).toString('hex')}@test.local`;
  const row = await users.create({
    email,
    fullName,
    passwordHash: await passwordHash,
    roles: ['resident', ...roles],
  });
  return {
    user: row!,
    email,
    token: signToken(t.app, row!),
    auth: { authorization: `Bearer ${signToken(t.app, row!)}` },
  };
}

const DAY = 86_400_000;

/** Phase dates around now: `at` names the phase the edition is in. */
export function phasesAt(at: 'upcoming' | 'submission' | 'review' | 'voting' | 'tally', now = Date.now()) {
  const offset = { upcoming: 10, submission: -1, review: -15, voting: -30, tally: -50 }[at];
  const base = now + offset * DAY;
  const iso = (d: number) => new Date(base + d * DAY).toISOString();
  return {
    submissionStart: iso(0),
    submissionEnd: iso(10),
    reviewEnd: iso(20),
    votingStart: iso(25),
    votingEnd: iso(45),
  };
}

export function editionBody(over: Record<string, unknown> = {}) {
  return {
    title: 'Бюджет участі 2025',
    totalFund: 10_000_000_00,
    phases: phasesAt('upcoming'),
    minVoterAge: 16,
    tallyRule: 'greedy',
    tieBreak: 'earlier_submission',
    ...over,
  };
}

export function categoryBody(over: Record<string, unknown> = {}) {
  return {
    name: 'Освітні проєкти',
    fund: 4_000_000_00,
    minCost: 50_000_00,
    maxCost: 1_000_000_00,
    maxVotes: 2,
    ...over,
  };
}

import { randomUUID } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, createTestDatabase, TEST_DATABASE_URL } from './helpers.js';
import { freePort, startApiServer, TEST_SECRETS, type ApiServer } from '@bu/testkit';

/**
 * Rate limits count per account (a verified token) or per address, and with REDIS_URL they are one
 * count for every process. The machine's Redis on 6379 is shared with other work: these tests use a
 * key prefix of their own and delete only their keys. The outage test starts a Redis of its own.
 */
const MACHINE_REDIS = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const VOTE_LIMIT = 30;

const signer = createSigner({ key: TEST_SECRETS.JWT_SECRET, algorithm: 'HS256', expiresIn: 600_000 });
/** A token as the app signs them (session version and an id of its own), for an account id. */
const sign = (claims: { sub: number }) => signer({ ...claims, sv: 1, jti: randomUUID() });

/** A place for a process's database: a fresh PostgreSQL database, or a PGlite folder of its own. */
async function databaseEnv(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  if (!TEST_DATABASE_URL)
    return {
      env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'bu-rl-')) },
      dispose: async () => {},
    };
  const database = await createTestDatabase();
  return { env: { DATABASE_URL: database.url! }, dispose: () => database.dispose() };
}

async function deleteKeys(redis: Redis, prefix: string) {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
}

describe('the limiter counts the account, not the header text', () => {
  it('gives one allowance to a token however its scheme is spelled', async () => {
    const t = await buildTestApp({ rateLimits: true });
    try {
      const { token } = await createAccount(t);
      const spellings = ['Bearer', 'bearer', 'BEARER', 'BeArEr'];
      const codes: number[] = [];
      for (let i = 0; i <= VOTE_LIMIT; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/editions/999999/votes',
          headers: { authorization: `${spellings[i % spellings.length]} ${token}` },
          payload: { projectIds: [1] },
        });
        codes.push(res.statusCode);
      }
      // Every spelling is accepted as the same account (404: no such edition) until the one limit.
      expect(codes.slice(0, VOTE_LIMIT)).toEqual(Array(VOTE_LIMIT).fill(404));
      expect(codes[VOTE_LIMIT]).toBe(429);
    } finally {
      await t.close();
    }
  }, 400_000);
});

describe.concurrent('bad configuration stops the start with one line naming the variable', () => {
  const start = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: API_DIR,
        env: {
          ...process.env,
          ...TEST_SECRETS,
          PORT: '0',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'bu-cfg-')),
          ...env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (code) => resolve({ code, stderr }));
    });

  it.each([
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', 'redis://:s3cret-password@'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://user:s3cret-password@db/x'],
  ])(
    '%s=%s',
    async (name, value) => {
      const run = await start({ [name]: value });
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name} must be a URL like`));
      // The value may hold a password: it is not repeated.
      expect(lines[0]).not.toContain('s3cret');
    },
    300_000,
  );

  /** A well-formed DATABASE_URL that cannot be used: one line naming it, no driver stack. */
  const refusedDatabase = async (url: string, why: RegExp) => {
    const run = await start({ DATABASE_URL: url });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATABASE_URL: cannot use PostgreSQL at 127\.0\.0\.1:\d+\/bu_\w+: /);
    expect(lines[0]).toMatch(why);
    expect(lines[0]).not.toContain('s3cret');
  };

  it('DATABASE_URL where no PostgreSQL answers', async () => {
    const port = await freePort();
    await refusedDatabase(
      `postgres://bu:s3cret-password@127.0.0.1:${port}/bu_city`,
      /no PostgreSQL answers \(ECONNREFUSED\)$/,
    );
  }, 300_000);

  it.skipIf(!TEST_DATABASE_URL)(
    'DATABASE_URL naming a database that does not exist',
    async () => {
      const url = new URL(TEST_DATABASE_URL!);
      url.pathname = `/bu_missing_${randomBytes(4).toString('hex')}`;
      url.password = 's3cret-password';
      await refusedDatabase(url.href, /the database does not exist$/);
    },
    300_000,
  );
});

describe('with REDIS_URL, two processes share one limit', () => {
  const prefix = `bu-test-${randomBytes(4).toString('hex')}:`;
  let redis: Redis;
  const servers: ApiServer[] = [];
  const dbs: { dispose(): Promise<void> }[] = [];

  beforeAll(async () => {
    redis = new Redis(MACHINE_REDIS, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const shared = await databaseEnv();
    dbs.push(shared);
    for (let i = 0; i < 2; i++) {
      // On PostgreSQL both share the one database; PGlite is one process's, so each gets a folder.
      const db = i === 0 || TEST_DATABASE_URL ? shared : await databaseEnv();
      if (db !== shared) dbs.push(db);
      servers.push(
        await startApiServer({
          env: {
            ...db.env,
            RATE_LIMITS: 'on',
            REDIS_URL: MACHINE_REDIS,
            REDIS_KEY_PREFIX: prefix,
          },
          timeoutMs: 400_000,
        }),
      );
    }
  }, 900_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(dbs.map((d) => d.dispose()));
    if (redis) {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
  });

  it(`answers 429 on the ${VOTE_LIMIT + 1}st vote of one account, wherever each one lands`, async () => {
    const token = sign({ sub: 424_242 });
    const codes: number[] = [];
    for (let i = 0; i <= VOTE_LIMIT; i++) {
      const res = await fetch(`${servers[i % 2]!.base}/api/editions/999999/votes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ projectIds: [1] }),
      });
      codes.push(res.status);
    }
    // The account is not in the database (401 from the vote itself, 404 on PostgreSQL where the
    // edition is what is missing): either way each got past the limiter, until the shared limit.
    const passed = codes.slice(0, VOTE_LIMIT);
    expect(new Set(passed).size, String(passed)).toBe(1);
    expect([401, 404]).toContain(passed[0]);
    // Each process alone has seen only 15 or 16: the 31st is refused because the count is shared.
    expect(codes[VOTE_LIMIT]).toBe(429);
    // And another account still has its own allowance on either process.
    const other = await fetch(`${servers[1]!.base}/api/editions/999999/votes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sign({ sub: 424_243 })}`, 'content-type': 'application/json' },
      body: JSON.stringify({ projectIds: [1] }),
    });
    expect(other.status).toBe(passed[0]);
    expect((await redis.keys(`${prefix}*`)).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('when Redis goes away mid-run', () => {
  let redisServer: ChildProcess;
  let server: ApiServer;
  let db: { env: Record<string, string>; dispose(): Promise<void> };

  beforeAll(async () => {
    const port = await freePort();
    // A Redis of this test's own, so that stopping it disturbs nobody else.
    redisServer = spawn('redis-server', ['--port', String(port), '--save', '', '--daemonize', 'no'], {
      stdio: 'ignore',
    });
    const until = Date.now() + 10_000;
    while (
      spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'
    ) {
      if (Date.now() > until) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    db = await databaseEnv();
    server = await startApiServer({
      env: { ...db.env, RATE_LIMITS: 'on', DEMO_SEED: 'true', REDIS_URL: `redis://127.0.0.1:${port}` },
      output: 'capture',
      timeoutMs: 400_000,
    });
  }, 500_000);

  afterAll(async () => {
    await server?.stop();
    if (redisServer && redisServer.exitCode === null) redisServer.kill('SIGKILL');
    await db?.dispose();
  });

  it('keeps answering votes (never a 5xx), still limits per process, and logs a warning', async () => {
    const base = server.base;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'resident@demo.local', password: 'demo-resident-2024' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const { editions } = (await (await fetch(`${base}/api/editions`)).json()) as {
      editions: { id: number; phase: string; title: string }[];
    };
    // The demo's current edition, in its voting phase (its title carries this year).
    const edition = editions.find((e) => e.phase === 'voting' && e.title.startsWith('Бюджет участі'))!;
    const { projects } = (await (await fetch(`${base}/api/editions/${edition.id}/projects`)).json()) as {
      projects: { id: number }[];
    };
    const vote = (projectId: number) =>
      fetch(`${base}/api/editions/${edition.id}/votes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ projectIds: [projectId] }),
      });

    const before = await vote(projects[0]!.id);
    expect(before.status).toBe(201);
    expect(before.headers.get('x-ratelimit-remaining')).toBe(String(VOTE_LIMIT - 1));

    redisServer.kill('SIGKILL');
    await new Promise((r) => redisServer.once('exit', r));

    const codes: number[] = [];
    for (let i = 1; i <= VOTE_LIMIT + 1; i++) {
      const res = await vote(projects[i % projects.length]!.id);
      codes.push(res.status);
    }
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    // Every vote got a domain answer (accepted, or refused by the allowance or the rules) until this
    // process's own count reached the limit: the fallback counts from zero, so 30 pass, the 31st not.
    const passed = codes.slice(0, VOTE_LIMIT);
    expect(
      passed.every((c) => c < 500 && c !== 429),
      String(codes),
    ).toBe(true);
    expect(passed, String(codes)).toContain(201);
    expect(codes[VOTE_LIMIT]).toBe(429);
    await expect.poll(() => server.output()).toMatch(/Redis is unavailable/);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { makeTaxId } from '@bu/shared';
import app from '../src/app.js';
import { fastifyOptions } from '../src/fastify-options.js';
import { users } from '../src/db/schema.js';
import { openPglite, queryRows } from '../src/db/client.js';
import { voterKeyHex } from '../src/modules/voting/identity.service.js';
import { describeFailure } from '../src/shared/log-safety.js';
import { projectBody } from './fixtures.js';
import {
  categoryBody,
  createAccount,
  createTestDatabase,
  editionBody,
  phasesAt,
  TEST_DATABASE_URL,
  type TestApp,
} from './helpers.js';

/**
 * Caches and logs (docs/security.md). Reads never empty the public cache; unpublished exports are not
 * kept by any cache; the log's request id is the server's; a failing query's personal data never
 * reaches the log or the CLI's terminal. The log stream is captured as production writes it.
 */
const lines: Record<string, any>[] = [];
let raw = '';
let fastify: FastifyInstance;
let t: TestApp;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const VOTER_SECRET = 'v'.repeat(40);

beforeAll(async () => {
  database = await createTestDatabase();
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw += String(chunk);
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  fastify = Fastify(fastifyOptions('info', { stream }));
  await fastify.register(app, {
    database,
    jwtSecret: 'j'.repeat(40),
    voterKeySecret: VOTER_SECRET,
    rateLimits: false,
  });
  await fastify.ready();
  t = { app: fastify, database, routes: [], close: async () => {} };
  // Failures a bug or a broken disk would cause, in the database itself: the app has no such branch.
  await database.db.execute(sql`
    CREATE FUNCTION log_probe_fail() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'log probe: simulated storage failure'; END $$`);
  await database.db.execute(sql`
    CREATE TRIGGER log_probe_users BEFORE INSERT ON users FOR EACH ROW
    WHEN (NEW.full_name LIKE 'Зонд%') EXECUTE FUNCTION log_probe_fail()`);
  await database.db.execute(sql`
    CREATE TRIGGER log_probe_voters BEFORE INSERT ON voters FOR EACH ROW
    WHEN (NEW.birth_date = '1961-07-14') EXECUTE FUNCTION log_probe_fail()`);
}, 240_000);
afterAll(async () => {
  await fastify.close();
  await database.dispose();
});

async function catalogue() {
  const admin = await createAccount(t, ['admin']);
  const author = await createAccount(t);
  const e = (
    await fastify.inject({
      method: 'POST',
      url: '/api/editions',
      headers: admin.auth,
      payload: editionBody({ phases: phasesAt('submission') }),
    })
  ).json().edition;
  const c = (
    await fastify.inject({
      method: 'POST',
      url: `/api/editions/${e.id}/categories`,
      headers: admin.auth,
      payload: categoryBody({ minCost: 1_00 }),
    })
  ).json().category;
  const p = (
    await fastify.inject({
      method: 'POST',
      url: `/api/editions/${e.id}/projects`,
      headers: author.auth,
      payload: projectBody(c.id),
    })
  ).json().project;
  await fastify.inject({ method: 'POST', url: `/api/projects/${p.id}/submit`, headers: author.auth });
  return { admin, editionId: e.id as number };
}

describe('the public cache', () => {
  it('is not emptied by HEAD, OPTIONS or any other read', async () => {
    const { admin, editionId } = await catalogue();
    const url = `/api/editions/${editionId}/projects`;
    expect((await fastify.inject({ url })).headers['x-cache']).toBe('miss');
    expect((await fastify.inject({ url })).headers['x-cache']).toBe('hit');
    for (const method of ['HEAD', 'OPTIONS'] as const) {
      for (const target of [url, `/api/editions/${editionId}`, '/api/editions'])
        await fastify.inject({ method, url: target });
      expect((await fastify.inject({ url })).headers['x-cache'], `after ${method}`).toBe('hit');
    }
    // A refused write empties nothing either; a successful one does (the control).
    await fastify.inject({ method: 'POST', url: '/api/editions', payload: {} });
    expect((await fastify.inject({ url })).headers['x-cache']).toBe('hit');
    const created = await fastify.inject({
      method: 'POST',
      url: '/api/editions',
      headers: admin.auth,
      payload: editionBody({ phases: phasesAt('upcoming') }),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await fastify.inject({ url })).headers['x-cache']).toBe('miss');
  });
});

describe('exports before publication', () => {
  it('are private, no-store: no proxy or shared browser keeps an admin’s unpublished file', async () => {
    const { admin, editionId } = await catalogue();
    for (const file of ['projects.csv', 'projects.json', 'votes.csv', 'votes.json']) {
      const res = await fastify.inject({
        url: `/api/editions/${editionId}/export/${file}`,
        headers: admin.auth,
      });
      expect(res.statusCode, `${file}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['cache-control'], file).toBe('private, no-store');
    }
  });
});

describe('request ids', () => {
  it('are the server’s own: a client-sent x-request-id is not the log’s id', async () => {
    const res = await fastify.inject({
      url: '/api/editions/999999',
      headers: { 'x-request-id': 'forged-id' },
    });
    expect(res.statusCode).toBe(404);
    const id = String(res.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => l.reqId === id && l.code === 'NOT_FOUND')).toBe(true);
    expect(lines.some((l) => l.reqId === 'forged-id')).toBe(false);
  });
});

describe('error logs', () => {
  it('carry no email, full name or password hash of a failed registration', async () => {
    const before = lines.length;
    const res = await fastify.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'zond.leak@example.com', password: 'zond-password-1', fullName: 'Зонд Витоку' },
    });
    expect(res.statusCode).toBe(500);
    const id = String(res.headers['x-request-id']);
    const failure = lines.slice(before).find((l) => l.reqId === id && l.level === 50);
    // The failure is still logged usefully: its kind and where, without the values.
    expect(failure?.err?.stack).toMatch(/Failed query/);
    const logged = JSON.stringify(lines.slice(before));
    expect(logged).not.toMatch(/zond\.leak@example\.com|Зонд Витоку|\$argon2|zond-password-1/);
  });

  it('carry no birth date, voter key hash or taxpayer number of a failed verification', async () => {
    const resident = await createAccount(t);
    const taxId = makeTaxId('1961-07-14', 4242);
    const before = lines.length;
    const res = await fastify.inject({
      method: 'POST',
      url: '/api/me/identity',
      headers: resident.auth,
      payload: { taxId },
    });
    expect(res.statusCode).toBe(500);
    const logged = JSON.stringify(lines.slice(before));
    expect(logged).toMatch(/simulated storage failure/);
    const key = voterKeyHex(VOTER_SECRET, taxId);
    for (const secret of [
      '1961-07-14',
      taxId,
      key,
      Buffer.from(key, 'hex').toString('base64'),
      Buffer.from(key, 'hex').toString('latin1').slice(0, 8),
    ])
      expect(raw.includes(secret), `log holds ${secret}`).toBe(false);
  });

  it('redact personal keys wherever a log call passes them', () => {
    const before = lines.length;
    fastify.log.error(
      {
        user: { email: 'a@b.c', fullName: 'Ім’я', passwordHash: '$argon2id$x' },
        row: { voter: { birthDate: '1990-01-01', keyHash: 'abc' } },
      },
      'probe',
    );
    const logged = JSON.stringify(lines.slice(before));
    expect(logged).toMatch(/probe/);
    expect(logged).not.toMatch(/a@b\.c|Ім’я|argon2id|1990-01-01|"abc"/);
  });

  it('redact them at any depth, in arrays, in any case, and in an error logged inside an object', async () => {
    const before = lines.length;
    const failed = await database.db
      .insert(users)
      .values({ email: 'deep.leak@example.com', fullName: 'Зонд Глибини', passwordHash: 'x' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    fastify.log.error(
      {
        import: { batch: { rows: [{ ballot: { voter: { birthDate: '1961-07-14', Email: 'd@e.f' } } }] } },
        context: { step: { failure: failed } },
        a: { b: { c: { d: { e: { full_name: 'Дуже Глибоке Ім’я', kept: 'видно' } } } } },
      },
      'deep probe',
    );
    const logged = JSON.stringify(lines.slice(before));
    // What is not personal stays, so the line is still useful.
    expect(logged).toMatch(/deep probe/);
    expect(logged).toMatch(/видно/);
    expect(logged).toMatch(/Failed query/);
    expect(logged).not.toMatch(/1961-07-14|d@e\.f|Дуже Глибоке|deep\.leak@example\.com|Зонд Глибини/);
  });
});

describe('the CLI', () => {
  // Spawns tsx and migrates a database of its own: slow on a loaded machine.
  it('run for real, a failing import prints one line on stderr: no stack, no personal data', async () => {
    // The CLI's own database: PostgreSQL when the suite runs on it, else a PGlite folder.
    const dir = mkdtempSync(join(tmpdir(), 'bu-cli-leak-'));
    const own = TEST_DATABASE_URL ? await createTestDatabase() : await openPglite(dir);
    const secret = 'k'.repeat(40);
    const name = 'Зонд Терміналенко';
    const taxId = makeTaxId('1961-07-14', 4243);
    try {
      await own.migrate();
      const db = own.db;
      const [e] = await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO editions (title, total_fund, submission_start, submission_end, review_end,
              voting_start, voting_end, min_voter_age, eligibility, tally_rule, tie_break)
            VALUES ('CLI', 1000000, now() - interval '30 days', now() - interval '20 days',
              now() - interval '10 days', now() - interval '1 day', now() + interval '10 days',
              16, 'residents', 'greedy', 'earlier_submission') RETURNING id`,
      );
      const [c] = await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO categories (edition_id, name, fund, min_cost, max_cost, max_votes)
            VALUES (${e!.id}, 'Загальна', 1000000, 100, 1000000, 3) RETURNING id`,
      );
      const [operator] = await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO users (email, password_hash, full_name, roles)
            VALUES ('cli.operator@test.local', 'x', 'Оператор', '{resident,operator}') RETURNING id`,
      );
      const [p] = await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO projects (edition_id, category_id, author_id, title, summary, description, address,
              cost_items, total_cost, status)
            VALUES (${e!.id}, ${c!.id}, ${operator!.id}, 'Лавки', 'Лавки', 'Лавки', 'парк',
              '[{"name":"Лавка","quantity":1,"unitCost":100,"total":100}]', 100, 'admitted') RETURNING id`,
      );
      const [loc] = await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO cnap_locations (name, address) VALUES ('ЦНАП', 'вул. Тестова, 1') RETURNING id`,
      );
      await db.execute(
        sql`INSERT INTO operator_locations (user_id, location_id) VALUES (${operator!.id}, ${loc!.id})`,
      );
      // The database fails as if it went away mid-import: the CLI stops, its error has every
      // parameter of the failed insert (the name, the birth date, the voter key hash).
      await db.execute(sql`
        CREATE FUNCTION cli_probe_fail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION USING ERRCODE = '57P01', MESSAGE = 'terminating connection: probe'; END $$`);
      await db.execute(sql`
        CREATE TRIGGER cli_probe BEFORE INSERT ON paper_ballots FOR EACH ROW
        EXECUTE FUNCTION cli_probe_fail()`);
      if (!TEST_DATABASE_URL) await own.close();

      const csv = join(dir, 'ballots.csv');
      writeFileSync(
        csv,
        `taxId,fullName,serial,cnapLocationId,projectIds\n${taxId},${name},CLI-1,${loc!.id},${p!.id}\n`,
      );
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/index.ts', 'import-ballots', '--edition', String(e!.id)].concat([
          '--csv',
          csv,
          '--operator',
          'cli.operator@test.local',
        ]),
        {
          cwd: fileURLToPath(new URL('..', import.meta.url)),
          encoding: 'utf8',
          env: {
            ...process.env,
            INIT_CWD: '',
            DATA_DIR: dir,
            DATABASE_URL: (own as { url?: string }).url ?? '',
            JWT_SECRET: 'j'.repeat(40),
            VOTER_KEY_SECRET: secret,
            IDENTITY_MODE: 'demo',
            LOG_LEVEL: 'silent',
          },
        },
      );
      expect(r.status, r.stderr).toBe(1);
      const errLines = r.stderr.split('\n').filter(Boolean);
      expect(errLines, r.stderr).toHaveLength(1);
      expect(errLines[0]).toMatch(/^Error: Failed query: .*\(terminating connection: probe\)$/);
      expect(r.stderr).not.toMatch(/\s+at \S/);
      const key = voterKeyHex(secret, taxId);
      for (const personal of [name, taxId, '1961-07-14', key, Buffer.from(key, 'hex').toString('base64')])
        expect(`${r.stdout}\n${r.stderr}`.includes(personal), `printed ${personal}`).toBe(false);
    } finally {
      if (TEST_DATABASE_URL) await (own as Awaited<ReturnType<typeof createTestDatabase>>).dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('reports a failed query in one line without its personal data or a stack', async () => {
    const err = await database.db
      .insert(users)
      .values({
        email: 'cli.leak@example.com',
        fullName: 'Зонд Термінал',
        passwordHash: '$argon2id$v=19$cli-leak',
        roles: ['resident'],
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    // The raw error does carry them (drizzle lists every parameter): what the CLI printed before.
    expect(String((err as Error).message)).toMatch(/cli\.leak@example\.com/);
    const printed = describeFailure(err);
    expect(printed.split('\n')).toHaveLength(1);
    expect(printed).toMatch(/simulated storage failure/);
    expect(printed).not.toMatch(/cli\.leak|Зонд|argon2|\s+at /);
  });
});

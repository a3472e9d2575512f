import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { startApiServer, type ApiServer } from '@bu/testkit';
import { buildTestApp, createAccount, TEST_DATABASE_URL, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, createVerifiedResident } from './factories/voting.js';

/**
 * docs/rules.md §1: at least 200 simultaneous requests for ONE person across both channels (online
 * votes with their token, paper ballots with their taxpayer number) never exceed the allowance. With
 * one process on the test's database (PGlite by default), and — when TEST_DATABASE_URL is set — over
 * real HTTP against two API processes sharing one PostgreSQL.
 */
const REQUESTS = 200;

interface Person {
  auth: Record<string, string>;
  taxId: string;
  userId: number;
}
interface Fixture {
  ed: VotingEdition;
  person: Person;
  operatorAuth: Record<string, string>;
  locationId: number;
}

/** A seeded generator: the same mix of requests on every run. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

interface Req {
  channel: 'online' | 'cnap';
  url: string;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
}

function requests(f: Fixture, tag: string): Req[] {
  const rnd = lcg(42);
  const all = f.ed.categories.flatMap((c) => c.projectIds);
  return Array.from({ length: REQUESTS }, (_, i) => {
    const n = 1 + Math.floor(rnd() * 3);
    const projectIds = [...new Set(Array.from({ length: n }, () => all[Math.floor(rnd() * all.length)]!))];
    return i % 2 === 0
      ? {
          channel: 'online',
          url: `/api/editions/${f.ed.editionId}/votes`,
          headers: f.person.auth,
          payload: { projectIds },
        }
      : {
          channel: 'cnap',
          url: `/api/editions/${f.ed.editionId}/paper-ballots`,
          headers: f.operatorAuth,
          payload: {
            taxId: f.person.taxId,
            fullName: 'Одна Особа',
            serial: `${tag}-${i}`,
            cnapLocationId: f.locationId,
            projectIds,
          },
        };
  });
}

async function setUp(t: TestApp): Promise<Fixture> {
  const author = await createAccount(t);
  const ed = await createVotingEdition(t, {
    authorId: author.user.id,
    categories: [
      { name: 'Освітні проєкти', maxVotes: 2, projects: 6 },
      { name: 'Зелені проєкти', maxVotes: 1, projects: 4 },
      { name: 'Інший благоустрій', maxVotes: 3, projects: 5 },
    ],
  });
  const loc = await createLocation(t);
  const op = await createOperator(t, [loc.id]);
  const r = await createVerifiedResident(t, '1982-08-24');
  return {
    ed,
    person: { auth: r.auth, taxId: r.taxId, userId: r.user.id },
    operatorAuth: op.auth,
    locationId: loc.id,
  };
}

async function checkInvariants(
  t: TestApp,
  f: Fixture,
  sent: Req[],
  answers: { status: number; body: any }[],
) {
  const statuses = answers.map((a) => a.status);
  expect(
    statuses.filter((s) => s >= 500),
    JSON.stringify(answers.find((a) => a.status >= 500)),
  ).toEqual([]);
  for (const a of answers) {
    if (a.status === 201) continue;
    expect(a.status, JSON.stringify(a.body)).toBe(409);
    expect(['VOTE_LIMIT_EXCEEDED', 'ALREADY_VOTED']).toContain(a.body.error.code);
  }
  const rows = await queryRows<{
    category_id: number;
    votes: number;
    projects: number;
    used: number | null;
    online: number;
    cnap: number;
  }>(
    t.database.db,
    sql`
    SELECT vt.category_id, count(*)::int AS votes, count(DISTINCT vt.project_id)::int AS projects,
      (SELECT vu.used FROM vote_usage vu WHERE vu.voter_id = vt.voter_id AND vu.category_id = vt.category_id) AS used,
      count(*) FILTER (WHERE vt.channel = 'online')::int AS online, count(*) FILTER (WHERE vt.channel = 'cnap')::int AS cnap
    FROM votes vt JOIN users u ON u.voter_id = vt.voter_id
    WHERE u.id = ${f.person.userId}
    GROUP BY vt.voter_id, vt.category_id`,
  );
  for (const c of f.ed.categories) {
    const row = rows.find((r) => r.category_id === c.id);
    if (!row) continue;
    expect(row.votes, c.name).toBeLessThanOrEqual(c.maxVotes);
    expect(row.projects, c.name).toBe(row.votes);
    expect(row.used, c.name).toBe(row.votes);
  }
  // Every accepted answer is in the database, and nothing else is.
  const accepted = answers.filter((a) => a.status === 201);
  expect(accepted.length).toBeGreaterThan(0);
  const answeredVotes = accepted.reduce((n, a) => n + (a.body.votes ?? a.body.ballot.votes).length, 0);
  expect(rows.reduce((n, r) => n + r.votes, 0)).toBe(answeredVotes);
  const acceptedBallots = accepted.filter((a) => a.body.ballot).length;
  const [{ ballots, refused }] = (await queryRows<{ ballots: number; refused: number }>(
    t.database.db,
    sql`
    SELECT (SELECT count(*)::int FROM paper_ballots WHERE edition_id = ${f.ed.editionId}) AS ballots,
           (SELECT count(*)::int FROM audit_log WHERE action = 'ballot.refused') AS refused`,
  )) as [{ ballots: number; refused: number }];
  expect(ballots).toBe(acceptedBallots);
  expect(refused).toBe(sent.filter((r, i) => r.channel === 'cnap' && answers[i]!.status !== 201).length);
  // With 200 tries the whole allowance is taken, across both channels.
  expect(rows.reduce((n, r) => n + r.votes, 0)).toBe(f.ed.categories.reduce((n, c) => n + c.maxVotes, 0));
}

describe('one allowance per person under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  // PGlite is one connection in one process: it runs the requests one after another, so on PGlite
  // this proves the allowance under interleaved requests, not under parallel transactions.
  const title = TEST_DATABASE_URL
    ? `holds for ${REQUESTS} simultaneous requests, both channels, one process (PostgreSQL, parallel transactions)`
    : `holds for ${REQUESTS} requests sent at once, both channels, one process (PGlite: serial by nature, one connection)`;
  it(title, async () => {
    const f = await setUp(t);
    const sent = requests(f, 'ONE');
    const answers = await Promise.all(
      sent.map(async (r) => {
        const res = await t.app.inject({
          method: 'POST',
          url: r.url,
          headers: r.headers,
          payload: r.payload,
        });
        return { status: res.statusCode, body: res.json() };
      }),
    );
    await checkInvariants(t, f, sent, answers);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  'one allowance per person across two API processes on one PostgreSQL',
  () => {
    let t: TestApp;
    const servers: ApiServer[] = [];
    const bases: string[] = [];

    beforeAll(async () => {
      t = await buildTestApp();
      for (let i = 0; i < 2; i++) {
        const server = await startApiServer({
          env: {
            DATABASE_URL: t.database.url!,
            JWT_SECRET: t.app.appOptions.jwtSecret,
            VOTER_KEY_SECRET: t.app.appOptions.voterKeySecret,
          },
        });
        servers.push(server);
        bases.push(server.base);
      }
    }, 300_000); // two servers, each migrating first, on a machine that may be busy

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await t?.close();
    });

    it(`holds for ${REQUESTS} simultaneous HTTP requests split between two processes`, async () => {
      const f = await setUp(t);
      const sent = requests(f, 'TWO');
      // Each process names itself in x-served-by: learn both names before the burst.
      const names = await Promise.all(
        bases.map(async (b) => (await fetch(`${b}/api/health`)).headers.get('x-served-by')),
      );
      expect(names[0]).toBeTruthy();
      expect(names[1]).toBeTruthy();
      expect(names[0]).not.toBe(names[1]);
      const answers = await Promise.all(
        sent.map(async (r, i) => {
          const res = await fetch(bases[i % 2]! + r.url, {
            method: 'POST',
            headers: { ...r.headers, 'content-type': 'application/json' },
            body: JSON.stringify(r.payload),
          });
          return { status: res.status, body: await res.json(), servedBy: res.headers.get('x-served-by') };
        }),
      );
      // Both processes took part: each answered, under its own name, every request sent to it.
      for (const [k, name] of names.entries())
        expect(answers.filter((a) => a.servedBy === name).length, `answers of process ${k}`).toBe(
          REQUESTS / 2,
        );
      await checkInvariants(t, f, sent, answers);
    });
  },
);

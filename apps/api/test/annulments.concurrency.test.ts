import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, TEST_DATABASE_URL, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, createVerifiedResident } from './factories/voting.js';

/**
 * An entry error gives a person's votes back. Freeing must keep decision 003's guarantee: whatever
 * runs at the same time (annulments of the same person, online votes, paper ballots), the votes that
 * hold a place never exceed the allowance, and vote_usage.used is exactly their number. On
 * PostgreSQL (TEST_DATABASE_URL) the requests really run in parallel over a pool of connections.
 */
const PEOPLE = 6;
const ROUNDS = 3;

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

let t: TestApp;
let ed: VotingEdition;
let admin: Awaited<ReturnType<typeof createAccount>>;
let op: Awaited<ReturnType<typeof createOperator>>;
let locationId: number;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
  ed = await createVotingEdition(t, {
    authorId: admin.user.id,
    categories: [
      { name: 'Освітні проєкти', maxVotes: 2, projects: 5 },
      { name: 'Зелені проєкти', maxVotes: 1, projects: 3 },
    ],
  });
  locationId = (await createLocation(t)).id;
  op = await createOperator(t, [locationId]);
});
afterAll(() => t.close());

describe(`entry_error freeing under concurrency (${TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('never lets a person exceed the allowance, and never gives a vote back twice', async () => {
    const people = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await createVerifiedResident(t, `197${i}-05-05`));
    const all = ed.categories.flatMap((c) => c.projectIds);
    const rnd = lcg(7);
    const pick = () => {
      const n = 1 + Math.floor(rnd() * 2);
      return [...new Set(Array.from({ length: n }, () => all[Math.floor(rnd() * all.length)]!))];
    };
    let serial = 0;
    const answers: { kind: string; status: number; body: any }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const calls = people.flatMap((p) => [
        // Two annulments of the same person at once: only what one of them marked is given back.
        ...[0, 1].map(() => ({
          kind: 'annul',
          url: `/api/editions/${ed.editionId}/annulments`,
          headers: admin.auth,
          payload: { kind: 'entry_error', userId: p.user.id, reason: `Помилка внесення, раунд ${round}` },
        })),
        ...Array.from({ length: 6 }, () => ({
          kind: 'vote',
          url: `/api/editions/${ed.editionId}/votes`,
          headers: p.auth,
          payload: { projectIds: pick() },
        })),
        ...Array.from({ length: 3 }, () => ({
          kind: 'ballot',
          url: `/api/editions/${ed.editionId}/paper-ballots`,
          headers: op.auth,
          payload: {
            taxId: p.taxId,
            fullName: 'Особа Конкурентна',
            serial: `К-${++serial}`,
            cnapLocationId: locationId,
            projectIds: pick(),
          },
        })),
      ]);
      // Interleave the kinds so that annulments land among the votes, not before them.
      const order = calls.map((c) => ({ c, k: rnd() + (c.kind === 'annul' ? 0.3 : 0) }));
      order.sort((a, b) => a.k - b.k);
      answers.push(
        ...(await Promise.all(
          order.map(async ({ c }) => {
            const res = await t.app.inject({
              method: 'POST',
              url: c.url,
              headers: c.headers,
              payload: c.payload,
            });
            return { kind: c.kind, status: res.statusCode, body: res.json() };
          }),
        )),
      );
    }

    expect(answers.filter((a) => a.status >= 500).map((a) => [a.kind, a.body])).toEqual([]);
    for (const a of answers) {
      if (a.status === 201) continue;
      if (a.kind === 'annul') {
        expect(a.status, JSON.stringify(a.body)).toBe(404);
      } else {
        expect(a.status, JSON.stringify(a.body)).toBe(409);
        // CONFLICT: refused by the allowance, and freed by an annulment before the refusal was explained.
        expect(['VOTE_LIMIT_EXCEEDED', 'ALREADY_VOTED', 'CONFLICT']).toContain(a.body.error.code);
      }
    }
    const accepted = (kind: string) => answers.filter((a) => a.kind === kind && a.status === 201).length;
    // The storm really mixed things: votes and annulments both went through.
    expect(accepted('annul')).toBeGreaterThan(0);
    expect(accepted('vote') + accepted('ballot')).toBeGreaterThan(0);

    // Per person and category: the votes holding a place (all but entry errors) fit the allowance,
    // hold distinct projects, and are exactly what vote_usage says is used.
    const rows = await queryRows<{
      user_id: number;
      category_id: number;
      max_votes: number;
      held: number;
      held_projects: number;
      counted: number;
      used: number | null;
    }>(
      t.database.db,
      sql`
      SELECT u.id AS user_id, c.id AS category_id, c.max_votes,
        count(vt.id) FILTER (WHERE vt.annulment_kind IS DISTINCT FROM 'entry_error')::int AS held,
        count(DISTINCT vt.project_id) FILTER (WHERE vt.annulment_kind IS DISTINCT FROM 'entry_error')::int AS held_projects,
        count(vt.id) FILTER (WHERE vt.annulment_id IS NULL)::int AS counted,
        (SELECT vu.used FROM vote_usage vu WHERE vu.voter_id = u.voter_id AND vu.category_id = c.id) AS used
      FROM users u CROSS JOIN categories c
      LEFT JOIN votes vt ON vt.voter_id = u.voter_id AND vt.category_id = c.id
      WHERE c.edition_id = ${ed.editionId} AND u.id IN (${sql.join(
        people.map((p) => sql`${p.user.id}`),
        sql`, `,
      )})
      GROUP BY u.id, u.voter_id, c.id, c.max_votes`,
    );
    expect(rows).toHaveLength(PEOPLE * ed.categories.length);
    for (const r of rows) {
      const where = `user ${r.user_id}, category ${r.category_id}`;
      expect(r.held, where).toBeLessThanOrEqual(r.max_votes);
      expect(r.counted, where).toBeLessThanOrEqual(r.max_votes);
      expect(r.held_projects, where).toBe(r.held);
      expect(r.used ?? 0, where).toBe(r.held);
    }
    // Each annulment marked exactly the votes it reports, and the answers match the rows.
    const marks = await queryRows<{ id: number; votes: number; marked: number }>(
      t.database.db,
      sql`SELECT a.id, a.votes, (SELECT count(*)::int FROM votes vt WHERE vt.annulment_id = a.id) AS marked
          FROM annulments a WHERE a.edition_id = ${ed.editionId}`,
    );
    expect(marks).toHaveLength(accepted('annul'));
    for (const m of marks) expect(m.marked, `annulment ${m.id}`).toBe(m.votes);
  });
});

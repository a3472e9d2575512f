import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { projectEvents, projects, type ProjectEventAction } from '../src/db/schema.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { tallyAndPublish, tallyFixture, type TallyFixture } from './factories/votes.js';
import { costItemsFor } from './factories/projects.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let f: TallyFixture;
let before: TallyFixture;

/** Rejected projects with the working group's reasons; one was returned and resubmitted first. */
async function rejected(editionId: number, categoryId: number, authorId: number) {
  const db = t.database.db;
  const steps: [string, ProjectEventAction[]][] = [
    ['Не відповідає Положенню', ['submit', 'reject']],
    ['Не відповідає Положенню ', ['submit', 'reject']],
    ['Перевищено граничну вартість', ['submit', 'return', 'submit', 'reject']],
  ];
  for (const [i, [reason, actions]] of steps.entries()) {
    const [p] = await db
      .insert(projects)
      .values({
        editionId,
        categoryId,
        authorId,
        title: `Відхилений ${i}`,
        summary: 's',
        description: 'd',
        address: 'a',
        costItems: costItemsFor(10_00),
        totalCost: 10_00,
        status: 'rejected',
        firstSubmittedAt: new Date(),
        lastSubmittedAt: new Date(),
      })
      .returning();
    for (const action of actions)
      await db.insert(projectEvents).values({
        projectId: p!.id,
        actorId: authorId,
        action,
        reason: action === 'reject' || action === 'return' ? reason : null,
        revision: 1,
      });
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
  // Last year's edition: one project, 12 voters.
  before = await tallyFixture(t, {
    authorId: admin.user.id,
    fund: 100_00,
    projects: [{ key: 'P', cost: 50_00, votes: 12 }],
  });
  await t.database.db.execute(
    sql`UPDATE editions SET submission_start = submission_start - interval '400 days',
          submission_end = submission_end - interval '400 days', review_end = review_end - interval '400 days',
          voting_start = voting_start - interval '400 days', voting_end = voting_end - interval '400 days'
        WHERE id = ${before.editionId}`,
  );
  await tallyAndPublish(t, before.editionId, admin.auth);
  // This year's: A and B win (250 of 300), C does not fit; 5 of A's voters came to ЦНАП.
  f = await tallyFixture(t, {
    authorId: admin.user.id,
    fund: 300_00,
    projects: [
      { key: 'A', cost: 100_00, votes: 25, cnap: 5 },
      { key: 'B', cost: 150_00, votes: 12 },
      { key: 'C', cost: 200_00, votes: 3 },
    ],
  });
  await rejected(f.editionId, f.categoryId, admin.user.id);
});
afterAll(() => t.close());

describe('GET /api/editions/:id/report', () => {
  it('is for admins only before publication', async () => {
    expect((await t.app.inject({ url: `/api/editions/${f.editionId}/report` })).statusCode).toBe(404);
    const draft = await t.app.inject({ url: `/api/editions/${f.editionId}/report`, headers: admin.auth });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().edition.resultsPublishedAt).toBeNull();
    expect((await t.app.inject({ url: '/api/editions/999999/report' })).statusCode).toBe(404);
  });

  it('gives what the city reports publish, computed from the records', async () => {
    await tallyAndPublish(t, f.editionId, admin.auth);
    // Three of the voters were 17 on the last day of voting: a band that small is merged.
    await t.database.db.execute(
      sql`UPDATE voters SET birth_date = (current_date - interval '17 years')::date
          WHERE id IN (SELECT voter_id FROM votes WHERE project_id = ${f.projectIds.C})`,
    );
    const res = await t.app.inject({ url: `/api/editions/${f.editionId}/report` });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.projects).toEqual({
      submitted: 6,
      admitted: 3,
      rejected: 3,
      returned: 1,
      resubmitted: 1,
      winners: 2,
      rejectionReasons: [
        { reason: 'Не відповідає Положенню', projects: 2 },
        { reason: 'Перевищено граничну вартість', projects: 1 },
      ],
    });
    expect(r.voters).toBe(25);
    expect(r.votes).toBe(40);
    expect(r.channels).toEqual({ online: { voters: 25, votes: 35 }, cnap: { voters: 5, votes: 5 } });
    // Five people at one ЦНАП: too few to be shown by location (rules §6); the channel total stays.
    expect(r.locations).toEqual([]);
    expect(r.categories).toEqual([
      {
        categoryId: f.categoryId,
        name: 'Категорія',
        fund: 300_00,
        admitted: 3,
        winners: 2,
        allocated: 250_00,
        voters: 25,
        votes: 40,
      },
    ]);
    // 22 voters aged 46 and 3 aged 17: the small band is merged with its neighbours until ≥ 10.
    expect(r.ageBands).toEqual([
      { band: '16–59', voters: 25 },
      { band: '60+', voters: 0 },
    ]);
    expect(
      r.votesPerDay.reduce((s: number, d: { online: number; cnap: number }) => s + d.online + d.cnap, 0),
    ).toBe(40);
    expect(r.implementation).toEqual({
      allocated: 250_00,
      spent: 0,
      counts: { winner: 2, in_progress: 0, implemented: 0, cancelled: 0 },
    });
    expect(r.previous).toEqual({
      editionId: before.editionId,
      title: expect.any(String),
      voters: 12,
      votes: 12,
      submitted: 1,
      winners: 1,
    });
  });
});

/** The first row of a query on the test database. */
const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(t.database.db, query))[0]!;

/** An edition built row by row whose voting ended at 23:59:59 Kyiv time (UTC+3 since 29 March) on 31 March 2026. */
const endedEdition = async (title: string, fund: number) =>
  (
    await one<{ id: number }>(
      sql`INSERT INTO editions (title, total_fund, submission_start, submission_end, review_end, voting_start, voting_end,
            min_voter_age, eligibility, tally_rule, tie_break)
          VALUES (${title}, ${fund}, '2026-01-10T00:00:00Z', '2026-02-10T00:00:00Z', '2026-03-10T00:00:00Z',
            '2026-03-20T00:00:00Z', '2026-03-31T20:59:59Z', 16, 'residents', 'greedy', 'earlier_submission')
          RETURNING id`,
    )
  ).id;

/**
 * Figures the first test cannot tell apart: a person counted once however many categories,
 * channels and locations they used; annulled votes in none of the figures; days and ages in Kyiv
 * time on the boundaries; a category nobody voted in. Built row by row with known dates.
 */
describe('the report counts each person once and annulled votes nowhere', () => {
  let e: number;
  let cats: number[];
  let locs: { id: number; name: string }[];

  beforeAll(async () => {
    const db = t.database.db;
    e = await endedEdition('Межі', 300000);
    cats = [];
    for (const [i, name] of ['Перша', 'Друга', 'Без голосів'].entries())
      cats.push(
        (
          await one<{ id: number }>(
            sql`INSERT INTO categories (edition_id, name, fund, min_cost, max_cost, max_votes, position)
                VALUES (${e}, ${name}, 100000, 0, 100000, 5, ${i}) RETURNING id`,
          )
        ).id,
      );
    const project = async (category: number, title: string) =>
      (
        await one<{ id: number }>(
          sql`INSERT INTO projects (edition_id, category_id, author_id, title, summary, description, address, cost_items,
                total_cost, status, first_submitted_at, last_submitted_at)
              VALUES (${e}, ${category}, ${admin.user.id}, ${title}, 's', 'd', 'a', ${JSON.stringify(costItemsFor(1000))}::jsonb, 1000, 'admitted', now(), now())
              RETURNING id`,
        )
      ).id;
    const P1 = await project(cats[0]!, 'P1');
    const P2 = await project(cats[0]!, 'P2');
    const P3 = await project(cats[1]!, 'P3');
    // Listed by name: «А» before «Б» whichever was created first.
    const suffix = randomBytes(3).toString('hex');
    locs = [];
    for (const name of [`ЦНАП Б ${suffix}`, `ЦНАП А ${suffix}`])
      locs.push(
        await one<{ id: number; name: string }>(
          sql`INSERT INTO cnap_locations (name, address) VALUES (${name}, 'адреса') RETURNING id, name`,
        ),
      );
    // Ten people turn 18 on the last day of voting, ten the day after; one is 76.
    const voter = async (birth: string) =>
      (
        await one<{ id: number }>(
          sql`INSERT INTO voters (key_hash, birth_date, method) VALUES (${randomBytes(32)}, ${birth}, 'demo') RETURNING id`,
        )
      ).id;
    const adults: number[] = [];
    const minors: number[] = [];
    for (let i = 0; i < 10; i++) adults.push(await voter('2008-03-31'));
    for (let i = 0; i < 10; i++) minors.push(await voter('2008-04-01'));
    const old = await voter('1950-01-01');
    const ballot = async (voterId: number, location: number, serial: string) =>
      (
        await one<{ id: number }>(
          sql`INSERT INTO paper_ballots (edition_id, serial, voter_id, full_name, location_id, operator_id)
              VALUES (${e}, ${serial}, ${voterId}, 'Особа', ${location}, ${admin.user.id}) RETURNING id`,
        )
      ).id;
    const vote = async (voterId: number, projectId: number, at: string, ballotId: number | null = null) =>
      (
        await one<{ id: number }>(
          sql`INSERT INTO votes (edition_id, category_id, project_id, voter_id, channel, ballot_id, created_at)
              SELECT ${e}, category_id, id, ${voterId}, ${ballotId === null ? 'online' : 'cnap'}, ${ballotId}, ${at}
              FROM projects WHERE id = ${projectId} RETURNING id`,
        )
      ).id;
    // 23:30 in Kyiv on 29 March (UTC+3 from that morning), and 01:30 in Kyiv on 31 March.
    for (const v of adults) await vote(v, P1, '2026-03-29T20:30:00Z');
    for (const v of minors) await vote(v, P1, '2026-03-30T22:30:00Z');
    // Five of the adults also came to «Б» for P3; the first of them to «А» for P2 as well.
    for (const [i, v] of adults.slice(0, 5).entries())
      await vote(v, P3, '2026-03-25T10:00:00Z', await ballot(v, locs[0]!.id, `Б-${i}`));
    await vote(adults[0]!, P2, '2026-03-25T11:00:00Z', await ballot(adults[0]!, locs[1]!.id, 'А-0'));
    // Annulled, all on 27 March: everything the 76-year-old cast (online and on paper at «А»), and
    // one of adult 5's two votes.
    const annulledBallot = await ballot(old, locs[1]!.id, 'А-1');
    const annulled = [
      await vote(old, P2, '2026-03-27T10:00:00Z'),
      await vote(old, P3, '2026-03-27T10:00:00Z', annulledBallot),
      await vote(adults[5]!, P2, '2026-03-27T10:00:00Z'),
    ];
    for (const [voterId, kind, ids, ballotId] of [
      [old, 'fraud', annulled.slice(0, 2), annulledBallot],
      [adults[5]!, 'entry_error', annulled.slice(2), null],
    ] as const) {
      const a = await one<{ id: number }>(
        sql`INSERT INTO annulments (edition_id, kind, reason, target, voter_id, ballot_id, votes, created_by)
            VALUES (${e}, ${kind}, 'Причина', 'tax_id', ${voterId}, ${ballotId}, ${ids.length}, ${admin.user.id})
            RETURNING id`,
      );
      await db.execute(
        sql`UPDATE votes SET annulment_id = ${a.id}, annulment_kind = ${kind} WHERE id IN ${sql.raw(`(${ids.join(',')})`)}`,
      );
      if (ballotId !== null)
        await db.execute(
          sql`UPDATE paper_ballots SET annulment_id = ${a.id}, annulment_kind = ${kind} WHERE id = ${ballotId}`,
        );
    }
  });

  it('gives participation by channel, location, category, day and age', async () => {
    const res = await t.app.inject({ url: `/api/editions/${e}/report`, headers: admin.auth });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect({ voters: r.voters, votes: r.votes }).toEqual({ voters: 20, votes: 26 });
    expect(r.channels).toEqual({ online: { voters: 20, votes: 20 }, cnap: { voters: 5, votes: 6 } });
    expect(r.annulled).toMatchObject({ voters: 2, votes: 3 });
    // 1 and 5 people: even together under 10, so no figure by location is published (rules §6).
    expect(r.locations).toEqual([]);
    expect(r.categories.map((c: { voters: number; votes: number }) => [c.voters, c.votes])).toEqual([
      [20, 21],
      [5, 5],
      [0, 0],
    ]);
    expect(r.categories.map((c: { categoryId: number }) => c.categoryId)).toEqual(cats);
    expect(r.votesPerDay).toEqual([
      { day: '2026-03-25', online: 0, cnap: 6 },
      { day: '2026-03-29', online: 10, cnap: 0 },
      { day: '2026-03-31', online: 10, cnap: 0 },
    ]);
    // Age on the last day of voting: 18 on one's birthday, 17 the day before it.
    expect(r.ageBands).toEqual([
      { band: '16–17', voters: 10 },
      { band: '18–29', voters: 10 },
      { band: '30–44', voters: 0 },
      { band: '45–59', voters: 0 },
      { band: '60+', voters: 0 },
    ]);
  });

  it('and the public statistics agree, with live ballots per location', async () => {
    const res = await t.app.inject({ url: `/api/editions/${e}/stats`, headers: admin.auth });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      voters: 20,
      votes: 26,
      channels: { online: { voters: 20 }, cnap: { voters: 5 } },
    });
    expect(s.categories.map((c: { voters: number; votes: number }) => [c.voters, c.votes])).toEqual([
      [20, 21],
      [5, 5],
      [0, 0],
    ]);
    expect(s.votesPerDay).toHaveLength(3);
    expect(s.cnapLocations).toEqual([]);
  });
});

/**
 * The merged row of small ЦНАП locations stands for at least 10 people, counted once: two people
 * who came to both small locations do not make six and five into eleven.
 */
describe('ЦНАП locations too small to show alone', () => {
  let e: number;
  let big: { id: number; name: string };
  let firstProject: number;

  beforeAll(async () => {
    const db = t.database.db;
    e = await endedEdition('Малі ЦНАП', 200000);
    const project = async (position: number) => {
      const c = await one<{ id: number }>(
        sql`INSERT INTO categories (edition_id, name, fund, min_cost, max_cost, max_votes, position)
            VALUES (${e}, ${`Категорія ${position}`}, 100000, 0, 100000, 1, ${position}) RETURNING id`,
      );
      return (
        await one<{ id: number }>(
          sql`INSERT INTO projects (edition_id, category_id, author_id, title, summary, description, address, cost_items,
                total_cost, status, first_submitted_at, last_submitted_at)
              VALUES (${e}, ${c.id}, ${admin.user.id}, ${`П${position}`}, 's', 'd', 'a', ${JSON.stringify(costItemsFor(1000))}::jsonb,
                1000, 'admitted', now(), now())
              RETURNING id`,
        )
      ).id;
    };
    // One category per location, so that one person can vote at two of them.
    const projectAt = [await project(0), await project(1), await project(2)];
    firstProject = projectAt[0]!;
    const suffix = randomBytes(3).toString('hex');
    const locs: { id: number; name: string }[] = [];
    for (const name of [`ЦНАП мала 1 ${suffix}`, `ЦНАП мала 2 ${suffix}`, `ЦНАП велика ${suffix}`])
      locs.push(
        await one<{ id: number; name: string }>(
          sql`INSERT INTO cnap_locations (name, address) VALUES (${name}, 'адреса') RETURNING id, name`,
        ),
      );
    big = locs[2]!;
    const people: number[] = [];
    for (let i = 0; i < 21; i++)
      people.push(
        (
          await one<{ id: number }>(
            sql`INSERT INTO voters (key_hash, birth_date, method) VALUES (${randomBytes(32)}, '1980-01-01', 'demo') RETURNING id`,
          )
        ).id,
      );
    // People 0–5 at the first small location, 4–8 at the second (4 and 5 at both), 9–20 at the big one.
    const at: [number, number[]][] = [
      [0, people.slice(0, 6)],
      [1, people.slice(4, 9)],
      [2, people.slice(9)],
    ];
    for (const [l, voters] of at)
      for (const v of voters) {
        const ballot = await one<{ id: number }>(
          sql`INSERT INTO paper_ballots (edition_id, serial, voter_id, full_name, location_id, operator_id)
              VALUES (${e}, ${`${l}-${v}`}, ${v}, 'Особа', ${locs[l]!.id}, ${admin.user.id}) RETURNING id`,
        );
        await db.execute(
          sql`INSERT INTO votes (edition_id, category_id, project_id, voter_id, channel, ballot_id, created_at)
              SELECT ${e}, category_id, id, ${v}, 'cnap', ${ballot.id}, '2026-03-25T10:00:00Z'
              FROM projects WHERE id = ${projectAt[l]!}`,
        );
      }
  });

  it('merges them with the smallest large location until ten distinct people, in the report and the statistics', async () => {
    const r = await t.app.inject({ url: `/api/editions/${e}/report`, headers: admin.auth });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().voters).toBe(21);
    // The two small ones hold nine people: the big one joins them, and the row says 21, not 23.
    expect(r.json().locations).toEqual([{ cnapLocationId: null, name: 'Інші ЦНАП', voters: 21, votes: 23 }]);

    const s = await t.app.inject({ url: `/api/editions/${e}/stats`, headers: admin.auth });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().cnapLocations).toEqual([{ locationId: null, name: 'Інші ЦНАП', ballots: 23, votes: 23 }]);
    expect(s.json().cnapLocations.some((l: { name: string }) => l.name === big.name)).toBe(false);
  });

  it('groups the same locations in both, counting a person whose ballot is live but whose votes are annulled', async () => {
    const db = t.database.db;
    // A tenth person at a fourth location: their ballot stands, their one vote is annulled.
    const [z] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO voters (key_hash, birth_date, method) VALUES (${randomBytes(32)}, '1980-01-01', 'demo') RETURNING id`,
    );
    const [place] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO cnap_locations (name, address) VALUES (${`ЦНАП четверта ${randomBytes(3).toString('hex')}`}, 'адреса') RETURNING id`,
    );
    const [ballot] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO paper_ballots (edition_id, serial, voter_id, full_name, location_id, operator_id)
          VALUES (${e}, 'Z-1', ${z!.id}, 'Особа', ${place!.id}, ${admin.user.id}) RETURNING id`,
    );
    await db.execute(
      sql`INSERT INTO votes (edition_id, category_id, project_id, voter_id, channel, ballot_id, created_at)
          SELECT ${e}, category_id, id, ${z!.id}, 'cnap', ${ballot!.id}, '2026-03-25T10:00:00Z' FROM projects WHERE id = ${firstProject}`,
    );
    const [a] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO annulments (edition_id, kind, reason, target, voter_id, ballot_id, votes, created_by)
          VALUES (${e}, 'entry_error', 'Помилка введення', 'tax_id', ${z!.id}, NULL, 1, ${admin.user.id}) RETURNING id`,
    );
    await db.execute(
      sql`UPDATE votes SET annulment_id = ${a!.id}, annulment_kind = 'entry_error' WHERE voter_id = ${z!.id} AND edition_id = ${e}`,
    );

    // Ten people came to the three small locations: they make the merged row, and the big one stands alone.
    const r = (await t.app.inject({ url: `/api/editions/${e}/report`, headers: admin.auth })).json();
    const s = (await t.app.inject({ url: `/api/editions/${e}/stats`, headers: admin.auth })).json();
    expect(r.locations).toEqual([
      { cnapLocationId: big.id, name: big.name, voters: 12, votes: 12 },
      { cnapLocationId: null, name: 'Інші ЦНАП', voters: 9, votes: 11 },
    ]);
    expect(s.cnapLocations).toEqual([
      { locationId: big.id, name: big.name, ballots: 12, votes: 12 },
      { locationId: null, name: 'Інші ЦНАП', ballots: 12, votes: 11 },
    ]);
  });
});

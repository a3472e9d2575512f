import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { projectEvents, projects } from '../src/db/schema.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { tallyFixture, type TallyFixture } from './factories/votes.js';
import { costItemsFor } from './factories/projects.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let f: TallyFixture;
let before: TallyFixture;

const post = (url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, payload, headers: admin.auth });

async function publish(editionId: number) {
  const tally = await post(`/api/editions/${editionId}/tally`, {});
  expect(tally.statusCode, tally.body).toBe(200);
  const pub = await post(`/api/editions/${editionId}/results/publish`, { resultId: tally.json().result.id });
  expect(pub.statusCode, pub.body).toBe(200);
}

/** Rejected projects with the working group's reasons; one was returned and resubmitted first. */
async function rejected(editionId: number, categoryId: number, authorId: number) {
  const db = t.database.db;
  const steps: [string, string[]][] = [
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
  await publish(before.editionId);
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
    await publish(f.editionId);
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
    expect(r.locations).toEqual([
      { cnapLocationId: expect.any(Number), name: expect.stringMatching(/^ЦНАП/), voters: 5, votes: 5 },
    ]);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { tallyFixture } from './factories/votes.js';
import { createVerifiedResident } from './factories/voting.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
});
afterAll(() => t.close());

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: object = {}) =>
  t.app.inject({ method, url, payload: payload as never, headers: headers as never });
const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  inject(method, url, payload, admin.auth);

const UAH = 100;
const DAY = 86_400_000;
const PROJECTS = [
  { key: 'A', cost: 600_000 * UAH, votes: 5 },
  { key: 'B', cost: 500_000 * UAH, votes: 4 },
];

async function stateOf(editionId: number) {
  const edition = (await inject('GET', `/api/editions/${editionId}`)).json().edition;
  const projects = (await inject('GET', `/api/editions/${editionId}/projects?sort=oldest`)).json().projects;
  return {
    phase: edition.phase,
    resultsPublishedAt: edition.resultsPublishedAt,
    votingEnd: edition.phases.votingEnd,
    statuses: projects.map((p: { status: string }) => p.status),
  };
}

describe('no stale or premature result', () => {
  it('refuses to publish a tally taken before voting was reopened and more votes came in', async () => {
    const f = await tallyFixture(t, { authorId: admin.user.id, fund: 1_000_000 * UAH, projects: PROJECTS });
    const tallied = await asAdmin('POST', `/api/editions/${f.editionId}/tally`, {});
    expect(tallied.statusCode, tallied.body).toBe(200);
    const old = tallied.json().result;
    expect(old.stale).toBe(false);
    expect(
      old.categories[0].projects.find((p: { projectId: number }) => p.projectId === f.projectIds.B),
    ).toMatchObject({ votes: 4, selected: false });

    // Voting reopened: votingEnd moves into the future, and three more people vote for B.
    const reopen = await asAdmin('PATCH', `/api/editions/${f.editionId}`, {
      phases: { votingEnd: new Date(Date.now() + DAY).toISOString() },
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(reopen.json().edition.phase).toBe('voting');
    for (let i = 0; i < 3; i++) {
      const voter = await createVerifiedResident(t);
      const v = await inject(
        'POST',
        `/api/editions/${f.editionId}/votes`,
        { projectIds: [f.projectIds.B] },
        voter.auth,
      );
      expect(v.statusCode, v.body).toBe(201);
    }

    // While voting is open: refused, nothing changes, and the admin sees the old run as stale.
    const before = await stateOf(f.editionId);
    const early = await asAdmin('POST', `/api/editions/${f.editionId}/results/publish`, { resultId: old.id });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.code).toBe('PHASE_CLOSED');
    expect(early.json().error.details[0].field).toBe('body.resultId');
    expect(await stateOf(f.editionId)).toEqual(before);
    expect(before).toMatchObject({
      phase: 'voting',
      resultsPublishedAt: null,
      statuses: ['admitted', 'admitted'],
    });
    expect((await inject('GET', `/api/editions/${f.editionId}/results`)).statusCode).toBe(404);
    const seen = (await asAdmin('GET', `/api/editions/${f.editionId}/results`)).json().result;
    expect(seen).toMatchObject({ id: old.id, stale: true });

    // Voting closed again: the old run still counted 4 votes for B, so it is stale, not publishable.
    const close = await asAdmin('PATCH', `/api/editions/${f.editionId}`, {
      phases: { votingEnd: new Date(Date.now() - 1000).toISOString() },
    });
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json().edition.phase).toBe('tally');
    const stale = await asAdmin('POST', `/api/editions/${f.editionId}/results/publish`, { resultId: old.id });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.code).toBe('RESULT_STALE');
    expect(stale.json().error.message).toMatch(/застар/);
    expect((await stateOf(f.editionId)).resultsPublishedAt).toBeNull();
    expect((await asAdmin('GET', `/api/editions/${f.editionId}/results`)).json().result.stale).toBe(true);

    // A fresh tally counts the three votes and is the one that can be published.
    const fresh = (await asAdmin('POST', `/api/editions/${f.editionId}/tally`, {})).json().result;
    expect(fresh.stale).toBe(false);
    expect(fresh.inputsDigest).not.toBe(old.inputsDigest);
    expect(
      fresh.categories[0].projects.find((p: { projectId: number }) => p.projectId === f.projectIds.B),
    ).toMatchObject({ votes: 7 });
    const pub = await asAdmin('POST', `/api/editions/${f.editionId}/results/publish`, { resultId: fresh.id });
    expect(pub.statusCode, pub.body).toBe(200);
    const shown = (await inject('GET', `/api/editions/${f.editionId}/results`)).json().result;
    expect(shown.id).toBe(fresh.id);
    expect(shown).not.toHaveProperty('stale');
    expect((await stateOf(f.editionId)).phase).toBe('closed');
  });

  it('freezes the dates once published, and never shows a published edition as voting', async () => {
    const f = await tallyFixture(t, { authorId: admin.user.id, fund: 1_000_000 * UAH, projects: PROJECTS });
    const r = (await asAdmin('POST', `/api/editions/${f.editionId}/tally`, {})).json().result;
    expect(
      (await asAdmin('POST', `/api/editions/${f.editionId}/results/publish`, { resultId: r.id })).statusCode,
    ).toBe(200);
    const before = await stateOf(f.editionId);

    const move = await asAdmin('PATCH', `/api/editions/${f.editionId}`, {
      phases: { votingEnd: new Date(Date.now() + DAY).toISOString() },
    });
    expect(move.statusCode, move.body).toBe(409);
    expect(move.json().error.code).toBe('RESULTS_PUBLISHED');
    expect(move.json().error.details).toEqual([
      { field: 'body.phases.votingEnd', message: expect.any(String) },
    ]);
    expect(await stateOf(f.editionId)).toEqual(before);
    // Sending a date with its current value is no change; the title may still be corrected.
    const same = await asAdmin('PATCH', `/api/editions/${f.editionId}`, {
      title: 'Бюджет участі (виправлена назва)',
      phases: { votingEnd: before.votingEnd },
    });
    expect(same.statusCode, same.body).toBe(200);

    // Even if the dates were moved behind the API's back, the edition stays closed and takes no vote.
    await t.database.db.execute(
      sql`UPDATE editions SET voting_end = now() + interval '1 day' WHERE id = ${f.editionId}`,
    );
    expect((await stateOf(f.editionId)).phase).toBe('closed');
    const voter = await createVerifiedResident(t);
    const v = await inject(
      'POST',
      `/api/editions/${f.editionId}/votes`,
      { projectIds: [f.projectIds.B] },
      voter.auth,
    );
    expect(v.statusCode, v.body).toBe(409);
    expect(v.json().error.code).toBe('PHASE_CLOSED');
  });

  it('a result taken in a reopened vote with no new votes is still the same count', async () => {
    const f = await tallyFixture(t, { authorId: admin.user.id, fund: 1_000_000 * UAH, projects: PROJECTS });
    const r = (await asAdmin('POST', `/api/editions/${f.editionId}/tally`, {})).json().result;
    await asAdmin('PATCH', `/api/editions/${f.editionId}`, {
      phases: { votingEnd: new Date(Date.now() + DAY).toISOString() },
    });
    expect((await asAdmin('GET', `/api/editions/${f.editionId}/results`)).json().result.stale).toBe(true);
    await asAdmin('PATCH', `/api/editions/${f.editionId}`, {
      phases: { votingEnd: new Date(Date.now() - 1000).toISOString() },
    });
    // Same votes, same rules, same digest: nothing it counted has changed.
    expect((await asAdmin('GET', `/api/editions/${f.editionId}/results`)).json().result.stale).toBe(false);
    const pub = await asAdmin('POST', `/api/editions/${f.editionId}/results/publish`, { resultId: r.id });
    expect(pub.statusCode, pub.body).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createProjects, createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createVerifiedResident } from './factories/voting.js';

let t: TestApp;
let authorId: number;
let ed: VotingEdition;
beforeAll(async () => {
  t = await buildTestApp();
  authorId = (await createAccount(t)).user.id;
  ed = await createVotingEdition(t, { authorId });
});
afterAll(() => t.close());

const vote = (auth: Record<string, string>, projectIds: unknown, editionId = ed.editionId) =>
  t.app.inject({
    method: 'POST',
    url: `/api/editions/${editionId}/votes`,
    headers: auth,
    payload: { projectIds },
  });
const edu = () => ed.categories[0]!; // maxVotes 2, 4 projects
const green = () => ed.categories[1]!; // maxVotes 1, 3 projects

async function storedVotes(userId: number) {
  const [row] = await queryRows<{ votes: number; used: number }>(
    t.database.db,
    sql`
    SELECT (SELECT count(*)::int FROM votes vt JOIN users u ON u.voter_id = vt.voter_id WHERE u.id = ${userId}) AS votes,
           (SELECT coalesce(sum(used), 0)::int FROM vote_usage vu JOIN users u ON u.voter_id = vu.voter_id WHERE u.id = ${userId}) AS used`,
  );
  return row!;
}

describe('online votes', () => {
  it('accepts votes across categories, all at once, and shows them in my-votes', async () => {
    const r = await createVerifiedResident(t);
    const ids = [edu().projectIds[0]!, edu().projectIds[1]!, green().projectIds[0]!];
    const res = await vote(r.auth, ids);
    expect(res.statusCode, res.body).toBe(201);
    const { votes } = res.json();
    expect(votes.map((v: any) => v.projectId)).toEqual(ids);
    expect(votes[0]).toMatchObject({ categoryId: edu().id, channel: 'online' });
    expect(Date.parse(votes[0].createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const mine = (
      await t.app.inject({ url: `/api/editions/${ed.editionId}/my-votes`, headers: r.auth })
    ).json();
    expect(mine.votes).toHaveLength(3);
    expect(mine.votes[0]).toMatchObject({
      projectId: ids[0],
      title: 'Освітні проєкти 1',
      categoryName: 'Освітні проєкти',
      channel: 'online',
      ballotSerial: null,
    });
    expect(mine.allowance).toEqual([
      { categoryId: edu().id, categoryName: 'Освітні проєкти', used: 2, maxVotes: 2, remaining: 0 },
      { categoryId: green().id, categoryName: 'Зелені проєкти', used: 1, maxVotes: 1, remaining: 0 },
    ]);
    expect(await storedVotes(r.user.id)).toEqual({ votes: 3, used: 3 });
  });

  it('refuses a vote beyond the category allowance: 409 VOTE_LIMIT_EXCEEDED naming the category', async () => {
    const r = await createVerifiedResident(t);
    expect((await vote(r.auth, [green().projectIds[0]])).statusCode).toBe(201);
    const res = await vote(r.auth, [green().projectIds[1]]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VOTE_LIMIT_EXCEEDED' });
    expect(res.json().error.message).toBe(
      'Ви вже використали свій голос у категорії «Зелені проєкти» (онлайн)',
    );
    // Asking for more than the allowance in one request is the same refusal.
    const r2 = await createVerifiedResident(t);
    const many = await vote(r2.auth, edu().projectIds.slice(0, 3));
    expect(many.statusCode).toBe(409);
    expect(many.json().error.code).toBe('VOTE_LIMIT_EXCEEDED');
    expect(await storedVotes(r2.user.id)).toEqual({ votes: 0, used: 0 });
  });

  it('refuses the same project twice: 409 ALREADY_VOTED, even with allowance left', async () => {
    const r = await createVerifiedResident(t);
    const [a, b] = edu().projectIds;
    expect((await vote(r.auth, [a])).statusCode).toBe(201);
    const res = await vote(r.auth, [a, b]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ALREADY_VOTED');
    expect(res.json().error.message).toContain('«Освітні проєкти 1» (онлайн)');
    // All or none: b was not stored either, and the allowance is untouched.
    expect(await storedVotes(r.user.id)).toEqual({ votes: 1, used: 1 });
    // With the allowance used up, "already voted" is still the reason given for the same project.
    const g = await createVerifiedResident(t);
    expect((await vote(g.auth, [green().projectIds[0]])).statusCode).toBe(201);
    expect((await vote(g.auth, [green().projectIds[0]])).json().error.code).toBe('ALREADY_VOTED');
  });

  it('refuses duplicate ids in one request with 400', async () => {
    const r = await createVerifiedResident(t);
    const res = await vote(r.auth, [edu().projectIds[0], edu().projectIds[0]]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses unverified and under-age residents: 403 NOT_ELIGIBLE saying which', async () => {
    const plain = await createAccount(t);
    const res = await vote(plain.auth, [edu().projectIds[0]]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_ELIGIBLE');
    expect(res.json().error.message).toMatch(/підтвердьте особу/);
    const today = new Date();
    const fifteen = `${today.getUTCFullYear() - 15}-01-01`;
    const young = await createVerifiedResident(t, fifteen);
    const y = await vote(young.auth, [edu().projectIds[0]]);
    expect(y.statusCode).toBe(403);
    expect(y.json().error).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: 'Голосувати можуть особи, яким виповнилося 16 років',
    });
    expect(await storedVotes(young.user.id)).toEqual({ votes: 0, used: 0 });
  });

  it('refuses projects that are not admitted in this edition: 422 naming them, storing nothing', async () => {
    const r = await createVerifiedResident(t);
    const [draft] = await createProjects(t, {
      editionId: ed.editionId,
      categoryId: edu().id,
      authorId,
      status: 'submitted',
    });
    const other = await createVotingEdition(t, { authorId });
    const foreign = other.categories[0]!.projectIds[0]!;
    const res = await vote(r.auth, [edu().projectIds[0], draft!.id, foreign, 999_999]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PROJECT_NOT_ADMITTED');
    expect(res.json().error.message).toContain(
      [draft!.id, foreign, 999_999].sort((x, y) => x - y).join(', '),
    );
    expect(await storedVotes(r.user.id)).toEqual({ votes: 0, used: 0 });
  });

  it('refuses outside the voting phase (409 PHASE_CLOSED) and unknown editions (404)', async () => {
    const r = await createVerifiedResident(t);
    for (const phase of ['review', 'tally'] as const) {
      const e = await createVotingEdition(t, { authorId, phase });
      const res = await vote(r.auth, [e.categories[0]!.projectIds[0]], e.editionId);
      expect(res.statusCode, phase).toBe(409);
      expect(res.json().error.code).toBe('PHASE_CLOSED');
    }
    const res = await vote(r.auth, [edu().projectIds[0]], 987_654);
    expect(res.statusCode).toBe(404);
    expect(await storedVotes(r.user.id)).toEqual({ votes: 0, used: 0 });
  });

  it('offers no way to withdraw a vote', async () => {
    const r = await createVerifiedResident(t);
    expect((await vote(r.auth, [green().projectIds[2]])).statusCode).toBe(201);
    for (const method of ['DELETE', 'PUT', 'PATCH'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/editions/${ed.editionId}/votes`,
        headers: r.auth,
        payload: { projectIds: [green().projectIds[2]] },
      });
      expect(res.statusCode, method).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, method).toBeLessThan(500);
    }
    expect(await storedVotes(r.user.id)).toEqual({ votes: 1, used: 1 });
  });

  it('shows an unverified account its full allowance and no votes; 404 for an unknown edition', async () => {
    const plain = await createAccount(t);
    const mine = await t.app.inject({ url: `/api/editions/${ed.editionId}/my-votes`, headers: plain.auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().identity.verified).toBe(false);
    expect(mine.json().votes).toEqual([]);
    expect(mine.json().allowance.map((a: any) => a.remaining)).toEqual([2, 1]);
    expect(
      (await t.app.inject({ url: '/api/editions/987654/my-votes', headers: plain.auth })).statusCode,
    ).toBe(404);
  });
});

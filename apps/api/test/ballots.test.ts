import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, createVerifiedResident, taxIdFor } from './factories/voting.js';

let t: TestApp;
let ed: VotingEdition;
let loc: { id: number };
let op: Awaited<ReturnType<typeof createOperator>>;
let serial = 0;
beforeAll(async () => {
  t = await buildTestApp();
  ed = await createVotingEdition(t, { authorId: (await createAccount(t)).user.id });
  loc = await createLocation(t);
  op = await createOperator(t, [loc.id]);
});
afterAll(() => t.close());

const edu = () => ed.categories[0]!; // maxVotes 2
const green = () => ed.categories[1]!; // maxVotes 1
const nextSerial = () => `Б-${++serial}`;
const ballot = (over: Record<string, unknown>, auth = op.auth, editionId = ed.editionId) =>
  t.app.inject({
    method: 'POST',
    url: `/api/editions/${editionId}/paper-ballots`,
    headers: auth,
    payload: {
      taxId: taxIdFor(),
      fullName: 'Марія Паперова',
      serial: nextSerial(),
      cnapLocationId: loc.id,
      projectIds: [edu().projectIds[0]],
      ...over,
    },
  });
const vote = (auth: Record<string, string>, projectIds: (number | undefined)[]) =>
  t.app.inject({
    method: 'POST',
    url: `/api/editions/${ed.editionId}/votes`,
    headers: auth,
    payload: { projectIds },
  });

async function audit(action: string) {
  return queryRows<{ actor_id: number; data: any }>(
    t.database.db,
    sql`SELECT actor_id, data FROM audit_log WHERE action = ${action} ORDER BY id`,
  );
}

describe('paper ballots at ЦНАП', () => {
  it('enters a ballot as one unit, with its serial, location and operator, audited', async () => {
    const taxId = taxIdFor('1955-11-30');
    const s = nextSerial();
    const res = await ballot({ taxId, serial: s, projectIds: [edu().projectIds[0], green().projectIds[0]] });
    expect(res.statusCode, res.body).toBe(201);
    const { ballot: b } = res.json();
    expect(b).toMatchObject({ serial: s, cnapLocationId: loc.id, editionId: ed.editionId });
    expect(b.votes.map((v: any) => [v.projectId, v.channel])).toEqual([
      [edu().projectIds[0], 'cnap'],
      [green().projectIds[0], 'cnap'],
    ]);
    const [row] = await queryRows<any>(
      t.database.db,
      sql`SELECT operator_id, location_id, full_name, (SELECT count(*)::int FROM votes WHERE ballot_id = pb.id) AS n FROM paper_ballots pb WHERE id = ${b.id}`,
    );
    expect(row).toEqual({ operator_id: op.user.id, location_id: loc.id, full_name: 'Марія Паперова', n: 2 });
    const accepted = (await audit('ballot.accepted')).find((a) => a.data.serial === s);
    expect(accepted).toMatchObject({
      actor_id: op.user.id,
      data: { editionId: ed.editionId, locationId: loc.id },
    });
    expect(JSON.stringify(await audit('ballot.accepted'))).not.toContain(taxId);
  });

  it('refuses a person who already voted online in that category, saying so (and vice versa)', async () => {
    const r = await createVerifiedResident(t, '1970-06-06');
    expect((await vote(r.auth, [green().projectIds[0]])).statusCode).toBe(201);
    const s = nextSerial();
    const res = await ballot({
      taxId: r.taxId,
      serial: s,
      projectIds: [edu().projectIds[1], green().projectIds[1]],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'VOTE_LIMIT_EXCEEDED',
      message: 'Ця особа вже використала свій голос у категорії «Зелені проєкти» (онлайн)',
    });
    // Nothing of the ballot was stored, and the refusal is traced without the number.
    expect(
      (await queryRows(t.database.db, sql`SELECT 1 FROM paper_ballots WHERE serial = ${s}`)).length,
    ).toBe(0);
    const refused = (await audit('ballot.refused')).find((a) => a.data.serial === s);
    expect(refused).toMatchObject({
      actor_id: op.user.id,
      data: { code: 'VOTE_LIMIT_EXCEEDED', locationId: loc.id },
    });
    expect(JSON.stringify(refused)).not.toContain(r.taxId);

    // The other way round: paper first, then online.
    const p = await createVerifiedResident(t, '1971-07-07');
    expect(
      (await ballot({ taxId: p.taxId, projectIds: [edu().projectIds[0], edu().projectIds[1]] })).statusCode,
    ).toBe(201);
    const online = await vote(p.auth, [edu().projectIds[2]]);
    expect(online.statusCode).toBe(409);
    expect(online.json().error).toMatchObject({
      code: 'VOTE_LIMIT_EXCEEDED',
      message: 'Ви вже використали усі 2 голоси у категорії «Освітні проєкти» (у ЦНАП)',
    });
    const again = await vote(p.auth, [edu().projectIds[0]]);
    expect(again.json().error.code).toBe('ALREADY_VOTED');
    expect(again.json().error.message).toContain('(у ЦНАП)');
  });

  it('refuses a person at a second ЦНАП once their allowance is used at the first', async () => {
    const second = await createLocation(t);
    const op2 = await createOperator(t, [second.id]);
    const taxId = taxIdFor('1966-01-01');
    expect((await ballot({ taxId, projectIds: [green().projectIds[2]] })).statusCode).toBe(201);
    const res = await ballot(
      { taxId, cnapLocationId: second.id, projectIds: [green().projectIds[1]] },
      op2.auth,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'Ця особа вже використала свій голос у категорії «Зелені проєкти» (у ЦНАП)',
    );
  });

  it('refuses a serial used before in this edition: 409 DUPLICATE_BALLOT_SERIAL', async () => {
    const s = nextSerial();
    expect((await ballot({ serial: s })).statusCode).toBe(201);
    const res = await ballot({ serial: s });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE_BALLOT_SERIAL');
    expect(res.json().error.message).toContain(s);
  });

  it('refuses an under-age person (NOT_ELIGIBLE), projects not admitted (422) and closed phases (409)', async () => {
    const young = `${new Date().getUTCFullYear() - 10}-03-03`;
    const y = await ballot({ taxId: taxIdFor(young) });
    expect(y.statusCode).toBe(403);
    expect(y.json().error).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: 'Ця особа молодша за 16 років і не може голосувати в цьому конкурсі',
    });
    const bad = await ballot({ projectIds: [edu().projectIds[0], 999_999] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toContain('999999');
    const closed = await createVotingEdition(t, { authorId: op.user.id, phase: 'tally' });
    const c = await ballot({ projectIds: [closed.categories[0]!.projectIds[0]] }, op.auth, closed.editionId);
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('PHASE_CLOSED');
    expect(c.json().error.message).toMatch(/^Голосування завершилося \d{1,2} [а-яії]+ \d{4}/);
    const missing = await ballot({}, op.auth, 987_654);
    expect(missing.statusCode).toBe(404);
    // No voter row is left behind by refused ballots of new people.
    const [{ n }] = (await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM voters v WHERE NOT EXISTS (SELECT 1 FROM paper_ballots pb WHERE pb.voter_id = v.id) AND NOT EXISTS (SELECT 1 FROM users u WHERE u.voter_id = v.id)`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('refuses an operator not attached to that location, and admins who are not operators there', async () => {
    const elsewhere = await createLocation(t);
    const res = await ballot({ cnapLocationId: elsewhere.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: 'Ви не є оператором цього ЦНАП' });
    const refused = (await audit('ballot.refused')).at(-1);
    expect(refused).toMatchObject({
      actor_id: op.user.id,
      data: { code: 'FORBIDDEN', locationId: elsewhere.id },
    });
    const admin = await createAccount(t, ['admin']);
    expect((await ballot({}, admin.auth)).statusCode).toBe(403);
    const adminOperatorElsewhere = await createOperator(t, [elsewhere.id], ['admin']);
    expect((await ballot({}, adminOperatorElsewhere.auth)).statusCode).toBe(403);
  });

  it('refuses an operator entering their own ballot or verifying their own account', async () => {
    const self = await createOperator(t, [loc.id]);
    const taxId = taxIdFor('1988-08-08');
    const mine = await t.app.inject({
      method: 'POST',
      url: '/api/me/identity',
      headers: self.auth,
      payload: { taxId },
    });
    expect(mine.statusCode).toBe(200);
    const res = await ballot({ taxId }, self.auth);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/власний бюлетень/);
    const v = await t.app.inject({
      method: 'POST',
      url: '/api/cnap/verifications',
      headers: self.auth,
      payload: { userId: self.user.id, taxId, cnapLocationId: loc.id },
    });
    expect(v.statusCode).toBe(403);
    // Another operator may enter it.
    expect((await ballot({ taxId })).statusCode).toBe(201);
  });

  it('says how many votes are left when a ballot asks for more than remain', async () => {
    const wide = await createVotingEdition(t, {
      authorId: op.user.id,
      categories: [{ name: 'Широка', maxVotes: 3, projects: 5 }],
    });
    const ids = wide.categories[0]!.projectIds;
    const r = await createVerifiedResident(t, '1979-09-09');
    const v = await t.app.inject({
      method: 'POST',
      url: `/api/editions/${wide.editionId}/votes`,
      headers: r.auth,
      payload: { projectIds: [ids[0]] },
    });
    expect(v.statusCode).toBe(201);
    expect((await ballot({ taxId: r.taxId, projectIds: [ids[1]] }, op.auth, wide.editionId)).statusCode).toBe(
      201,
    );
    const res = await ballot({ taxId: r.taxId, projectIds: [ids[2], ids[3]] }, op.auth, wide.editionId);
    expect(res.json().error.message).toBe(
      'Ця особа вже використала 2 з 3 голосів у категорії «Широка» (онлайн і у ЦНАП): залишилося 1, а обрано 2',
    );
  });
});

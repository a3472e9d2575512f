import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, taxIdFor } from './factories/voting.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let ed: VotingEdition;
let other: VotingEdition;
let north: { id: number; name: string; address: string };
let south: { id: number; name: string; address: string };
let op: Awaited<ReturnType<typeof createOperator>>;
let serial = 0;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
  ed = await createVotingEdition(t, { authorId: admin.user.id });
  other = await createVotingEdition(t, { authorId: admin.user.id });
  await createVotingEdition(t, { authorId: admin.user.id, phase: 'submission' });
  north = await createLocation(t, 'ЦНАП «Північ»');
  south = await createLocation(t, 'ЦНАП «Південь»');
  op = await createOperator(t, [south.id, north.id]);
});
afterAll(() => t.close());

const summary = (headers: Record<string, string> = op.auth) =>
  t.app.inject({ method: 'GET', url: '/api/cnap/summary', headers });

async function ballot(edition: VotingEdition, locationId: number, who = op) {
  const s = `СМ-${++serial}`;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/editions/${edition.editionId}/paper-ballots`,
    headers: who.auth,
    payload: {
      taxId: taxIdFor(),
      fullName: 'Марія Паперова',
      serial: s,
      cnapLocationId: locationId,
      projectIds: [edition.categories[1]!.projectIds[0]],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return s;
}

/** Moves a ballot to `minutes` after (or, negative, before) the last midnight in Kyiv. */
const enteredAt = (s: string, minutes: number) =>
  t.database.db.execute(sql`
    UPDATE paper_ballots
       SET created_at = (date_trunc('day', now() AT TIME ZONE 'Europe/Kyiv') AT TIME ZONE 'Europe/Kyiv')
                        + make_interval(mins => ${minutes})
     WHERE serial = ${s}`);

const kyivToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date());

describe('GET /api/cnap/summary', () => {
  it("gives the operator's locations and today's ballots per edition in voting, zero before the first", async () => {
    const res = await summary();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      day: kyivToday(),
      // By name, whatever order the admin attached them in.
      locations: [
        { id: south.id, name: 'ЦНАП «Південь»', address: 'вул. Галицька, 1' },
        { id: north.id, name: 'ЦНАП «Північ»', address: 'вул. Галицька, 1' },
      ],
      // Only editions in voting: not the third, which takes submissions.
      editions: [
        { editionId: ed.editionId, title: 'Бюджет участі (тест)', ballotsToday: 0 },
        { editionId: other.editionId, title: 'Бюджет участі (тест)', ballotsToday: 0 },
      ],
    });
  });

  it("counts this operator's ballots since midnight in Kyiv at any of their locations, without annulled ones", async () => {
    await ballot(ed, north.id);
    await ballot(ed, south.id);
    await ballot(other, north.id);
    // Just after midnight in Kyiv is today (though still yesterday in UTC); just before is not.
    await enteredAt(await ballot(ed, north.id), 1);
    await enteredAt(await ballot(ed, north.id), -1);
    // Annulled as an entry error: no longer counted.
    const wrong = await ballot(ed, south.id);
    const annulled = await t.app.inject({
      method: 'POST',
      url: `/api/editions/${ed.editionId}/annulments`,
      headers: admin.auth,
      payload: { kind: 'entry_error', ballotSerial: wrong, reason: 'Переплутано номер проєкту' },
    });
    expect(annulled.statusCode, annulled.body).toBe(201);
    // Another operator's ballot at the same desk is theirs, not this operator's.
    const colleague = await createOperator(t, [north.id]);
    await ballot(ed, north.id, colleague);

    const { editions } = (await summary()).json();
    expect(editions).toEqual([
      { editionId: ed.editionId, title: 'Бюджет участі (тест)', ballotsToday: 3 },
      { editionId: other.editionId, title: 'Бюджет участі (тест)', ballotsToday: 1 },
    ]);
    const theirs = (await summary(colleague.auth)).json();
    expect(theirs.locations.map((l: { id: number }) => l.id)).toEqual([north.id]);
    expect(theirs.editions[0].ballotsToday).toBe(1);
  });

  it('answers an operator with no location an empty list, and refuses everyone but operators', async () => {
    const nowhere = await createOperator(t, []);
    const res = await summary(nowhere.auth);
    expect(res.statusCode).toBe(200);
    expect(res.json().locations).toEqual([]);
    expect((await summary(admin.auth)).statusCode).toBe(403);
    expect((await summary((await createAccount(t)).auth)).statusCode).toBe(403);
    expect((await summary({})).statusCode).toBe(401);
  });
});

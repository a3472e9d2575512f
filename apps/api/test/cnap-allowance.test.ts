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
beforeAll(async () => {
  t = await buildTestApp();
  ed = await createVotingEdition(t, { authorId: (await createAccount(t)).user.id });
  loc = await createLocation(t);
  op = await createOperator(t, [loc.id]);
});
afterAll(() => t.close());

const ask = (payload: object, auth: Record<string, string> = op.auth, editionId = ed.editionId) =>
  t.app.inject({ method: 'POST', url: `/api/editions/${editionId}/cnap/allowance`, headers: auth, payload });

describe('POST /api/editions/:id/cnap/allowance', () => {
  it("shows an operator a person's used votes per category across both channels, before the ballot", async () => {
    const [edu, green] = ed.categories;
    const fresh = await ask({ taxId: taxIdFor(), cnapLocationId: loc.id });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json()).toEqual({
      oldEnough: true,
      categories: [
        { categoryId: edu!.id, maxVotes: 2, used: 0 },
        { categoryId: green!.id, maxVotes: 1, used: 0 },
      ],
    });
    // Online first, then the same person at ЦНАП: the operator sees what is used up.
    const resident = await createVerifiedResident(t);
    const online = await t.app.inject({
      method: 'POST',
      url: `/api/editions/${ed.editionId}/votes`,
      headers: resident.auth,
      payload: { projectIds: [edu!.projectIds[0], green!.projectIds[0]] },
    });
    expect(online.statusCode, online.body).toBe(201);
    const seen = (await ask({ taxId: resident.taxId, cnapLocationId: loc.id })).json();
    expect(seen.categories).toEqual([
      { categoryId: edu!.id, maxVotes: 2, used: 1 },
      { categoryId: green!.id, maxVotes: 1, used: 1 },
    ]);
    const young = await ask({
      taxId: taxIdFor(new Date(Date.now() - 10 * 365 * 86_400_000).toISOString().slice(0, 10)),
      cnapLocationId: loc.id,
    });
    expect(young.json().oldEnough).toBe(false);
  });

  it('is audited without the number, and refused to anyone but an operator at that location', async () => {
    const taxId = taxIdFor();
    await ask({ taxId, cnapLocationId: loc.id });
    const rows = await queryRows<{ actor_id: number; entity_id: string; data: unknown }>(
      t.database.db,
      sql`SELECT actor_id, entity_id, data FROM audit_log WHERE action = 'ballot.allowance' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({
      actor_id: op.user.id,
      entity_id: String(ed.editionId),
      data: { locationId: loc.id },
    });
    expect(JSON.stringify(rows)).not.toContain(taxId);

    const elsewhere = await createLocation(t);
    const wrongPlace = await ask({ taxId, cnapLocationId: elsewhere.id });
    expect(wrongPlace.statusCode).toBe(403);
    const resident = await createAccount(t);
    expect((await ask({ taxId, cnapLocationId: loc.id }, resident.auth)).statusCode).toBe(403);
    expect((await ask({ taxId, cnapLocationId: loc.id }, {})).statusCode).toBe(401);
  });

  it('refuses a bad number naming the field, an unknown edition, and an edition not in voting', async () => {
    const bad = await ask({ taxId: '1234567890', cnapLocationId: loc.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.taxId');
    const missing = await ask({ cnapLocationId: loc.id });
    expect(missing.statusCode).toBe(400);
    expect((await ask({ taxId: taxIdFor(), cnapLocationId: loc.id }, op.auth, 999_999)).statusCode).toBe(404);
    const later = await createVotingEdition(t, { authorId: op.user.id, phase: 'submission' });
    const closed = await ask({ taxId: taxIdFor(), cnapLocationId: loc.id }, op.auth, later.editionId);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('PHASE_CLOSED');
  });
});

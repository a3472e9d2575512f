import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeTaxId } from '@bu/shared';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createVotingEdition } from './factories/projects.js';
import { createLocation, createOperator, taxIdFor } from './factories/voting.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const declare = (auth: Record<string, string>, taxId: string) =>
  t.app.inject({ method: 'POST', url: '/api/me/identity', headers: auth, payload: { taxId } });

describe('identity: a self-declared taxpayer number (demo mode)', () => {
  it('verifies the account and stores only the HMAC of the number with the birth date', async () => {
    const a = await createAccount(t);
    const taxId = makeTaxId('1990-03-08', 4321);
    const res = await declare(a.auth, taxId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ identity: { verified: true, method: 'demo', birthDate: '1990-03-08' } });
    const me = await t.app.inject({ url: '/api/me', headers: a.auth });
    expect(me.json().user.identity).toEqual({ verified: true, method: 'demo', birthDate: '1990-03-08' });
    const rows = await queryRows<{ hex: string; dump: string }>(
      t.database.db,
      sql`
      SELECT encode(vr.key_hash, 'hex') AS hex, row_to_json(vr)::text || row_to_json(u)::text AS dump
      FROM users u JOIN voters vr ON vr.id = u.voter_id WHERE u.id = ${a.user.id}`,
    );
    expect(rows[0]!.hex).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.dump).not.toContain(taxId);
    const everything = await queryRows<{ n: number }>(
      t.database.db,
      sql`
      SELECT count(*)::int AS n FROM audit_log WHERE data::text LIKE ${'%' + taxId + '%'}`,
    );
    expect(everything[0]!.n).toBe(0);
  });

  it('is idempotent for the same number and refuses a different one on a verified account', async () => {
    const a = await createAccount(t);
    const taxId = taxIdFor('1970-01-01');
    expect((await declare(a.auth, taxId)).statusCode).toBe(200);
    expect((await declare(a.auth, taxId)).statusCode).toBe(200);
    const other = await declare(a.auth, taxIdFor('1971-01-01'));
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('CONFLICT');
  });

  it('gives one number to one account: 409 IDENTITY_TAKEN', async () => {
    const taxId = taxIdFor('1980-07-01');
    const a = await createAccount(t);
    const b = await createAccount(t);
    expect((await declare(a.auth, taxId)).statusCode).toBe(200);
    const res = await declare(b.auth, taxId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IDENTITY_TAKEN');
    const me = await t.app.inject({ url: '/api/me', headers: b.auth });
    expect(me.json().user.identity.verified).toBe(false);
  });

  it('refuses malformed numbers and wrong check digits with 400 naming the field', async () => {
    const a = await createAccount(t);
    const good = taxIdFor();
    for (const bad of ['123', good.slice(0, 9) + ((Number(good[9]) + 1) % 10), '0000000000', 1234567890]) {
      const res = await declare(a.auth, bad as string);
      expect(res.statusCode, String(bad)).toBe(400);
      expect(res.json().error.details[0].field).toBe('body.taxId');
    }
  });

  it('links a person first met at ЦНАП: paper and online votes share one allowance', async () => {
    const admin = await createAccount(t, ['admin']);
    const ed = await createVotingEdition(t, {
      authorId: admin.user.id,
      categories: [{ name: 'Зелені', maxVotes: 1, projects: 2 }],
    });
    const loc = await createLocation(t);
    const op = await createOperator(t, [loc.id]);
    const taxId = taxIdFor('1960-02-02');
    const [p1, p2] = ed.categories[0]!.projectIds;
    const ballot = await t.app.inject({
      method: 'POST',
      url: `/api/editions/${ed.editionId}/paper-ballots`,
      headers: op.auth,
      payload: { taxId, fullName: 'Іван Паперовий', serial: 'A-1', cnapLocationId: loc.id, projectIds: [p1] },
    });
    expect(ballot.statusCode, ballot.body).toBe(201);
    const a = await createAccount(t);
    const res = await declare(a.auth, taxId);
    expect(res.statusCode).toBe(200);
    // The paper ballot proved the person in person: the stronger method is kept.
    expect(res.json().identity).toEqual({ verified: true, method: 'cnap', birthDate: '1960-02-02' });
    const vote = await t.app.inject({
      method: 'POST',
      url: `/api/editions/${ed.editionId}/votes`,
      headers: a.auth,
      payload: { projectIds: [p2] },
    });
    expect(vote.statusCode).toBe(409);
    expect(vote.json().error.code).toBe('VOTE_LIMIT_EXCEEDED');
    expect(vote.json().error.message).toContain('у ЦНАП');
    const mine = (
      await t.app.inject({ url: `/api/editions/${ed.editionId}/my-votes`, headers: a.auth })
    ).json();
    expect(mine.votes).toMatchObject([
      { projectId: p1, channel: 'cnap', ballotSerial: 'A-1', cnapLocationId: loc.id },
    ]);
    expect(mine.allowance).toMatchObject([{ used: 1, maxVotes: 1, remaining: 0 }]);
  });
});

describe('identity: other modes and in person', () => {
  it('refuses self-declaration in oidc mode with 403 naming the identity provider', async () => {
    const o = await buildTestApp({ identityMode: 'oidc' });
    try {
      const a = await createAccount(o);
      const res = await o.app.inject({
        method: 'POST',
        url: '/api/me/identity',
        headers: a.auth,
        payload: { taxId: taxIdFor() },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(res.json().error.message).toMatch(/ідентифікації/);
      // In person still works whatever the mode.
      const loc = await createLocation(o);
      const op = await createOperator(o, [loc.id]);
      const v = await o.app.inject({
        method: 'POST',
        url: '/api/cnap/verifications',
        headers: op.auth,
        payload: { userId: a.user.id, taxId: taxIdFor('1999-09-09'), cnapLocationId: loc.id },
      });
      expect(v.statusCode, v.body).toBe(200);
      expect(v.json()).toEqual({
        userId: a.user.id,
        identity: { verified: true, method: 'cnap', birthDate: '1999-09-09' },
      });
    } finally {
      await o.close();
    }
  });

  it('outside the demo, a number left over from a demo period does not vote online until proven', async () => {
    const o = await buildTestApp({ identityMode: 'oidc' });
    try {
      const author = await createAccount(o);
      const ed = await createVotingEdition(o, { authorId: author.user.id });
      const [projectId] = ed.categories[0]!.projectIds;
      // Two people as a demo period and a ЦНАП would have left them: one typed their number in.
      const withMethod = async (method: 'demo' | 'cnap') => {
        const a = await createAccount(o);
        const [voter] = await queryRows<{ id: number }>(
          o.database.db,
          sql`INSERT INTO voters (key_hash, birth_date, method)
              VALUES (sha256(convert_to(${`left-over-${method}-${a.user.id}`}, 'UTF8')), '1980-01-01', ${method}) RETURNING id`,
        );
        await queryRows(o.database.db, sql`UPDATE users SET voter_id = ${voter!.id} WHERE id = ${a.user.id}`);
        return a;
      };
      const vote = (auth: Record<string, string>) =>
        o.app.inject({
          method: 'POST',
          url: `/api/editions/${ed.editionId}/votes`,
          headers: auth,
          payload: { projectIds: [projectId] },
        });
      const declared = await withMethod('demo');
      const refused = await vote(declared.auth);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('NOT_ELIGIBLE');
      expect(refused.json().error.message).toMatch(/лише введено вручну.*id\.gov\.ua або в ЦНАП/);
      const stored = await queryRows<{ n: number }>(
        o.database.db,
        sql`SELECT count(*)::int AS n FROM votes WHERE edition_id = ${ed.editionId}`,
      );
      expect(stored[0]!.n).toBe(0);
      // A person proven at a ЦНАП votes as usual.
      const proven = await withMethod('cnap');
      expect((await vote(proven.auth)).statusCode).toBe(201);
    } finally {
      await o.close();
    }
  });

  it('lets an operator verify an account at their ЦНАП, recorded with the operator', async () => {
    const loc = await createLocation(t);
    const elsewhere = await createLocation(t);
    const op = await createOperator(t, [loc.id]);
    const a = await createAccount(t);
    const taxId = taxIdFor('1975-05-05');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/cnap/verifications',
      headers: op.auth,
      payload: { userId: a.user.id, taxId, cnapLocationId: elsewhere.id },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/cnap/verifications',
      headers: op.auth,
      payload: { userId: a.user.id, taxId, cnapLocationId: loc.id },
    });
    expect(ok.statusCode).toBe(200);
    const [row] = await queryRows<{ method: string; verified_by: number }>(
      t.database.db,
      sql`
      SELECT vr.method, vr.verified_by FROM users u JOIN voters vr ON vr.id = u.voter_id WHERE u.id = ${a.user.id}`,
    );
    expect(row).toEqual({ method: 'cnap', verified_by: op.user.id });
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/cnap/verifications',
      headers: op.auth,
      payload: { userId: 999_999, taxId: taxIdFor(), cnapLocationId: loc.id },
    });
    expect(missing.statusCode).toBe(404);
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/cnap/verifications',
      headers: op.auth,
      payload: { userId: (await createAccount(t)).user.id, taxId, cnapLocationId: loc.id },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('IDENTITY_TAKEN');
  });
});

describe('an operator looks up an account before verifying it in person', () => {
  it('shows the name and whether it is verified, to operators only', async () => {
    const loc = await createLocation(t);
    const op = await createOperator(t, [loc.id]);
    const resident = await createAccount(t, [], 'Галина Перевірена');
    const res = await t.app.inject({ url: `/api/cnap/users/${resident.user.id}`, headers: op.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: resident.user.id, fullName: 'Галина Перевірена', verified: false },
    });
    expect(res.body).not.toContain(resident.email);
    expect(
      (await t.app.inject({ url: `/api/cnap/users/${resident.user.id}`, headers: resident.auth })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/cnap/users/999999', headers: op.auth })).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Signals } from '@bu/shared';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, createVerifiedResident, taxIdFor } from './factories/voting.js';
import { tallyAndPublish, tallyFixture } from './factories/votes.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
});
afterAll(() => t.close());

let n = 0;
const register = (ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    remoteAddress: ip,
    payload: { email: `wave${++n}@test.local`, password: 'довгий-пароль-123', fullName: 'Хвиля Реєстрацій' },
  });
const addresses = () =>
  queryRows<{ user_id: number; hash: string }>(
    t.database.db,
    sql`SELECT user_id, encode(address_hash, 'hex') AS hash FROM registration_addresses ORDER BY user_id`,
  );
const signals = async (editionId: number, headers: object = admin.auth) =>
  t.app.inject({ url: `/api/editions/${editionId}/signals`, headers: headers as never });

describe('fraud signals', () => {
  it('keeps no address while no vote is near', async () => {
    expect((await register('203.0.113.7')).statusCode).toBe(201);
    expect(await addresses()).toEqual([]);
  });

  describe('during a vote', () => {
    let ed: VotingEdition;
    let op: Awaited<ReturnType<typeof createOperator>>;
    let locationId: number;
    beforeAll(async () => {
      ed = await createVotingEdition(t, { authorId: admin.user.id });
      locationId = (await createLocation(t)).id;
      op = await createOperator(t, [locationId]);
    });

    it('keeps a keyed hash of the address, never the address', async () => {
      for (let i = 0; i < 8; i++) expect((await register('198.51.100.23')).statusCode).toBe(201);
      for (let i = 1; i <= 5; i++) expect((await register(`192.0.2.${i}`)).statusCode).toBe(201);
      const rows = await addresses();
      expect(rows).toHaveLength(13);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(6);
      for (const r of rows) {
        expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(r.hash).not.toContain(Buffer.from('198.51.100.23').toString('hex'));
      }
    });

    it('shows hourly series, highlights what stands out, names nobody but staff', async () => {
      // Three ordinary past hours with 2 registrations each, and one hour with 30.
      const hours = [5, 4, 3, 2];
      for (const [i, h] of hours.entries())
        await t.database.db.execute(sql`
          INSERT INTO users (email, password_hash, full_name, created_at)
          SELECT 'past' || ${h} || '-' || g || '@test.local', 'x', 'Минула Година',
                 date_trunc('hour', now()) - make_interval(hours => ${h}) + interval '5 minutes'
          FROM generate_series(1, ${i === 3 ? 30 : 2}) g`);
      const r1 = await createVerifiedResident(t, '1980-01-01');
      await createVerifiedResident(t, '1981-01-01');
      const walkIn = await createAccount(t);
      const verified = await t.app.inject({
        method: 'POST',
        url: '/api/cnap/verifications',
        headers: op.auth,
        payload: { userId: walkIn.user.id, taxId: taxIdFor('1977-07-07'), cnapLocationId: locationId },
      });
      expect(verified.statusCode, verified.body).toBe(200);
      for (let i = 0; i < 3; i++) {
        const b = await t.app.inject({
          method: 'POST',
          url: `/api/editions/${ed.editionId}/paper-ballots`,
          headers: op.auth,
          payload: {
            taxId: taxIdFor('1960-02-02'),
            fullName: 'Паперова Особа',
            serial: `СГ-${i}`,
            cnapLocationId: locationId,
            projectIds: [ed.categories[0]!.projectIds[0]],
          },
        });
        expect(b.statusCode, b.body).toBe(201);
      }

      const res = await signals(ed.editionId);
      expect(res.statusCode, res.body).toBe(200);
      const s: Signals = res.json();
      expect(s.factor).toBe(5);
      const past = (h: number) => {
        const d = new Date();
        d.setUTCMinutes(0, 0, 0);
        return new Date(d.getTime() - h * 3_600_000).toISOString();
      };
      const byHour = Object.fromEntries(s.registrations.hours.map((h) => [h.hour, h]));
      expect(byHour[past(5)]).toEqual({ hour: past(5), count: 2, outlier: false });
      expect(byHour[past(2)]).toEqual({ hour: past(2), count: 30, outlier: true });
      expect(s.registrations.total).toBe(s.registrations.hours.reduce((a, h) => a + h.count, 0));
      const methods = Object.fromEntries(s.verifications.map((v) => [v.key, v.total]));
      expect(methods['method:demo']).toBeGreaterThanOrEqual(2);
      expect(methods['method:cnap']).toBe(1);
      expect(s.operatorVerifications).toEqual([
        expect.objectContaining({ key: `verifier:${op.user.id}`, label: 'Оператор ЦНАП', total: 1 }),
      ]);
      expect(s.operatorBallots).toEqual([
        expect.objectContaining({ key: `operator:${op.user.id}`, label: 'Оператор ЦНАП', total: 3 }),
      ]);
      // 8 accounts from one address against a median of 1 per address.
      expect(s.sharedAddresses.median).toBe(1);
      expect(s.sharedAddresses.rows).toEqual([
        expect.objectContaining({
          accounts: 8,
          outlier: true,
          address: expect.stringMatching(/^[0-9a-f]{10}$/),
        }),
      ]);
      // Nothing personal: no addresses, emails, taxpayer numbers or residents' names.
      expect(res.body).not.toMatch(/198\.51|192\.0\.2|@test\.local|Хвиля|Паперова/);
      expect(res.body).not.toContain(r1.taxId);
    });

    it('drops address hashes no unpublished vote covers', async () => {
      const old = await createAccount(t);
      await t.database.db.execute(sql`
        INSERT INTO registration_addresses (user_id, address_hash, created_at)
        VALUES (${old.user.id}, decode(repeat('ab', 32), 'hex'), now() - interval '60 days')`);
      const before = (await addresses()).length;
      expect((await signals(ed.editionId)).statusCode).toBe(200);
      const after = await addresses();
      expect(after).toHaveLength(before - 1);
      expect(after.map((r) => r.user_id)).not.toContain(old.user.id);
    });

    it('drops expired hashes at every registration, without an admin opening the signals', async () => {
      const old = await createAccount(t);
      await t.database.db.execute(sql`
        INSERT INTO registration_addresses (user_id, address_hash, created_at)
        VALUES (${old.user.id}, decode(repeat('cd', 32), 'hex'), now() - interval '60 days')`);
      const before = await addresses();
      expect(before.map((r) => r.user_id)).toContain(old.user.id);
      expect((await register('192.0.2.200')).statusCode).toBe(201);
      const after = await addresses();
      expect(after.map((r) => r.user_id)).not.toContain(old.user.id);
      // The others, inside the open vote's window, stay; the new one is added.
      expect(after).toHaveLength(before.length);
    });

    it('drops the hashes of an edition when its results are published', async () => {
      // An edition whose voting ended 5 days ago, results not yet published; the open vote's window
      // starts 35 days ago, so a registration of 45 days ago is watched by the ended edition alone.
      const f = await tallyFixture(t, {
        authorId: admin.user.id,
        fund: 1_000_000_00,
        projects: [{ key: 'A', cost: 100_000_00, votes: 3 }],
      });
      const early = await createAccount(t);
      await t.database.db.execute(sql`
        INSERT INTO registration_addresses (user_id, address_hash, created_at)
        VALUES (${early.user.id}, decode(repeat('ef', 32), 'hex'), now() - interval '45 days')`);
      // Still needed before publication: an annulment may yet come, so no purge drops it.
      expect((await register('192.0.2.201')).statusCode).toBe(201);
      expect((await signals(ed.editionId)).statusCode).toBe(200);
      const before = await addresses();
      expect(before.map((r) => r.user_id)).toContain(early.user.id);

      await tallyAndPublish(t, f.editionId, admin.auth);
      const after = await addresses();
      expect(after.map((r) => r.user_id)).not.toContain(early.user.id);
      expect(after).toHaveLength(before.length - 1);
    });

    it('is for admins only', async () => {
      expect((await signals(ed.editionId, op.auth)).statusCode).toBe(403);
      expect((await signals(ed.editionId, {})).statusCode).toBe(401);
      expect((await signals(999_999)).statusCode).toBe(404);
    });
  });
});

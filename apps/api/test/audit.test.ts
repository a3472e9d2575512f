import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createAccount, editionBody, type TestApp } from './helpers.js';
import { auditLog } from '../src/db/schema.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let other: Awaited<ReturnType<typeof createAccount>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin'], 'Олена Адміністраторка');
  other = await createAccount(t, ['admin'], 'Петро_Другий');
});
afterAll(() => t.close());

interface Entry {
  action: string;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  at: string;
}
const list = async (query: string) => {
  const res = await t.app.inject({ url: `/api/admin/audit?${query}`, headers: admin.auth });
  expect(res.statusCode).toBe(200);
  return res.json<{ entries: Entry[] }>().entries;
};

describe('GET /api/admin/audit', () => {
  it('names the actor and filters by person, action and time', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: admin.auth,
      payload: editionBody(),
    });
    expect(created.statusCode).toBe(201);
    const byOther = await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: other.auth,
      payload: editionBody({ title: 'Другий конкурс' }),
    });
    expect(byOther.statusCode).toBe(201);
    // An old entry of the system, a year ago, to be cut off by the date filter.
    await t.database.db.insert(auditLog).values({
      actorId: null,
      action: 'user.bootstrap_admin',
      entity: 'user',
      at: new Date(Date.now() - 365 * 86_400_000),
    });

    const all = await list('limit=500');
    const mine = all.find((e) => e.actorId === admin.user.id)!;
    expect(mine).toMatchObject({ actorName: 'Олена Адміністраторка', actorEmail: admin.email });
    const system = all.find((e) => e.actorId === null)!;
    expect(system).toMatchObject({ actorName: null, actorEmail: null });

    const byName = await list(`actor=${encodeURIComponent('олена')}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((e) => e.actorId === admin.user.id)).toBe(true);
    const byEmail = await list(`actor=${encodeURIComponent(other.email.toUpperCase())}`);
    expect(byEmail.map((e) => e.actorId)).toEqual([other.user.id]);
    // `_` is a letter here, not "any one character".
    expect(await list(`actor=${encodeURIComponent('Петро_')}`)).toHaveLength(1);
    expect(await list(`actor=${encodeURIComponent('Петро%')}`)).toHaveLength(0);
    expect((await list(`actorId=${other.user.id}`)).map((e) => e.action)).toEqual(['edition.create']);

    expect((await list('action=edition.create')).length).toBe(2);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const recent = await list(`from=${encodeURIComponent(yesterday)}&limit=500`);
    expect(recent.some((e) => e.action === 'user.bootstrap_admin')).toBe(false);
    expect(recent.length).toBe(all.length - 1);
    const old = await list(`to=${encodeURIComponent(yesterday)}`);
    expect(old.map((e) => e.action)).toEqual(['user.bootstrap_admin']);
    expect(await list(`from=${encodeURIComponent(tomorrow)}`)).toEqual([]);
  });

  it('refuses a date without an offset, naming the field', async () => {
    const res = await t.app.inject({ url: '/api/admin/audit?from=yesterday', headers: admin.auth });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('from');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { RAW_BODIES, expectErrorShape, mutations } from './battery.js';
import { buildTestApp, categoryBody, createAccount, editionBody, type TestApp } from './helpers.js';

/**
 * The bad-input battery (docs/rules.md §13): every route of the foundation gets malformed bodies; every
 * answer must be a 4xx in the contract's error shape, and nothing may be stored.
 */
let t: TestApp;
let adminAuth: Record<string, string>;
let editionId: number;
let categoryId: number;
let userId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createAccount(t, ['admin']);
  adminAuth = admin.auth;
  userId = (await createAccount(t)).user.id;
  editionId = (
    await t.app.inject({ method: 'POST', url: '/api/editions', headers: adminAuth, payload: editionBody() })
  ).json().edition.id;
  categoryId = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${editionId}/categories`,
      headers: adminAuth,
      payload: categoryBody(),
    })
  ).json().category.id;
});
afterAll(() => t.close());

const valid = {
  register: { email: 'new@example.com', password: 'password-123', fullName: 'Новий Мешканець' },
  login: { email: 'new@example.com', password: 'password-123' },
  roles: { roles: ['reviewer'] },
  cnap: { name: 'ЦНАП', address: 'вул. Галицька, 1' },
};

const routes = () =>
  [
    { name: 'register', method: 'POST', url: '/api/auth/register', base: valid.register, headers: {} },
    { name: 'login', method: 'POST', url: '/api/auth/login', base: valid.login, headers: {} },
    {
      name: 'roles',
      method: 'PUT',
      url: `/api/admin/users/${userId}/roles`,
      base: valid.roles,
      headers: adminAuth,
    },
    { name: 'cnap', method: 'POST', url: '/api/cnap-locations', base: valid.cnap, headers: adminAuth },
    { name: 'edition', method: 'POST', url: '/api/editions', base: editionBody(), headers: adminAuth },
    {
      name: 'edition patch',
      method: 'PATCH',
      url: `/api/editions/${editionId}`,
      base: { title: 'Нова назва' },
      headers: adminAuth,
    },
    {
      name: 'category',
      method: 'POST',
      url: `/api/editions/${editionId}/categories`,
      base: categoryBody({ name: 'Нова' }),
      headers: adminAuth,
    },
    {
      name: 'category patch',
      method: 'PATCH',
      url: `/api/editions/${editionId}/categories/${categoryId}`,
      base: { maxVotes: 3 },
      headers: adminAuth,
    },
  ] as const;

async function snapshot() {
  const rows = await queryRows<{ n: string }>(
    t.database.db,
    sql`select (select count(*) from users) || '/' || (select count(*) from editions) || '/' || (select count(*) from categories) || '/' || (select count(*) from cnap_locations) || '/' || (select count(*) from audit_log) || '/' || (select md5(string_agg(title || total_fund, ',' order by id)) from editions) || '/' || (select md5(string_agg(roles::text, ',' order by id)) from users) as n`,
  );
  return rows[0]!.n;
}

describe('bad input never yields a 5xx and never stores anything', () => {
  it('refuses every mutation of every body', async () => {
    const before = await snapshot();
    for (const r of routes()) {
      for (const [label, payload] of mutations(r.base)) {
        const res = await t.app.inject({
          method: r.method,
          url: r.url,
          headers: r.headers,
          payload: payload as never,
        });
        // "huge" strings are a 400 (validation) unless they hit the body limit (413); both refuse.
        expectErrorShape(res, `${r.name} / ${label}`);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses broken JSON, wrong content types, __proto__ keys and oversized bodies', async () => {
    const before = await snapshot();
    for (const r of routes()) {
      for (const [label, headers, payload, status] of RAW_BODIES) {
        const res = await t.app.inject({
          method: r.method,
          url: r.url,
          headers: { ...r.headers, ...headers },
          payload,
        });
        expectErrorShape(res, `${r.name} / ${label}`);
        expect(res.statusCode, `${r.name} / ${label}`).toBe(status);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses bad path parameters and query strings', async () => {
    const urls = [
      '/api/editions/abc',
      '/api/editions/-1',
      '/api/editions/1.5',
      '/api/editions/99999999999999999999',
      `/api/editions/${'9'.repeat(500)}`,
      '/api/editions/%00',
      '/api/admin/audit?limit=-5',
      '/api/admin/audit?limit=abc',
      '/api/admin/audit?unknown=1',
      '/api/admin/users?q=' + 'x'.repeat(1000),
      '/api/nope',
    ];
    for (const url of urls) {
      const res = await t.app.inject({ url, headers: adminAuth });
      expectErrorShape(res, url);
    }
    const patchBad = await t.app.inject({
      method: 'PATCH',
      url: '/api/editions/abc',
      headers: adminAuth,
      payload: { title: 'Нова назва' },
    });
    expectErrorShape(patchBad, 'patch abc');
  });
});

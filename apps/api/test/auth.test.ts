import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner } from 'fast-jwt';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const register = (body: object) => t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
const login = (body: object) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: body });

describe('accounts', () => {
  it('registers, logs in and reads /me', async () => {
    const res = await register({
      email: 'Oksana@Example.com',
      password: 'correct horse',
      fullName: 'Оксана Коваль',
    });
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toMatchObject({
      email: 'oksana@example.com',
      fullName: 'Оксана Коваль',
      roles: ['resident'],
    });
    expect(user).not.toHaveProperty('passwordHash');
    expect(user.identity).toEqual({ verified: false, method: null, birthDate: null });

    const ok = await login({ email: 'oksana@example.com', password: 'correct horse' });
    expect(ok.statusCode).toBe(200);
    const me = await t.app.inject({
      url: '/api/me',
      headers: { authorization: `Bearer ${ok.json().token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('stores an argon2id hash, never the password', async () => {
    await register({ email: 'hash@example.com', password: 'secret-pass-1', fullName: 'Хеш Тест' });
    const rows = await queryRows<{ password_hash: string }>(
      t.database.db,
      sql`select password_hash from users where email = 'hash@example.com'`,
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a taken email with 409 EMAIL_TAKEN, whatever the case', async () => {
    await register({ email: 'twice@example.com', password: 'password-1', fullName: 'Перший' });
    const res = await register({ email: 'TWICE@example.com', password: 'password-2', fullName: 'Другий' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('answers 401 for a wrong password and an unknown email alike', async () => {
    await register({ email: 'wrong@example.com', password: 'right-password', fullName: 'Хтось' });
    for (const body of [
      { email: 'wrong@example.com', password: 'wrong-password' },
      { email: 'nobody@example.com', password: 'right-password' },
    ]) {
      const res = await login(body);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses missing, forged, expired and alg=none tokens', async () => {
    const { user } = await createAccount(t);
    const now = Math.floor(Date.now() / 1000);
    const forged = createSigner({ key: 'another-secret-another-secret-123456' })({ sub: user.id });
    const expired = createSigner({ key: 'test-jwt-secret-that-is-long-enough-0123456789' })({
      sub: user.id,
      iat: now - 7200,
      exp: now - 3600,
    });
    const none = createSigner({ algorithm: 'none' })({ sub: user.id });
    for (const token of [undefined, 'garbage', forged, expired, none]) {
      const res = await t.app.inject({
        url: '/api/me',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(res.statusCode, String(token)).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('roles', () => {
  it('lets an admin grant roles and ЦНАП locations, audited, and takes effect at once', async () => {
    const admin = await createAccount(t, ['admin']);
    const target = await createAccount(t);
    const loc = await t.app.inject({
      method: 'POST',
      url: '/api/cnap-locations',
      headers: admin.auth,
      payload: { name: 'ЦНАП Центр', address: 'вул. Незалежності, 9' },
    });
    expect(loc.statusCode).toBe(201);
    const locationId = loc.json().location.id;

    // Before: the resident cannot list locations (staff only).
    expect((await t.app.inject({ url: '/api/cnap-locations', headers: target.auth })).statusCode).toBe(403);

    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${target.user.id}/roles`,
      headers: admin.auth,
      payload: { roles: ['operator'], cnapLocationIds: [locationId] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ roles: ['resident', 'operator'], cnapLocationIds: [locationId] });
    // Same token, new role: works now.
    expect((await t.app.inject({ url: '/api/cnap-locations', headers: target.auth })).statusCode).toBe(200);

    const audit = await t.app.inject({
      url: `/api/admin/audit?entity=user&entityId=${target.user.id}`,
      headers: admin.auth,
    });
    expect(audit.json().entries[0]).toMatchObject({ action: 'user.roles', actorId: admin.user.id });

    // Revoked: stops working at once with the same token.
    await t.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${target.user.id}/roles`,
      headers: admin.auth,
      payload: { roles: [] },
    });
    expect((await t.app.inject({ url: '/api/cnap-locations', headers: target.auth })).statusCode).toBe(403);
  });

  it('refuses role changes by non-admins, unknown users and unknown locations', async () => {
    const admin = await createAccount(t, ['admin']);
    const reviewer = await createAccount(t, ['reviewer']);
    const target = await createAccount(t);
    const put = (headers: object, id: number, payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/admin/users/${id}/roles`,
        headers: headers as never,
        payload,
      });
    expect((await put(reviewer.auth, target.user.id, { roles: ['admin'] })).statusCode).toBe(403);
    expect((await put({}, target.user.id, { roles: ['admin'] })).statusCode).toBe(401);
    expect((await put(admin.auth, 999_999, { roles: ['reviewer'] })).statusCode).toBe(404);
    const bad = await put(admin.auth, target.user.id, { roles: ['operator'], cnapLocationIds: [424242] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.cnapLocationIds');
    const self = await put(admin.auth, admin.user.id, { roles: [] });
    expect(self.statusCode).toBe(400);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED after too many logins from one address', async () => {
    const limited = await buildTestApp({ rateLimits: true });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'a@b.co', password: 'whatever1' },
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      expect(codes.at(-1)).toBe(429);
      const last = await limited.app.inject({ method: 'POST', url: '/api/auth/register', payload: {} });
      expect([400, 429]).toContain(last.statusCode);
      // Votes are limited per caller, not per address: another voter behind the same IP still votes.
      const a = await createAccount(limited);
      const b = await createAccount(limited);
      const vote = (auth: object) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/editions/999/votes',
          headers: auth as never,
          payload: { projectIds: [1] },
        });
      const first = [];
      for (let i = 0; i < 31; i++) first.push((await vote(a.auth)).statusCode);
      expect(first.slice(0, 30).every((c) => c === 404)).toBe(true);
      expect(first[30]).toBe(429);
      expect((await vote(b.auth)).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

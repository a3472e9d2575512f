import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createSigner } from 'fast-jwt';
import app from '../src/app.js';
import { ensureAdmin } from '../src/bootstrap.js';
import { fastifyOptions } from '../src/fastify-options.js';
import { buildTestApp, createAccount, FACTORY_PASSWORD, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createVerifiedResident } from './factories/voting.js';

const SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

let t: TestApp;
let ed: VotingEdition;
beforeAll(async () => {
  t = await buildTestApp();
  ed = await createVotingEdition(t, { authorId: (await createAccount(t)).user.id });
});
afterAll(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (token: string) => t.app.inject({ url: '/api/me', headers: bearer(token) });
const login = async (email: string, password = FACTORY_PASSWORD) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
};
const logout = (token: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
const changePassword = (token: string, currentPassword: string, newPassword: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/me/password',
    headers: bearer(token),
    payload: { currentPassword, newPassword },
  });
const vote = (token: string, projectId: number) =>
  t.app.inject({
    method: 'POST',
    url: `/api/editions/${ed.editionId}/votes`,
    headers: bearer(token),
    payload: { projectIds: [projectId] },
  });

describe('POST /api/auth/logout', () => {
  it('refuses that token from then on, everywhere, and leaves the account’s other tokens alive', async () => {
    const resident = await createVerifiedResident(t);
    const a = await login(resident.email);
    const b = await login(resident.email);
    expect((await me(a)).statusCode).toBe(200);

    const out = await logout(a);
    expect(out.statusCode, out.body).toBe(204);
    expect(out.body).toBe('');

    const after = await me(a);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    // The vote route checks the session inside its own statement: refused there too, nothing stored.
    const refused = await vote(a, ed.categories[0]!.projectIds[0]!);
    expect(refused.statusCode, refused.body).toBe(401);
    const mine = await t.app.inject({
      url: `/api/editions/${ed.editionId}/my-votes`,
      headers: bearer(b),
    });
    expect(mine.json().votes).toEqual([]);
    // A signed-out token on a public page is a visitor, not an error.
    expect((await t.app.inject({ url: '/api/editions', headers: bearer(a) })).statusCode).toBe(200);
    // Signing out twice is refused like any dead token.
    expect((await logout(a)).statusCode).toBe(401);

    expect((await me(b)).statusCode).toBe(200);
    expect((await vote(b, ed.categories[0]!.projectIds[0]!)).statusCode).toBe(201);
  });

  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(401);
  });

  it('is seen by another API process on the same database (the state is not in memory)', async () => {
    const other = Fastify(fastifyOptions('silent'));
    await other.register(app, {
      database: t.database,
      jwtSecret: SECRET,
      voterKeySecret: 'test-voter-key-secret-long-enough-0123456789',
      rateLimits: false,
    });
    await other.ready();
    try {
      const account = await createAccount(t);
      const token = await login(account.email);
      expect((await other.inject({ url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
      expect((await logout(token)).statusCode).toBe(204);
      expect((await other.inject({ url: '/api/me', headers: bearer(token) })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('POST /api/me/password', () => {
  it('refuses a wrong current password naming the field, and changes nothing', async () => {
    const account = await createAccount(t);
    const token = await login(account.email);
    const res = await changePassword(token, 'not-the-password', 'a-brand-new-password');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([
      { field: 'body.currentPassword', message: expect.stringMatching(/пароль/i) },
    ]);
    expect((await me(token)).statusCode).toBe(200);
    await login(account.email);
  });

  it('refuses a short new password naming the field', async () => {
    const account = await createAccount(t);
    const token = await login(account.email);
    const res = await changePassword(token, FACTORY_PASSWORD, 'short');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.newPassword');
    expect((await me(token)).statusCode).toBe(200);
  });

  it('changes the password and refuses every token issued before it', async () => {
    const resident = await createVerifiedResident(t);
    const a = await login(resident.email);
    const b = await login(resident.email);
    const res = await changePassword(a, FACTORY_PASSWORD, 'a-brand-new-password');
    expect(res.statusCode, res.body).toBe(200);
    // The session that made the change goes on with the token it was given, and only with it.
    const kept = res.json().token as string;
    expect((await me(kept)).statusCode).toBe(200);

    for (const token of [a, b, resident.token]) {
      expect((await me(token)).statusCode).toBe(401);
      expect((await vote(token, ed.categories[1]!.projectIds[0]!)).statusCode).toBe(401);
    }
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: resident.email, password: FACTORY_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await login(resident.email, 'a-brand-new-password');
    expect((await me(fresh)).statusCode).toBe(200);
    expect((await me(kept)).statusCode).toBe(200);
    expect((await vote(fresh, ed.categories[1]!.projectIds[0]!)).statusCode).toBe(201);

    const audit = await t.app.inject({
      url: `/api/admin/audit?entity=user&entityId=${resident.user.id}`,
      headers: (await createAccount(t, ['admin'])).auth,
    });
    expect(audit.json().entries.map((e: { action: string }) => e.action)).toContain('user.password');
  });
});

describe('token claims', () => {
  it('refuses a token without exp, without a session version or without an id', async () => {
    const account = await createAccount(t);
    const sign = createSigner({ key: SECRET, algorithm: 'HS256' });
    const signExp = createSigner({ key: SECRET, algorithm: 'HS256', expiresIn: 3_600_000 });
    const tokens = {
      noExp: sign({ sub: account.user.id, sv: 1, jti: randomUUID() }),
      noVersion: signExp({ sub: account.user.id, jti: randomUUID() }),
      noId: signExp({ sub: account.user.id, sv: 1 }),
      badId: signExp({ sub: account.user.id, sv: 1, jti: 'not-a-uuid' }),
      oldVersion: signExp({ sub: account.user.id, sv: 0, jti: randomUUID() }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await me(token);
      expect(res.statusCode, name).toBe(401);
    }
    // The same claims, complete, are accepted: the refusals above are about what is missing.
    expect((await me(signExp({ sub: account.user.id, sv: 1, jti: randomUUID() }))).statusCode).toBe(200);
  });
});

describe('ADMIN_PASSWORD at start', () => {
  it('ends the admin’s sessions when it resets the password, not when it is unchanged', async () => {
    const email = `boot-admin-${randomUUID().slice(0, 8)}@test.local`;
    await ensureAdmin(t.database, email, 'first-password-1');
    const before = await login(email, 'first-password-1');
    await ensureAdmin(t.database, email, 'first-password-1');
    expect((await me(before)).statusCode).toBe(200);

    await ensureAdmin(t.database, email, 'second-password-2');
    expect((await me(before)).statusCode).toBe(401);
    const after = await login(email, 'second-password-2');
    expect((await me(after)).json().user.roles).toContain('admin');
  });
});

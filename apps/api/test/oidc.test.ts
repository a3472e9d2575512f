import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { makeTaxId } from '@bu/shared';
import app, { type AppOptions } from '../src/app.js';
import { queryRows } from '../src/db/client.js';
import { fastifyOptions } from '../src/fastify-options.js';
import { Writable } from 'node:stream';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { identityService } from '../src/modules/voting/identity.service.js';
import { addressHashHex } from '../src/modules/signals/signals.repository.js';
import { createVotingEdition } from './factories/projects.js';
import { freePort, TEST_SECRETS } from '@bu/testkit';
import { CookieFetch, formAction } from './support/browser-like.js';
import { startOidcProvider, type TestOidcProvider } from './support/oidc-provider.js';

/**
 * Sign-in through OpenID Connect (docs/identity.md) against a real provider (oidc-provider) and
 * a real listening API, followed hop by hop over HTTP as a browser would.
 */
const TAX = {
  olena: makeTaxId('1988-02-29', 4711),
  taras: makeTaxId('1961-03-09', 1814),
  linked: makeTaxId('1979-11-30', 2020),
  idToken: makeTaxId('1993-06-15', 1111),
  victim: makeTaxId('1984-07-21', 3131),
  victimLinks: makeTaxId('1990-12-01', 4242),
  own: makeTaxId('1975-05-05', 5151),
  second: makeTaxId('1966-10-10', 6161),
  fresh: makeTaxId('2001-01-01', 7171),
};
const bad = TAX.olena.slice(0, 9) + ((Number(TAX.olena[9]) + 1) % 10);

const accounts = {
  olena: { name: 'Олена Пчілка', drfocode: TAX.olena },
  taras: { name: 'Тарас Шевченко', drfocode: TAX.taras },
  linked: { name: 'Леся Українка', drfocode: TAX.linked },
  noNumber: { name: 'Без Номера' },
  badNumber: { name: 'Хибний Номер', drfocode: bad },
  numericNumber: { name: 'Число Замість Рядка', drfocode: Number(TAX.taras) },
  noName: { drfocode: makeTaxId('1970-01-02', 5) },
  inIdToken: { name: 'Номер У Токені' },
  victim: { name: 'Справжня Особа', drfocode: TAX.victim },
  victimLinks: { name: 'Справжня Особа Друга', drfocode: TAX.victimLinks },
  own: { name: 'Сам Собі Вказав', drfocode: TAX.own },
  second: { name: 'Другий Номер', drfocode: TAX.second },
  fresh: { name: 'Нова Реєстрація', drfocode: TAX.fresh },
};

let t: TestApp;
let idp: TestOidcProvider;
let api: string;
const logs: Record<string, unknown>[] = [];
/** The staff-facing lines of refused sign-ins, oldest first. */
const logged = () =>
  logs.filter((l) => l.msg === 'identity sign-in refused') as { code: string; reason: string }[];

beforeAll(async () => {
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider(accounts, [`${api}/api/auth/oidc/callback`]);
  const logStream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  t = await buildTestApp(
    {
      identityMode: 'oidc',
      publicUrl: api,
      identityProvider: oidcConfig(),
      identityLimits: { timeoutMs: 1500 },
    },
    { logStream },
  );
  await t.app.listen({ port, host: '127.0.0.1' });
  // A migrated database, a provider with RSA keys and a listening API: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

/** Another instance of the app on the same database: another process behind the load balancer. */
async function sameDatabaseApp(opts: Partial<AppOptions>) {
  const other = Fastify(fastifyOptions('silent'));
  await other.register(app, {
    database: t.database,
    jwtSecret: 'test-jwt-secret-that-is-long-enough-0123456789',
    voterKeySecret: 'test-voter-key-secret-long-enough-0123456789',
    rateLimits: false,
    ...opts,
  });
  await other.ready();
  return other;
}

const oidcConfig = () => ({
  kind: 'oidc' as const,
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  scope: 'openid profile',
  taxIdClaim: 'drfocode',
});

const isCallback = (u: URL) => u.pathname === '/api/auth/oidc/callback';

/** From the API's start to the provider's redirect back (not yet followed), logging in as `account`. */
async function toCallback(
  b: CookieFetch,
  account: string,
  o: { returnTo?: string; token?: string; base?: string } = {},
): Promise<URL> {
  const base = o.base ?? api;
  let first: URL;
  if (o.token) {
    const res = await b.fetch(`${base}/api/auth/oidc/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(o.returnTo ? { returnTo: o.returnTo } : {}),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    first = new URL(((await res.json()) as { url: string }).url);
  } else {
    const res = await b.fetch(
      `${base}/api/auth/oidc/start${o.returnTo ? `?returnTo=${encodeURIComponent(o.returnTo)}` : ''}`,
    );
    expect(res.status).toBe(302);
    first = new URL(res.headers.get('location')!);
  }
  expect(first.origin).toBe(idp.issuer);
  let step = await b.follow(first, isCallback);
  // The provider's own pages: login (any password), then consent.
  for (let pages = 0; step.res && pages < 3; pages++) {
    const html = await step.res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? 'consent';
    const form = new URLSearchParams({
      prompt,
      ...(prompt === 'login' ? { login: account, password: 'x' } : {}),
    });
    const res = await b.fetch(formAction(html, step.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    step = await b.follow(new URL(res.headers.get('location')!, step.url), isCallback);
  }
  expect(isCallback(step.url), step.url.href).toBe(true);
  return step.url;
}

/** Follows the callback; returns where the API sent the person (its /auth/complete page). */
async function finish(b: CookieFetch, callback: URL) {
  const res = await b.fetch(callback);
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location')!);
  expect(to.origin + to.pathname).toBe(`${api}/auth/complete`);
  return to.searchParams;
}

const redeem = (ticket: string) =>
  fetch(`${api}/api/auth/oidc/ticket`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ticket }),
  });

async function signIn(account: string, o: { returnTo?: string; token?: string } = {}) {
  const b = new CookieFetch();
  const q = await finish(b, await toCallback(b, account, o));
  expect(q.get('error')).toBeNull();
  const res = await redeem(q.get('ticket')!);
  expect(res.status).toBe(200);
  return {
    ...((await res.json()) as { token: string; user: Record<string, any> }),
    returnTo: q.get('returnTo'),
  };
}

async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    t.database.db,
    sql`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM voters) AS voters,
               (SELECT count(*)::int FROM auth_tickets) AS tickets,
               (SELECT count(*)::int FROM audit_log) AS audit`,
  );
  return row!;
}

/** A refused sign-in: the error code on the redirect, and no account, person, ticket or audit entry. */
async function expectRefused(run: () => Promise<URLSearchParams>, code: string) {
  const before = await counts();
  const q = await run();
  expect(q.get('error')).toBe(code);
  expect(q.get('ticket')).toBeNull();
  expect(await counts()).toEqual(before);
}

describe('OpenID Connect sign-in against a real provider', () => {
  it('creates the account at the first sign-in, verified, with the name from the provider', async () => {
    const s = await signIn('olena', { returnTo: '/editions/1/vote' });
    expect(s.returnTo).toBe('/editions/1/vote');
    expect(s.user).toMatchObject({
      email: null,
      fullName: 'Олена Пчілка',
      roles: ['resident'],
      identity: { verified: true, method: 'oidc', birthDate: '1988-02-29' },
    });
    const me = await fetch(`${api}/api/me`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(((await me.json()) as { user: { id: number } }).user.id).toBe(s.user.id);
    // Stored: the keyed hash, the birth date, the provider; never the number.
    const [row] = await queryRows<{ provider: string; dump: string; pw: string }>(
      t.database.db,
      sql`SELECT vr.provider, u.password_hash AS pw,
                 row_to_json(vr)::text || row_to_json(u)::text AS dump
          FROM users u JOIN voters vr ON vr.id = u.voter_id WHERE u.id = ${s.user.id}`,
    );
    expect(row).toMatchObject({ provider: 'oidc', pw: '!' });
    expect(row!.dump).not.toContain(TAX.olena);
    const everywhere = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE data::text LIKE ${'%' + TAX.olena + '%'}`,
    );
    expect(everywhere[0]!.n).toBe(0);
    const audit = await queryRows<{ data: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT data FROM audit_log WHERE action = 'identity.oidc' AND entity_id = ${String(s.user.id)}`,
    );
    expect(audit[0]!.data).toMatchObject({ provider: 'oidc', created: true });
  });

  it('finds the same account at a later sign-in with the same number, and it can vote', async () => {
    const first = await signIn('taras');
    const again = await signIn('taras');
    expect(again.user.id).toBe(first.user.id);
    const admin = await createAccount(t, ['admin']);
    const ed = await createVotingEdition(t, {
      authorId: admin.user.id,
      categories: [{ name: 'Зелені', maxVotes: 1, projects: 2 }],
    });
    const vote = await fetch(`${api}/api/editions/${ed.editionId}/votes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${again.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ projectIds: [ed.categories[0]!.projectIds[0]] }),
    });
    expect(vote.status, await vote.clone().text()).toBe(201);
  });

  it('counts an account the provider creates as a registration for the shared-address signal', async () => {
    const admin = await createAccount(t, ['admin']);
    await createVotingEdition(t, { authorId: admin.user.id });
    const s = await signIn('fresh');
    const rows = await queryRows<{ hash: string }>(
      t.database.db,
      sql`SELECT encode(address_hash, 'hex') AS hash FROM registration_addresses WHERE user_id = ${s.user.id}`,
    );
    expect(rows).toEqual([{ hash: addressHashHex(TEST_SECRETS.VOTER_KEY_SECRET, '127.0.0.1') }]);
    // A later sign-in is not a registration: still one row.
    await signIn('fresh');
    const [n] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM registration_addresses WHERE user_id = ${s.user.id}`,
    );
    expect(n!.n).toBe(1);
  });

  it('keeps the pending login in the database: a callback served by another API process completes it', async () => {
    const port = await freePort();
    const other = await sameDatabaseApp({
      identityMode: 'oidc',
      publicUrl: api,
      identityProvider: oidcConfig(),
    });
    await other.listen({ port, host: '127.0.0.1' });
    try {
      const b = new CookieFetch();
      const callback = await toCallback(b, 'olena');
      const [pending] = await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM oidc_logins WHERE state = ${callback.searchParams.get('state')}`,
      );
      expect(pending!.n).toBe(1);
      // The load balancer sends the callback to the other process.
      callback.port = String(port);
      const res = await b.fetch(callback);
      const q = new URL(res.headers.get('location')!).searchParams;
      expect(q.get('error')).toBeNull();
      expect((await redeem(q.get('ticket')!)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('a ticket works once, and not after 60 seconds', async () => {
    const b = new CookieFetch();
    const q = await finish(b, await toCallback(b, 'olena'));
    expect((await redeem(q.get('ticket')!)).status).toBe(200);
    const replay = await redeem(q.get('ticket')!);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { message: string } }).error.message).toMatch(/Квиток/);

    const b2 = new CookieFetch();
    const q2 = await finish(b2, await toCallback(b2, 'olena'));
    await t.database.db.execute(sql`UPDATE auth_tickets SET expires_at = now() - interval '1 second'`);
    expect((await redeem(q2.get('ticket')!)).status).toBe(401);
    expect((await redeem('not-a-ticket')).status).toBe(400);
  });

  it('links the provider to a signed-in email account once; a number held elsewhere is IDENTITY_TAKEN', async () => {
    const a = await createAccount(t, [], 'Леся Косач');
    const linked = await signIn('linked', { token: a.token, returnTo: '/my/projects' });
    expect(linked.user).toMatchObject({
      id: a.user.id,
      email: a.email,
      fullName: 'Леся Косач',
      identity: { verified: true, method: 'oidc', birthDate: '1979-11-30' },
    });
    // Linking the same person again changes nothing; signing in without a token finds that account.
    expect((await signIn('linked', { token: a.token })).user.id).toBe(a.user.id);
    expect((await signIn('linked')).user.id).toBe(a.user.id);

    const other = await createAccount(t);
    const b = new CookieFetch();
    await expectRefused(
      async () => finish(b, await toCallback(b, 'linked', { token: other.token })),
      'IDENTITY_TAKEN',
    );
    const me = await fetch(`${api}/api/me`, { headers: other.auth });
    expect(((await me.json()) as { user: { identity: { verified: boolean } } }).user.identity.verified).toBe(
      false,
    );
  });

  it('never signs a proven person into an account where someone only typed their number (demo)', async () => {
    // A demo deployment let someone declare the victim's number; the same database now runs oidc.
    const fraud = await createAccount(t, [], 'Шахрай');
    const ids = identityService(t.database.db, TEST_SECRETS.VOTER_KEY_SECRET);
    await ids.verify(fraud.user.id, TAX.victim, 'demo', null);
    const voterBefore = await queryRows<{ id: number; method: string; provider: string | null }>(
      t.database.db,
      sql`SELECT vr.id, vr.method, vr.provider FROM voters vr JOIN users u ON u.voter_id = vr.id
          WHERE u.id = ${fraud.user.id}`,
    );
    const before = await counts();
    const b = new CookieFetch();
    const q = await finish(b, await toCallback(b, 'victim'));
    expect(q.get('error')).toBe('IDENTITY_UNVERIFIED_CLAIM');
    expect(q.get('ticket')).toBeNull();
    // Nothing stored for the person: no account, no person, no ticket; the declared row not upgraded.
    const after = await counts();
    expect({ ...after, audit: before.audit }).toEqual(before);
    const voterAfter = await queryRows<{ id: number; method: string; provider: string | null }>(
      t.database.db,
      sql`SELECT vr.id, vr.method, vr.provider FROM voters vr JOIN users u ON u.voter_id = vr.id
          WHERE u.id = ${fraud.user.id}`,
    );
    expect(voterAfter).toEqual(voterBefore);
    expect(voterAfter[0]!.method).toBe('demo');
    // One entry for staff, naming the declaring account, never the number.
    expect(after.audit).toBe(before.audit! + 1);
    const [entry] = await queryRows<{ action: string; entity: string; entity_id: string; data: string }>(
      t.database.db,
      sql`SELECT action, entity, entity_id, data::text AS data FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({
      action: 'identity_claim.disputed',
      entity: 'user',
      entity_id: String(fraud.user.id),
    });
    expect(entry!.data).not.toContain(TAX.victim);
    expect(logged().find((l) => l.code === 'IDENTITY_UNVERIFIED_CLAIM')?.reason).toMatch(
      new RegExp(`self-declared .* account ${fraud.user.id}\\b`),
    );

    // Linking a signed-in email account to that number is refused the same way.
    const honest = await createAccount(t, [], 'Справжня Особа');
    const fraud2 = await createAccount(t, [], 'Шахрай Другий');
    await ids.verify(fraud2.user.id, TAX.victimLinks, 'demo', null);
    const b2 = new CookieFetch();
    const before2 = await counts();
    const q2 = await finish(b2, await toCallback(b2, 'victimLinks', { token: honest.token }));
    expect(q2.get('error')).toBe('IDENTITY_UNVERIFIED_CLAIM');
    expect({ ...(await counts()), audit: before2.audit }).toEqual(before2);
    const me = await fetch(`${api}/api/me`, { headers: honest.auth });
    expect(((await me.json()) as { user: { identity: { verified: boolean } } }).user.identity.verified).toBe(
      false,
    );
  });

  it('lets the account that declared a number prove it through the provider', async () => {
    const a = await createAccount(t, [], 'Сам Собі Вказав');
    await identityService(t.database.db, TEST_SECRETS.VOTER_KEY_SECRET).verify(
      a.user.id,
      TAX.own,
      'demo',
      null,
    );
    const s = await signIn('own', { token: a.token });
    expect(s.user).toMatchObject({ id: a.user.id, identity: { verified: true, method: 'oidc' } });
    // Proven now: a later sign-in without a token reaches it.
    expect((await signIn('own')).user.id).toBe(a.user.id);
  });

  it('refuses to link a second number to an account verified with another, storing nothing', async () => {
    const a = await createAccount(t, [], 'Леся Косач');
    await signIn('second', { token: a.token });
    const b = new CookieFetch();
    await expectRefused(async () => finish(b, await toCallback(b, 'taras', { token: a.token })), 'CONFLICT');
    expect(logged().at(-1)).toMatchObject({
      code: 'CONFLICT',
      reason: `account ${a.user.id}: already verified with another number`,
    });
    const me = await fetch(`${api}/api/me`, { headers: a.auth });
    expect(((await me.json()) as { user: { identity: { birthDate: string } } }).user.identity.birthDate).toBe(
      '1966-10-10',
    );
  });

  it('refuses a wrong or missing state, a callback in another browser, and a replayed code', async () => {
    const b = new CookieFetch();
    const callback = await toCallback(b, 'olena');
    const wrong = new URL(callback);
    wrong.searchParams.set('state', 'x'.repeat(43));
    await expectRefused(() => finish(b, wrong), 'LOGIN_EXPIRED');
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    await expectRefused(() => finish(b, missing), 'LOGIN_EXPIRED');

    // Login CSRF: someone else's callback URL, opened in this browser (no binding cookie).
    await expectRefused(() => finish(new CookieFetch(), callback), 'LOGIN_EXPIRED');

    const b2 = new CookieFetch();
    const good = await toCallback(b2, 'olena');
    expect((await finish(b2, good)).get('ticket')).toBeTruthy();
    await expectRefused(() => finish(b2, good), 'LOGIN_EXPIRED');
  });

  it('leaves a replayed code to the provider, which refuses it, past a fresh state of ours', async () => {
    const b = new CookieFetch();
    const used = await toCallback(b, 'olena');
    const [pending] = await queryRows<{ v: string }>(
      t.database.db,
      sql`SELECT code_verifier AS v FROM oidc_logins WHERE state = ${used.searchParams.get('state')}`,
    );
    expect((await finish(b, used)).get('ticket')).toBeTruthy();

    /** A fresh pending login in this browser, and the callback carrying the used code with its state. */
    async function replayWithFreshState() {
      const res = await b.fetch(`${api}/api/auth/oidc/start`);
      const state = new URL(res.headers.get('location')!).searchParams.get('state')!;
      const replay = new URL(used);
      replay.searchParams.set('state', state);
      return { state, replay };
    }

    // As an attacker would: a fresh state, the used code. PKCE (a new verifier) stops it at the provider.
    const plain = await replayWithFreshState();
    idp.grantErrors.length = 0;
    let seen = logged().length;
    await expectRefused(() => finish(b, plain.replay), 'PROVIDER_ERROR');
    expect(idp.grantErrors).toEqual(['code_verifier does not match code_challenge']);
    expect(logged().slice(seen)).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/invalid_grant/) }),
    ]);

    // Even with the first login's verifier (as if it had leaked), the provider's own rule remains:
    // a code is exchanged once.
    const withVerifier = await replayWithFreshState();
    await t.database.db.execute(
      sql`UPDATE oidc_logins SET code_verifier = ${pending!.v} WHERE state = ${withVerifier.state}`,
    );
    idp.grantErrors.length = 0;
    seen = logged().length;
    await expectRefused(() => finish(b, withVerifier.replay), 'PROVIDER_ERROR');
    expect(idp.grantErrors).toEqual(['authorization code already consumed']);
    expect(logged().slice(seen)).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/invalid_grant/) }),
    ]);
  });

  it('refuses an answer past the size limit, declared or streamed, storing nothing', async () => {
    const big = 300 * 1024;
    for (const [path, declared, why] of [
      ['/token', true, new RegExp(`/token: answer of \\d+ bytes \\(limit ${256 * 1024}\\)`)],
      ['/token', false, new RegExp(`/token: answer over ${256 * 1024} bytes`)],
      ['/me', true, new RegExp(`/me: answer of \\d+ bytes`)],
      ['/me', false, new RegExp(`/me: answer over ${256 * 1024} bytes`)],
    ] as const) {
      const b = new CookieFetch();
      const callback = await toCallback(b, 'olena');
      idp.behaviour = { kind: 'oversized', path, bytes: big, declared };
      const seen = logged().length;
      try {
        await expectRefused(() => finish(b, callback), 'PROVIDER_ERROR');
      } finally {
        idp.behaviour = { kind: 'normal' };
      }
      expect(logged().slice(seen), `${path} ${declared}`).toEqual([
        expect.objectContaining({ code: 'PROVIDER_ERROR', reason: expect.stringMatching(why) }),
      ]);
    }
  });

  it('refuses an id token for another audience, an expired one, and one signed with another key', async () => {
    const cases = [
      {
        why: /"aud" \(audience\)/,
        claims: (c: Record<string, unknown>) => ({ ...c, aud: 'another-client' }),
      },
      {
        why: /"exp" \(expiration time\).*past/,
        claims: (c: Record<string, unknown>) => ({
          ...c,
          iat: Math.floor(Date.now() / 1000) - 7200,
          exp: Math.floor(Date.now() / 1000) - 3600,
        }),
      },
      { why: /signature verification failed/, claims: (c: Record<string, unknown>) => c, foreignKey: true },
      {
        why: /"iss" \(issuer\)/,
        claims: (c: Record<string, unknown>) => ({ ...c, iss: 'https://someone-else.example' }),
      },
    ];
    try {
      for (const { why, ...c } of cases) {
        const b = new CookieFetch();
        const callback = await toCallback(b, 'olena');
        idp.behaviour = { kind: 'tamper', ...c };
        const seen = logged().length;
        await expectRefused(() => finish(b, callback), 'PROVIDER_ERROR');
        idp.behaviour = { kind: 'normal' };
        // Staff read exactly what was wrong with the token, not just "provider error".
        const lines = logged().slice(seen);
        expect(lines).toHaveLength(1);
        expect(lines[0]!.reason).toMatch(why);
      }
    } finally {
      idp.behaviour = { kind: 'normal' };
    }
  });

  it('reads the number from the signed id token when the provider puts it there', async () => {
    const b = new CookieFetch();
    const callback = await toCallback(b, 'inIdToken');
    idp.behaviour = { kind: 'tamper', claims: (c) => ({ ...c, drfocode: TAX.idToken }) };
    try {
      const q = await finish(b, callback);
      const res = await redeem(q.get('ticket')!);
      const { user } = (await res.json()) as { user: { identity: { birthDate: string } } };
      expect(user.identity.birthDate).toBe('1993-06-15');
    } finally {
      idp.behaviour = { kind: 'normal' };
    }
  });

  it('refuses a missing or invalid tax-number claim and a missing name, storing nothing', async () => {
    for (const [account, code] of [
      ['noNumber', 'TAX_ID_MISSING'],
      ['badNumber', 'TAX_ID_INVALID'],
      ['numericNumber', 'TAX_ID_INVALID'],
      ['noName', 'NAME_MISSING'],
    ] as const) {
      const b = new CookieFetch();
      await expectRefused(async () => finish(b, await toCallback(b, account)), code);
    }
  });

  it('tells the person the provider is down or too slow, with a page, not a 500', async () => {
    for (const behaviour of [{ kind: 'down' }, { kind: 'slow', ms: 3000 }] as const) {
      const b = new CookieFetch();
      const callback = await toCallback(b, 'olena');
      idp.behaviour = behaviour;
      try {
        await expectRefused(() => finish(b, callback), 'PROVIDER_UNAVAILABLE');
      } finally {
        idp.behaviour = { kind: 'normal' };
      }
    }
  });

  it('says so when the person cancels at the provider', async () => {
    const b = new CookieFetch();
    const res = await b.fetch(`${api}/api/auth/oidc/start`);
    const page = await b.follow(new URL(res.headers.get('location')!), isCallback);
    const uid = /\/interaction\/([^/?#]+)/.exec(page.url.pathname)![1];
    const abort = await b.follow(new URL(`/interaction/${uid}/abort`, idp.issuer), isCallback);
    await expectRefused(() => finish(b, abort.url), 'ACCESS_DENIED');
  });

  it('refuses a returnTo that is not a path of this site', async () => {
    for (const returnTo of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const res = await fetch(`${api}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, {
        redirect: 'manual',
      });
      expect(res.status, returnTo).toBe(400);
      expect(
        ((await res.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field,
      ).toBe('querystring.returnTo');
    }
  });

  it('publishes which provider is configured, and nothing secret', async () => {
    const res = await fetch(`${api}/api/config`);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ identity: { mode: 'oidc', provider: 'oidc' } });
    expect(text).not.toContain(idp.clientSecret);
  });
});

describe('OpenID Connect: a provider that cannot be reached, and a deployment without one', () => {
  it('sends the person to a page that says the provider is down when discovery fails', async () => {
    const dead = await freePort();
    const o = await sameDatabaseApp({
      identityMode: 'oidc',
      publicUrl: 'http://127.0.0.1:1',
      identityProvider: {
        kind: 'oidc',
        issuer: `http://127.0.0.1:${dead}`,
        clientId: 'x',
        clientSecret: 'y',
        scope: 'openid',
        taxIdClaim: 'drfocode',
      },
    });
    try {
      const res = await o.inject({ url: '/api/auth/oidc/start?returnTo=/x' });
      expect(res.statusCode).toBe(302);
      const to = new URL(res.headers.location as string);
      expect(to.pathname).toBe('/auth/complete');
      expect(to.searchParams.get('error')).toBe('PROVIDER_UNAVAILABLE');
      expect(to.searchParams.get('returnTo')).toBe('/x');
    } finally {
      await o.close();
    }
  });

  it('answers 404 in demo mode, and the config says demo', async () => {
    const o = await sameDatabaseApp({ identityMode: 'demo', identityProvider: oidcConfig() });
    try {
      expect((await o.inject({ url: '/api/auth/oidc/start' })).statusCode).toBe(404);
      const ticket = await o.inject({
        method: 'POST',
        url: '/api/auth/oidc/ticket',
        payload: { ticket: 'a'.repeat(43) },
      });
      expect(ticket.statusCode).toBe(404);
      expect((await o.inject({ url: '/api/config' })).json()).toEqual({
        identity: { mode: 'demo', provider: null },
      });
    } finally {
      await o.close();
    }
  });
});

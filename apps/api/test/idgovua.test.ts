import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { makeTaxId } from '@bu/shared';
import app from '../src/app.js';
import { queryRows } from '../src/db/client.js';
import { fastifyOptions } from '../src/fastify-options.js';
import { createTestDatabase } from './helpers.js';
import { freePort } from '@bu/testkit';
import { CookieFetch } from './support/browser-like.js';
import { startFakeIdGovUa, type FakeIdGovUa } from './support/idgovua-fake.js';

/**
 * id.gov.ua's own OAuth 2.0 protocol (docs/identity.md) against a local server that follows it,
 * over real HTTP; every kind of hostile answer ends in a clear code for the person, a logged
 * reason for staff, and nothing stored.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: FastifyInstance;
let idgov: FakeIdGovUa;
let api: string;
const logs: Record<string, unknown>[] = [];

const TAX = makeTaxId('1964-05-22', 3141);
const person = (over: Record<string, unknown> = {}) => ({
  body: {
    drfocode: TAX,
    lastname: 'Шевченко',
    givenname: 'Тарас',
    middlename: 'Григорович',
    ...over,
  },
});

beforeAll(async () => {
  idgov = await startFakeIdGovUa();
  database = await createTestDatabase();
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  server = Fastify({ ...fastifyOptions('warn'), logger: { level: 'warn', stream } });
  await server.register(app, {
    database,
    jwtSecret: 'test-jwt-secret-that-is-long-enough-0123456789',
    voterKeySecret: 'test-voter-key-secret-long-enough-0123456789',
    rateLimits: false,
    identityMode: 'oidc',
    publicUrl: api,
    identityProvider: {
      kind: 'idgovua',
      url: idgov.url,
      clientId: idgov.clientId,
      clientSecret: idgov.clientSecret,
      authTypes: 'dig_sign,bank_id,diia_id',
    },
    identityLimits: { timeoutMs: 1000, maxBytes: 64 * 1024 },
  });
  await server.listen({ port, host: '127.0.0.1' });
  // A migrated database, the fake id.gov.ua and a listening API: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await server?.close();
  await database?.dispose();
  await idgov?.close();
});

/** Start → id.gov.ua's authorize page → back to the callback → where the API sends the person. */
async function signIn(returnTo = '/') {
  const b = new CookieFetch();
  const { url } = await b.follow(
    `${api}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`,
    (u) => u.pathname === '/auth/complete',
  );
  return url.searchParams;
}

async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    database.db,
    sql`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM voters) AS voters,
               (SELECT count(*)::int FROM auth_tickets) AS tickets`,
  );
  return row!;
}

describe('id.gov.ua sign-in', () => {
  it('follows the protocol and creates the verified account with the name and auth_type', async () => {
    idgov.userInfo = person();
    idgov.requests.length = 0;
    const q = await signIn('/editions/3/vote');
    expect(q.get('error')).toBeNull();
    expect(q.get('returnTo')).toBe('/editions/3/vote');

    const [authorize, token, info] = idgov.requests;
    expect(authorize!.path).toBe('/');
    expect(Object.fromEntries(authorize!.query)).toMatchObject({
      response_type: 'code',
      client_id: idgov.clientId,
      auth_type: 'dig_sign,bank_id,diia_id',
      redirect_uri: `${api}/api/auth/oidc/callback`,
    });
    expect(authorize!.query.get('state')).toMatch(/^[\w-]{43}$/);
    // As id.gov.ua's instruction has it: GET, every parameter in the query string, no body.
    expect(token).toMatchObject({ method: 'GET', path: '/get-access-token', body: '' });
    expect(Object.fromEntries(token!.query)).toEqual({
      grant_type: 'authorization_code',
      client_id: idgov.clientId,
      client_secret: idgov.clientSecret,
      code: expect.stringMatching(/^code-\d+$/),
    });
    expect(info).toMatchObject({ method: 'GET', path: '/get-user-info', body: '' });
    expect(Object.fromEntries(info!.query)).toEqual({
      access_token: expect.stringMatching(/^at-user-/),
      user_id: expect.stringMatching(/^user-\d+$/),
      fields: 'drfocode,lastname,givenname,middlename,auth_type',
    });

    const res = await fetch(`${api}/api/auth/oidc/ticket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: q.get('ticket') }),
    });
    const { user } = (await res.json()) as { user: Record<string, unknown> };
    expect(user).toMatchObject({
      email: null,
      fullName: 'Шевченко Тарас Григорович',
      identity: { verified: true, method: 'oidc', birthDate: '1964-05-22' },
    });
    const [row] = await queryRows<{ provider: string; auth_type: string; dump: string }>(
      database.db,
      sql`SELECT vr.provider, vr.auth_type, row_to_json(vr)::text AS dump
          FROM users u JOIN voters vr ON vr.id = u.voter_id WHERE u.id = ${user.id as number}`,
    );
    expect(row).toMatchObject({ provider: 'idgovua', auth_type: 'diia_id' });
    expect(row!.dump).not.toContain(TAX);

    // A later sign-in of the same person finds the same account.
    const again = await signIn();
    const res2 = await fetch(`${api}/api/auth/oidc/ticket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: again.get('ticket') }),
    });
    expect(((await res2.json()) as { user: { id: number } }).user.id).toBe(user.id);
  });

  const hostile: [string, () => void, string, RegExp][] = [
    [
      'no drfocode',
      () => (idgov.userInfo = person({ drfocode: undefined })),
      'TAX_ID_MISSING',
      /no taxpayer/,
    ],
    [
      'drfocode as a number',
      () => (idgov.userInfo = person({ drfocode: 1234567890 })),
      'TAX_ID_INVALID',
      /type number/,
    ],
    [
      'a wrong check digit',
      () => (idgov.userInfo = person({ drfocode: TAX.slice(0, 9) + ((Number(TAX[9]) + 1) % 10) })),
      'TAX_ID_INVALID',
      /контрольна цифра/,
    ],
    [
      'no name at all (new account)',
      () =>
        (idgov.userInfo = person({
          drfocode: makeTaxId('1990-01-01', 77),
          lastname: null,
          givenname: 5,
          middlename: undefined,
        })),
      'NAME_MISSING',
      /no usable name/,
    ],
    [
      'a name with markup',
      () =>
        (idgov.userInfo = person({
          drfocode: makeTaxId('1990-01-02', 78),
          lastname: '<script>',
          givenname: '',
          middlename: '',
        })),
      'NAME_MISSING',
      /no usable name/,
    ],
    [
      'a token answer without access_token',
      () => (idgov.token = { body: { user_id: 'u' } }),
      'PROVIDER_ERROR',
      /no access_token/,
    ],
    [
      'user_id of the wrong type',
      () => (idgov.token = { body: { access_token: 'at-x', user_id: 42 } }),
      'PROVIDER_ERROR',
      /user_id/,
    ],
    [
      'an error answer',
      () => (idgov.token = { status: 400, body: { error: 'invalid_grant' } }),
      'PROVIDER_ERROR',
      /invalid_grant/,
    ],
    [
      'a server error',
      () => (idgov.token = { status: 503, body: { error: 'maintenance' } }),
      'PROVIDER_UNAVAILABLE',
      /503/,
    ],
    [
      'an answer that is not JSON',
      () => (idgov.userInfo = { body: '<html>oops</html>' }),
      'PROVIDER_ERROR',
      /not JSON/,
    ],
    ['a JSON array', () => (idgov.userInfo = { body: [1, 2] }), 'PROVIDER_ERROR', /not an object/],
    [
      'an oversized answer with its length declared',
      () => (idgov.userInfo = person({ lastname: 'Ш'.repeat(300_000) })),
      'PROVIDER_ERROR',
      /^\/get-user-info: answer of \d+ bytes \(limit 65536\)$/,
    ],
    [
      'an oversized answer streamed without a length',
      () => (idgov.userInfo = { ...person({ lastname: 'Ш'.repeat(300_000) }), chunked: true }),
      'PROVIDER_ERROR',
      /^\/get-user-info: answer over 65536 bytes$/,
    ],
    [
      'an oversized token answer',
      () => (idgov.token = { body: { access_token: 'x'.repeat(100_000), user_id: 'u' } }),
      'PROVIDER_ERROR',
      /^\/get-access-token: answer of \d+ bytes/,
    ],
    [
      'a user-info error answer (the access token was in its URL)',
      () => (idgov.userInfo = { status: 401, body: { error: 'invalid_token' } }),
      'PROVIDER_ERROR',
      /^\/get-user-info: HTTP 401 invalid_token$/,
    ],
    [
      'a token request whose connection drops (the secret was in its URL)',
      () => (idgov.token = { body: {}, drop: true }),
      'PROVIDER_UNAVAILABLE',
      /^\/get-access-token: /,
    ],
    [
      'a user-info request whose connection drops',
      () => (idgov.userInfo = { body: {}, drop: true }),
      'PROVIDER_UNAVAILABLE',
      /^\/get-user-info: /,
    ],
    [
      'a slow answer',
      () => (idgov.userInfo = { ...person(), delayMs: 2500 }),
      'PROVIDER_UNAVAILABLE',
      /in time/,
    ],
  ];

  for (const [what, arrange, code, reason] of hostile) {
    it(`refuses ${what}: ${code}, the reason logged, nothing stored`, async () => {
      idgov.userInfo = person();
      idgov.token = null;
      arrange();
      const before = await counts();
      logs.length = 0;
      try {
        const q = await signIn();
        expect(q.get('error')).toBe(code);
        expect(q.get('ticket')).toBeNull();
      } finally {
        idgov.userInfo = person();
        idgov.token = null;
      }
      expect(await counts()).toEqual(before);
      const entry = logs.find((l) => l.msg === 'identity sign-in refused');
      expect(entry, JSON.stringify(logs)).toMatchObject({ code, provider: 'idgovua' });
      expect(String(entry!.reason)).toMatch(reason);
      // The person's number never reaches the log, nor do the secrets that were in the URLs.
      const all = JSON.stringify(logs);
      expect(all).not.toContain(TAX);
      expect(all).not.toContain(idgov.clientSecret);
      expect(all).not.toMatch(/at-user-|access_token=|client_secret=/);
    });
  }

  it('offers the configured methods, and stores the one id.gov.ua reports', async () => {
    idgov.userInfo = person({ drfocode: makeTaxId('1972-08-24', 91) });
    idgov.authType = 'bank_id';
    try {
      const q = await signIn();
      expect(q.get('error')).toBeNull();
      const res = await fetch(`${api}/api/auth/oidc/ticket`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ticket: q.get('ticket') }),
      });
      const { user } = (await res.json()) as { user: { id: number } };
      const [row] = await queryRows<{ auth_type: string }>(
        database.db,
        sql`SELECT vr.auth_type FROM users u JOIN voters vr ON vr.id = u.voter_id WHERE u.id = ${user.id}`,
      );
      expect(row!.auth_type).toBe('bank_id');

      // A method this city did not ask for is not offered: id.gov.ua sends the person back.
      idgov.authType = 'mobile_id';
      const before = await counts();
      expect((await signIn()).get('error')).toBe('ACCESS_DENIED');
      expect(await counts()).toEqual(before);
    } finally {
      idgov.authType = 'diia_id';
      idgov.userInfo = person();
    }
  });

  it('says so when the person cancels on id.gov.ua', async () => {
    const b = new CookieFetch();
    const start = await b.fetch(`${api}/api/auth/oidc/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const res = await b.fetch(`${api}/api/auth/oidc/callback?error=access_denied&state=${state}`);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('ACCESS_DENIED');
  });
});

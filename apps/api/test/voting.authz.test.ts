import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { RAW_BODIES, expectErrorShape, mutations } from './battery.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, createVerifiedResident, taxIdFor } from './factories/voting.js';

/** The authorization matrix and the bad-input battery for every route of voting. */
let t: TestApp;
let ed: VotingEdition;
let locationId: number;
type Who = 'visitor' | 'resident' | 'verified' | 'reviewer' | 'operator' | 'operator elsewhere' | 'admin';
const auth = {} as Record<Who, Record<string, string>>;
let verifiedTaxId: string;

beforeAll(async () => {
  t = await buildTestApp();
  ed = await createVotingEdition(t, {
    authorId: (await createAccount(t)).user.id,
    categories: [{ name: 'Усе', maxVotes: 10, projects: 10 }],
  });
  locationId = (await createLocation(t)).id;
  const elsewhere = (await createLocation(t)).id;
  auth.visitor = {};
  auth.resident = (await createAccount(t)).auth;
  const verified = await createVerifiedResident(t);
  auth.verified = verified.auth;
  verifiedTaxId = verified.taxId;
  auth.reviewer = (await createAccount(t, ['reviewer'])).auth;
  auth.operator = (await createOperator(t, [locationId])).auth;
  auth['operator elsewhere'] = (await createOperator(t, [elsewhere])).auth;
  auth.admin = (await createAccount(t, ['admin'])).auth;
});
afterAll(() => t.close());

let serial = 0;
const projects = () => ed.categories[0]!.projectIds;
const routes = () => ({
  // A verified account re-declares its own number (a different one is a 409 CONFLICT, tested elsewhere).
  identity: {
    method: 'POST',
    url: '/api/me/identity',
    body: (who?: Who) => ({ taxId: who === 'verified' ? verifiedTaxId : taxIdFor() }),
  },
  verification: {
    method: 'POST',
    url: '/api/cnap/verifications',
    body: async () => ({
      userId: (await createAccount(t)).user.id,
      taxId: taxIdFor(),
      cnapLocationId: locationId,
    }),
  },
  votes: {
    method: 'POST',
    url: `/api/editions/${ed.editionId}/votes`,
    body: () => ({ projectIds: [projects()[0]] }),
  },
  myVotes: { method: 'GET', url: `/api/editions/${ed.editionId}/my-votes`, body: () => undefined },
  ballots: {
    method: 'POST',
    url: `/api/editions/${ed.editionId}/paper-ballots`,
    body: () => ({
      taxId: taxIdFor(),
      fullName: 'Петро Паперовий',
      serial: `M-${++serial}`,
      cnapLocationId: locationId,
      projectIds: [projects()[1]],
    }),
  },
});

//                      visitor resident verified reviewer operator elsewhere admin
const MATRIX: Record<keyof ReturnType<typeof routes>, number[]> = {
  verification: /*  */ [401, 403, 403, 403, 200, 403, 403],
  votes: /*         */ [401, 403, 201, 403, 403, 403, 403],
  myVotes: /*       */ [401, 200, 200, 200, 200, 200, 200],
  ballots: /*       */ [401, 403, 403, 403, 201, 403, 403],
  // Last: declaring a number verifies the account, which would change the rows above.
  identity: /*      */ [401, 200, 200, 200, 200, 200, 200],
};
const WHO: Who[] = ['visitor', 'resident', 'verified', 'reviewer', 'operator', 'operator elsewhere', 'admin'];

describe('authorization matrix', () => {
  it('answers every role as the contract says', async () => {
    const r = routes();
    for (const [name, expected] of Object.entries(MATRIX) as [keyof typeof r, number[]][]) {
      for (const [i, who] of WHO.entries()) {
        const route = r[name];
        const payload = await route.body(who as never);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: route.url,
          headers: auth[who],
          ...(payload ? { payload } : {}),
        });
        expect(res.statusCode, `${name} × ${who}: ${res.body.slice(0, 200)}`).toBe(expected[i]);
        if (res.statusCode >= 400) expectErrorShape(res, `${name} × ${who}`);
        // Staff and residents who are not verified are refused voting for that reason, not by role.
        if (name === 'votes' && res.statusCode === 403) expect(res.json().error.code).toBe('NOT_ELIGIBLE');
      }
    }
  });
});

async function snapshot() {
  const [row] = await queryRows<{ n: string }>(
    t.database.db,
    sql`
    SELECT concat_ws('/', (SELECT count(*) FROM voters), (SELECT count(*) FROM votes), (SELECT coalesce(sum(used), 0) FROM vote_usage),
      (SELECT count(*) FROM paper_ballots), (SELECT count(*) FROM users WHERE voter_id IS NOT NULL), (SELECT count(*) FROM audit_log)) AS n`,
  );
  return row!.n;
}

describe('bad input never yields a 5xx and never stores anything', () => {
  const bodies = async () => {
    const target = (await createAccount(t)).user.id;
    return [
      { name: 'identity', url: '/api/me/identity', headers: auth.resident, base: { taxId: taxIdFor() } },
      {
        name: 'verification',
        url: '/api/cnap/verifications',
        headers: auth.operator,
        base: { userId: target, taxId: taxIdFor(), cnapLocationId: locationId },
      },
      {
        name: 'votes',
        url: `/api/editions/${ed.editionId}/votes`,
        headers: auth.verified,
        base: { projectIds: [projects()[5]] },
      },
      {
        name: 'ballots',
        url: `/api/editions/${ed.editionId}/paper-ballots`,
        headers: auth.operator,
        base: {
          taxId: taxIdFor(),
          fullName: 'Олена Паперова',
          serial: 'BAD-1',
          cnapLocationId: locationId,
          projectIds: [projects()[6]],
        },
      },
    ];
  };

  it('refuses every mutation of every body', async () => {
    const routes = await bodies();
    const before = await snapshot();
    for (const r of routes) {
      const extra: [string, unknown][] = [
        ['taxId with a wrong check digit', { ...r.base, taxId: '3087215602' }],
        ['taxId of 11 digits', { ...r.base, taxId: '30872156011' }],
        ['taxId as a number', { ...r.base, taxId: 3087215601 }],
        ['projectIds empty', { ...r.base, projectIds: [] }],
        ['projectIds twice', { ...r.base, projectIds: [projects()[0], projects()[0]] }],
        ['projectIds of strings', { ...r.base, projectIds: ['1'] }],
        ['projectIds beyond int4', { ...r.base, projectIds: [2 ** 31] }],
        ['projectIds 101', { ...r.base, projectIds: Array.from({ length: 101 }, (_, i) => i + 1) }],
        ['serial with SQL', { ...r.base, serial: "1'; DROP TABLE votes; --" }],
        ['serial blank', { ...r.base, serial: '   ' }],
        ['cnapLocationId zero', { ...r.base, cnapLocationId: 0 }],
        ['userId float', { ...r.base, userId: 1.5 }],
      ].filter(([, b]) => Object.keys(b as object).every((k) => k in r.base)) as [string, unknown][];
      for (const [label, payload] of [...mutations(r.base), ...extra]) {
        const res = await t.app.inject({
          method: 'POST',
          url: r.url,
          headers: r.headers,
          payload: payload as never,
        });
        expectErrorShape(res, `${r.name} / ${label}`);
        expect(res.statusCode, `${r.name} / ${label}`).not.toBe(201);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses broken JSON, wrong content types, __proto__ keys and oversized bodies', async () => {
    const routes = await bodies();
    const before = await snapshot();
    for (const r of routes) {
      for (const [label, headers, payload, status] of RAW_BODIES) {
        const res = await t.app.inject({
          method: 'POST',
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

  it('refuses bad path parameters', async () => {
    const before = await snapshot();
    for (const id of ['abc', '-1', '0', '1.5', '99999999999999999999', '9'.repeat(300), '%00']) {
      const v = await t.app.inject({
        method: 'POST',
        url: `/api/editions/${id}/votes`,
        headers: auth.verified,
        payload: { projectIds: [projects()[7]] },
      });
      expectErrorShape(v, `votes ${id}`);
      const m = await t.app.inject({ url: `/api/editions/${id}/my-votes`, headers: auth.verified });
      expectErrorShape(m, `my-votes ${id}`);
      const b = await t.app.inject({
        method: 'POST',
        url: `/api/editions/${id}/paper-ballots`,
        headers: auth.operator,
        payload: {
          taxId: taxIdFor(),
          fullName: 'Хтось Десь',
          serial: 'P-1',
          cnapLocationId: locationId,
          projectIds: [projects()[8]],
        },
      });
      expectErrorShape(b, `ballots ${id}`);
    }
    // A well-formed id of no edition is a 404.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/editions/2147483647/votes',
          headers: auth.verified,
          payload: { projectIds: [1] },
        })
      ).statusCode,
    ).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});

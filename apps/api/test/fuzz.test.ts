import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { projectBody } from './fixtures.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

/**
 * Property-based fuzzing of every route in the OpenAPI document (issue 6 item 4): random bodies
 * (biased towards each route's real field names) and random query strings, sent by a caller who
 * holds every role. Whatever comes in: never a 5xx, and a refused request changes nothing.
 */
let t: TestApp;
let auth: Record<string, string>;
const ids: Record<string, number> = {};

const TABLES = [
  'users',
  'voters',
  'editions',
  'categories',
  'projects',
  'project_events',
  'project_revisions',
  'project_images',
  'media',
  'votes',
  'vote_usage',
  'paper_ballots',
  'cnap_locations',
  'operator_locations',
  'tally_results',
  'audit_log',
];

async function snapshot() {
  const parts = TABLES.map(
    (name) =>
      sql`(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from ${sql.identifier(name)} x)`,
  );
  const [row] = await queryRows<{ s: string }>(
    t.database.db,
    sql`select concat_ws('/', ${sql.join(parts, sql`, `)}) as s`,
  );
  return row!.s;
}

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createAccount(t, ['admin', 'reviewer', 'operator']);
  auth = admin.auth;
  const e = (
    await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: auth,
      payload: editionBody({ phases: phasesAt('submission') }),
    })
  ).json().edition;
  const c = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${e.id}/categories`,
      headers: auth,
      payload: categoryBody({ minCost: 1_00 }),
    })
  ).json().category;
  const author = await createAccount(t);
  const p = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${e.id}/projects`,
      headers: author.auth,
      payload: projectBody(c.id),
    })
  ).json().project;
  Object.assign(ids, {
    id: e.id,
    categoryId: c.id,
    projectId: p.id,
    imageId: 1,
    userId: author.user.id,
    file: 0,
  });
});
afterAll(() => t.close());

interface Route {
  method: string;
  path: string;
  keys: string[];
  queryKeys: string[];
}

function routesFromOpenApi(doc: any): Route[] {
  const out: Route[] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        keys: Object.keys(schema?.properties ?? {}),
        queryKeys: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
      });
    }
  }
  return out;
}

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '__proto__',
    'constructor',
    '../../etc/passwd',
    "'; drop table users; --",
    '%00',
    '\u0000',
    'NaN',
    '-1',
    '1e309',
    '9'.repeat(40),
    '<script>',
    'я'.repeat(3000),
  ),
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.array(fc.integer({ min: -5, max: 5 })),
);

describe('fuzzing every route', () => {
  it('never answers 5xx and never changes state when it refuses', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    const routes = routesFromOpenApi(doc).filter((r) => !r.path.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const body = fc.oneof(
        value,
        fc.dictionary(fc.constantFrom(...route.keys, 'extra', '__proto__'), value, { maxKeys: 6 }),
      );
      const query = fc.dictionary(fc.constantFrom(...route.queryKeys, 'x'), hostileString, { maxKeys: 3 });
      const param = fc.oneof(
        fc.constant('real'),
        hostileString.map((s) => encodeURIComponent(s)),
      );
      await fc.assert(
        fc.asyncProperty(body, query, param, fc.boolean(), async (payload, q, p, signedIn) => {
          const url =
            route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
              p === 'real' ? String(ids[name] ?? 1) : p,
            ) + (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '');
          const before = await snapshot();
          const res = await t.app.inject({
            method: route.method as 'POST',
            url,
            headers: signedIn ? auth : {},
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: payload as never }),
          });
          expect(res.statusCode, `${route.method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.json().error.code, url).toMatch(/^[A-Z_]+$/);
            expect(await snapshot(), `${route.method} ${url} changed state on ${res.statusCode}`).toBe(
              before,
            );
          }
        }),
        { numRuns: 25, seed: 20261123 + route.path.length },
      );
    }
  });
});

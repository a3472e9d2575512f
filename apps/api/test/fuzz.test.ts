import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { projectBody } from './fixtures.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

/**
 * Property-based fuzzing of every route in the OpenAPI document (docs/rules.md §13, docs/security.md): random bodies
 * (biased towards each route's real field names) and random query strings, sent by a caller who
 * holds every role. Whatever comes in: never a 5xx, and a refused request changes nothing.
 */
let t: TestApp;
let auth: Record<string, string>;
const ids: Record<string, number> = {};

/** Every table of the schema, read from the database, so a table added later is watched too. */
let tables: string[] = [];

async function snapshot() {
  if (tables.length === 0)
    tables = (
      await queryRows<{ name: string }>(
        t.database.db,
        sql`select table_name as name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
      )
    ).map((r) => r.name);
  const parts = tables.map(
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
}, 240_000);
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

/**
 * A new seed every run, printed, so the fuzz explores more over time; FUZZ_SEED=<n> replays a run
 * (a failure also prints fast-check's own seed and counterexample path for its route).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
console.log(`fuzz.test.ts: FUZZ_SEED=${SEED} (set it to replay this run)`);

// Values that PostgreSQL refuses rather than the schemas: NUL bytes, UTF-16 halves, ids past int4.
const unstorable = fc.oneof(
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\uD800', '\uDFFF', 'a\uDBFFb', '\uDC00\uD800', '%00', '%u0000'),
  fc.string().map((s) => `${s}\uD83D`),
);
const hugeInt = fc.oneof(
  fc.constantFrom(
    2 ** 31,
    2 ** 31 - 1,
    2 ** 32,
    1_099_511_627_776,
    99_999_999_999,
    Number.MAX_SAFE_INTEGER,
    1e20,
  ),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
);

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  unstorable,
  hugeInt.map(String),
  fc.constantFrom('0x1', '1e3', ' 1', '1.0', '+1', '-0'),
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
/** A lone surrogate has no UTF-8 form (encodeURIComponent throws): its raw CESU-8 bytes instead. */
function encodePathSegment(s: string) {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.integer(),
  hugeInt,
  fc.double(),
  fc.constant(null),
  fc.array(fc.integer({ min: -5, max: 5 })),
  fc.array(hugeInt, { maxLength: 3 }),
);

describe('fuzzing every route', () => {
  it('never answers 5xx and never changes state when it refuses', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    // Signing out ends the fuzzer's own token: that route goes last, so every other route is fuzzed
    // signed in too.
    const last = (r: Route) => Number(r.path === '/api/auth/logout');
    const routes = routesFromOpenApi(doc)
      .filter((r) => !r.path.startsWith('/api/docs'))
      .sort((a, b) => last(a) - last(b));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const body = fc.oneof(
        value,
        fc.dictionary(fc.constantFrom(...route.keys, 'extra', '__proto__'), value, { maxKeys: 6 }),
      );
      const query = fc.dictionary(fc.constantFrom(...route.queryKeys, 'x'), hostileString, { maxKeys: 3 });
      const param = fc.oneof(fc.constant('real'), hostileString.map(encodePathSegment));
      await fc.assert(
        fc.asyncProperty(body, query, param, fc.boolean(), async (payload, q, p, signedIn) => {
          const url =
            route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
              p === 'real' ? String(ids[name] ?? 1) : p,
            ) + (Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : '');
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
        { numRuns: 25, seed: SEED + route.path.length },
      );
    }
  }, 900_000);
});

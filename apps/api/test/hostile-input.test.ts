import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_MESSAGES } from '@bu/shared';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';

/**
 * No 5xx from any input (docs/rules.md §13). Walks the OpenAPI document so a route or a field added
 * later is covered without editing this file: every string a route takes refuses a NUL byte and a
 * lone surrogate, every number refuses a value beyond its column, every path id refuses anything but
 * decimal digits, each with 400 naming the field. The caller holds every role, so no guard answers
 * first.
 */
let t: TestApp;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  auth = (await createAccount(t, ['admin', 'reviewer', 'operator'])).auth;
}, 240_000);
afterAll(() => t.close());

type JsonSchema = Record<string, any>;
type Leaf = { path: (string | number)[]; kind: 'string' | 'number' };

/** Every string and number reachable in a JSON schema, with the path to it (arrays: element 0). */
function leaves(schema: JsonSchema | undefined, path: (string | number)[] = []): Leaf[] {
  if (!schema) return [];
  const alts = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alts) return alts.flatMap((s: JsonSchema) => leaves(s, path));
  if (schema.type === 'string') return [{ path, kind: 'string' }];
  if (schema.type === 'integer' || schema.type === 'number') return [{ path, kind: 'number' }];
  if (schema.type === 'array') return leaves(schema.items, [...path, 0]);
  if (schema.type === 'object')
    return Object.entries<JsonSchema>(schema.properties ?? {}).flatMap(([k, s]) => leaves(s, [...path, k]));
  return [];
}

/** A body holding `value` at `path` and nothing else: the field's own error must name it. */
function bodyAt(path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyAt(rest, value)] : { [head!]: bodyAt(rest, value) };
}

interface Op {
  method: string;
  path: string;
  body?: JsonSchema;
  query: { name: string; schema: JsonSchema }[];
  params: string[];
}

async function operations(): Promise<Op[]> {
  const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
  const out: Op[] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    if (path.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries<any>(ops)) {
      const params = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: params.filter((p: any) => p.in === 'query'),
        params: params.filter((p: any) => p.in === 'path').map((p: any) => p.name),
      });
    }
  }
  return out;
}

/** The route's URL with every path parameter set to 1 except `name`, set to `value`. */
const urlOf = (op: Op, over: Record<string, string> = {}) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => over[name] ?? (name === 'file' ? 'votes.csv' : '1'));

async function expectFieldRefused(
  label: string,
  req: { method: string; url: string; payload?: unknown },
  field: string,
  message?: string,
) {
  const res = await t.app.inject({ ...req, method: req.method as 'POST', headers: auth } as never);
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(400);
  const details: { field: string; message: string }[] = res.json().error.details ?? [];
  const hit = details.find((d) => d.field === field);
  expect(hit, `${label}: ${field} not named in ${JSON.stringify(details).slice(0, 400)}`).toBeDefined();
  if (message) expect(hit!.message, label).toBe(message);
}

const NUL = 'до\u0000після';
const LONE_HIGH = 'до\uD800після';
const LONE_LOW = 'до\uDC00після';
const BEYOND_INT4 = 1_099_511_627_776;

describe('hostile values in every field of every route', () => {
  it('refuses NUL bytes and lone surrogates in every string of every JSON body, naming the field', async () => {
    let checked = 0;
    for (const op of await operations()) {
      if (!op.body) continue;
      for (const leaf of leaves(op.body).filter((l) => l.kind === 'string')) {
        const field = ['body', ...leaf.path].join('.');
        for (const [name, bad] of [
          ['NUL', NUL],
          ['lone high surrogate', LONE_HIGH],
          ['lone low surrogate', LONE_LOW],
        ])
          await expectFieldRefused(
            `${op.method} ${op.path} ${field} ${name}`,
            { method: op.method, url: urlOf(op), payload: bodyAt(leaf.path, bad) },
            field,
          );
        checked++;
      }
    }
    // Names, titles, summaries, descriptions, comments, reasons, addresses, fullName, password, email…
    expect(checked).toBeGreaterThan(25);
  });

  it('gives the NUL and surrogate refusals their own Ukrainian message in free-text fields', async () => {
    await expectFieldRefused(
      'edition title',
      { method: 'POST', url: '/api/editions', payload: { title: NUL } },
      'body.title',
      TEXT_MESSAGES.nul,
    );
    await expectFieldRefused(
      'paper ballot fullName',
      { method: 'POST', url: '/api/editions/1/paper-ballots', payload: { fullName: LONE_HIGH } },
      'body.fullName',
      TEXT_MESSAGES.surrogate,
    );
  });

  it('refuses numbers beyond their column in every JSON body, and ids beyond int4', async () => {
    let ids = 0;
    for (const op of await operations()) {
      if (!op.body) continue;
      for (const leaf of leaves(op.body).filter((l) => l.kind === 'number')) {
        const field = ['body', ...leaf.path].join('.');
        const label = `${op.method} ${op.path} ${field}`;
        await expectFieldRefused(
          `${label} 1e20`,
          { method: op.method, url: urlOf(op), payload: bodyAt(leaf.path, 1e20) },
          field,
        );
        if (/id$/i.test(String(leaf.path.findLast((p) => typeof p === 'string')))) {
          ids++;
          await expectFieldRefused(
            `${label} beyond int4`,
            { method: op.method, url: urlOf(op), payload: bodyAt(leaf.path, BEYOND_INT4) },
            field,
          );
          await expectFieldRefused(
            `${label} 2^31`,
            { method: op.method, url: urlOf(op), payload: bodyAt(leaf.path, 2 ** 31) },
            field,
          );
        }
      }
    }
    // categoryId, cnapLocationIds, cnapLocationId, userId, projectIds, resultId
    expect(ids).toBeGreaterThanOrEqual(6);
  });

  it('refuses NUL bytes and huge or non-decimal ids in every query string, naming the parameter', async () => {
    let checked = 0;
    for (const op of await operations()) {
      for (const q of op.query) {
        const field = `querystring.${q.name}`;
        const bad =
          q.schema.type === 'string' && !q.schema.pattern && !q.schema.enum
            ? ['%00', 'a%00b']
            : ['99999999999', '0x1', '1e3', '%00'];
        for (const v of bad)
          await expectFieldRefused(
            `${op.method} ${op.path}?${q.name}=${v}`,
            { method: op.method, url: `${urlOf(op)}?${q.name}=${v}` },
            field,
          );
        checked++;
      }
    }
    // q of the catalogue and of /admin/users, the audit filters, categoryId, editionId, before…
    expect(checked).toBeGreaterThan(10);
  });

  it('accepts only decimal digits as path ids, within int4', async () => {
    let checked = 0;
    for (const op of await operations()) {
      for (const name of op.params.filter((p) => p !== 'file')) {
        for (const v of ['0x1', '1e3', '99999999999', '2147483648', '%00', '1.0', '-1', '0', '%201'])
          await expectFieldRefused(
            `${op.method} ${op.path} ${name}=${v}`,
            { method: op.method, url: urlOf(op, { [name]: v }), payload: op.body ? {} : undefined },
            `params.${name}`,
          );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('answers the audit’s own examples with 400 naming the field', async () => {
    await expectFieldRefused(
      'project categoryId',
      { method: 'POST', url: '/api/editions/1/projects', payload: { categoryId: BEYOND_INT4 } },
      'body.categoryId',
    );
    await expectFieldRefused(
      'roles cnapLocationIds',
      {
        method: 'PUT',
        url: '/api/admin/users/1/roles',
        payload: { roles: ['operator'], cnapLocationIds: [99999999999] },
      },
      'body.cnapLocationIds.0',
    );
    for (const id of ['0x1', '1e3'])
      await expectFieldRefused(
        id,
        { method: 'POST', url: `/api/editions/${id}/votes`, payload: { projectIds: [1] } },
        'params.id',
      );
    await expectFieldRefused(
      'search',
      { method: 'GET', url: '/api/editions/1/projects?q=%00' },
      'querystring.q',
    );
  });
});

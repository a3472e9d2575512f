import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { projectBody } from './fixtures.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';
import { CNAP_LOOKUPS_PER_MINUTE } from '../src/modules/voting/identity.routes.js';

/**
 * Least privilege for staff (docs/security.md). The role check of every staff route runs before the
 * body is read (a resident learns nothing of a route's fields); ЦНАП operators see what paper entry
 * needs and nothing more; reviewers do not comment on drafts; the operator's account lookup is
 * limited and audited. Rate limits are on in this file, as in production.
 */
let t: TestApp;
type Caller = Awaited<ReturnType<typeof createAccount>>;
let resident: Caller;
let author: Caller;
let reviewer: Caller;
let operator: Caller;
let admin: Caller;
let draftId: number;
let submittedId: number;
let editionId: number;

const AUTHOR_NAME = 'Прихована Авторка';
const COMMENT = 'Службова нотатка робочої групи';

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: true });
  resident = await createAccount(t);
  author = await createAccount(t, [], AUTHOR_NAME);
  reviewer = await createAccount(t, ['reviewer']);
  operator = await createAccount(t, ['operator']);
  admin = await createAccount(t, ['admin']);
  const edition = (
    await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: admin.auth,
      payload: editionBody({ phases: phasesAt('submission') }),
    })
  ).json().edition;
  editionId = edition.id;
  const category = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${edition.id}/categories`,
      headers: admin.auth,
      payload: categoryBody({ minCost: 1_00 }),
    })
  ).json().category;
  const create = async () =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/editions/${edition.id}/projects`,
        headers: author.auth,
        payload: { ...projectBody(category.id), showAuthorName: false },
      })
    ).json().project.id as number;
  draftId = await create();
  submittedId = await create();
  expect(
    (await t.app.inject({ method: 'POST', url: `/api/projects/${submittedId}/submit`, headers: author.auth }))
      .statusCode,
  ).toBe(200);
  const commented = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${submittedId}/comments`,
    headers: reviewer.auth,
    payload: { text: COMMENT },
  });
  expect(commented.statusCode, commented.body).toBe(201);
}, 240_000);
afterAll(() => t.close());

type Hook = ((...args: unknown[]) => unknown) & { requiredRoles?: readonly string[] };
const hooksOf = (h: RouteOptions['onRequest']): Hook[] => (h ? (Array.isArray(h) ? h : [h]) : []) as Hook[];
const methodsOf = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]);
const isRoleGuard = (h: Hook) => !!h.requiredRoles?.length;

describe('the role check comes before the body', () => {
  const staffRoutes = () =>
    t.routes.filter((r) => hooksOf(r.onRequest).some(isRoleGuard) && !methodsOf(r).includes('HEAD'));

  it('finds every staff route by its guard, and no guard runs after validation', () => {
    const found = staffRoutes().map((r) => `${methodsOf(r).join(',')} ${r.url}`);
    for (const known of [
      'POST /api/editions',
      'PATCH /api/editions/:id',
      'POST /api/editions/:id/categories',
      'PATCH /api/editions/:id/categories/:categoryId',
      'GET /api/admin/users',
      'PUT /api/admin/users/:id/roles',
      'GET /api/admin/audit',
      'POST /api/cnap-locations',
      'GET /api/review/queue',
      'POST /api/projects/:id/reviews',
      'POST /api/projects/:id/comments',
      'POST /api/editions/:id/tally',
      'POST /api/editions/:id/results/publish',
      'GET /api/cnap/users/:id',
      'POST /api/cnap/verifications',
      'POST /api/editions/:id/paper-ballots',
    ])
      expect(found, known).toContain(known);
    for (const r of t.routes)
      for (const late of [r.preParsing, r.preValidation, r.preHandler] as RouteOptions['onRequest'][])
        expect(
          hooksOf(late).some(isRoleGuard),
          `${String(r.method)} ${r.url}: role guard after onRequest`,
        ).toBe(false);
  });

  it('answers 403 to a resident and 401 to a visitor on every staff route, whatever the body', async () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(16);
    for (const r of routes) {
      const url = r.url.replace(/:(\w+)/g, '1') + '?unknown=%00';
      for (const method of methodsOf(r)) {
        const hasBody = method !== 'GET' && method !== 'DELETE';
        for (const payload of hasBody ? [{ unknown: 'x\u0000', title: 7 }, '{"broken": ', ''] : [undefined]) {
          const res = await t.app.inject({
            method: method as 'POST',
            url,
            headers: { ...resident.auth, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
            ...(payload === undefined ? {} : { payload: payload as never }),
          });
          const label = `${method} ${r.url} ${JSON.stringify(payload)}`;
          expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBe(403);
          expect(res.json().error.code, label).toBe('FORBIDDEN');
          expect(res.json().error.details, `${label}: the field list leaked`).toBeUndefined();
          const visitor = await t.app.inject({
            method: method as 'POST',
            url,
            ...(payload === undefined ? {} : { payload: payload as never }),
            ...(hasBody ? { headers: { 'content-type': 'application/json' } } : {}),
          });
          expect(visitor.statusCode, `${label} as a visitor`).toBe(401);
        }
      }
    }
  });

  it('still gives staff the field list', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: admin.auth,
      payload: { title: 7 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain('body.title');
  });
});

describe('ЦНАП operators see what paper entry needs, nothing more', () => {
  it('does not show them drafts, in a listing or by id', async () => {
    const one = await t.app.inject({ url: `/api/projects/${draftId}`, headers: operator.auth });
    expect(one.statusCode).toBe(404);
    const list = (
      await t.app.inject({
        url: `/api/editions/${editionId}/projects?status=draft&pageSize=100`,
        headers: operator.auth,
      })
    ).json();
    expect(list.projects.map((p: { id: number }) => p.id)).not.toContain(draftId);
    // The reviewer, for contrast, does see it: the refusal is about the role, not the project.
    expect((await t.app.inject({ url: `/api/projects/${draftId}`, headers: reviewer.auth })).statusCode).toBe(
      200,
    );
  });

  it('hides staff comments, revisions and author names the author chose to hide', async () => {
    const asOperator = (
      await t.app.inject({ url: `/api/projects/${submittedId}`, headers: operator.auth })
    ).json().project;
    const asReviewer = (
      await t.app.inject({ url: `/api/projects/${submittedId}`, headers: reviewer.auth })
    ).json().project;
    expect(asReviewer.author.name).toBe(AUTHOR_NAME);
    expect(asReviewer.history.some((e: { reason: string }) => e.reason === COMMENT)).toBe(true);

    expect(asOperator.author).toBeNull();
    expect(JSON.stringify(asOperator)).not.toContain(AUTHOR_NAME);
    expect(JSON.stringify(asOperator)).not.toContain(COMMENT);
    expect(asOperator.history.every((e: { actor: unknown }) => e.actor === null)).toBe(true);

    const catalogue = await t.app.inject({
      url: `/api/editions/${editionId}/projects`,
      headers: operator.auth,
    });
    expect(catalogue.body).not.toContain(AUTHOR_NAME);
    const revisions = await t.app.inject({
      url: `/api/projects/${submittedId}/revisions`,
      headers: operator.auth,
    });
    expect(revisions.statusCode).toBe(404);
    const queue = await t.app.inject({ url: '/api/review/queue', headers: operator.auth });
    expect(queue.statusCode).toBe(403);
  });
});

describe('reviewers do not comment on drafts', () => {
  it('refuses with 409 and stores nothing', async () => {
    for (const who of [reviewer, admin]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/projects/${draftId}/comments`,
        headers: who.auth,
        payload: { text: 'Коментар до чернетки' },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('NOT_UNDER_REVIEW');
    }
    const history = (await t.app.inject({ url: `/api/projects/${draftId}`, headers: reviewer.auth })).json()
      .project.history;
    expect(history.some((e: { action: string }) => e.action === 'comment')).toBe(false);
  });
});

describe('the operator’s account lookup', () => {
  it('audits every name it shows, with the operator and the account', async () => {
    const res = await t.app.inject({ url: `/api/cnap/users/${author.user.id}`, headers: operator.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.fullName).toBe(AUTHOR_NAME);
    const entries = (
      await t.app.inject({
        url: `/api/admin/audit?action=cnap.user_lookup&entityId=${author.user.id}`,
        headers: admin.auth,
      })
    ).json().entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: operator.user.id,
      entity: 'user',
      entityId: String(author.user.id),
    });
  });

  it('is rate limited per operator', async () => {
    const other = await createAccount(t, ['operator']);
    const codes: number[] = [];
    for (let i = 0; i < CNAP_LOOKUPS_PER_MINUTE + 2; i++)
      codes.push(
        (await t.app.inject({ url: `/api/cnap/users/${resident.user.id}`, headers: other.auth })).statusCode,
      );
    expect(codes.slice(0, CNAP_LOOKUPS_PER_MINUTE).every((c) => c === 200)).toBe(true);
    expect(codes.slice(CNAP_LOOKUPS_PER_MINUTE)).toEqual([429, 429]);
  });
});

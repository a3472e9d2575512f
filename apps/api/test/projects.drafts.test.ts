import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { pgConstraint } from '../src/shared/errors.js';
import { projectBody } from './fixtures.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

/** A draft saves with only a title; submission names what is missing (docs/rules.md §14). */
let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let reviewer: Awaited<ReturnType<typeof createAccount>>;
let author: Awaited<ReturnType<typeof createAccount>>;
let editionId: number;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
  reviewer = await createAccount(t, ['reviewer']);
  author = await createAccount(t, [], 'Авторка Чернетки');
  editionId = (
    await req('POST', '/api/editions', admin.auth, editionBody({ phases: phasesAt('submission') }))
  ).json().edition.id;
  categoryId = (
    await req(
      'POST',
      `/api/editions/${editionId}/categories`,
      admin.auth,
      categoryBody({ minCost: 100_000_00, maxCost: 1_000_000_00 }),
    )
  ).json().category.id;
}, 240_000);
afterAll(() => t.close());

type Auth = { authorization: string } | Record<string, never>;
const req = (method: string, url: string, headers: Auth, payload?: object) =>
  t.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });

const full = () => projectBody(categoryId);

describe('drafts with only a title', () => {
  it('saves a title-only draft, lists what is missing at submission, and submits once filled', async () => {
    const created = await req('POST', `/api/editions/${editionId}/projects`, author.auth, {
      title: 'Велопарковка біля ліцею',
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json().project;
    expect(draft).toMatchObject({
      status: 'draft',
      title: 'Велопарковка біля ліцею',
      categoryId: null,
      summary: null,
      description: null,
      location: null,
      costItems: [],
      totalCost: 0,
    });

    const early = await req('POST', `/api/projects/${draft.id}/submit`, author.auth);
    expect(early.statusCode).toBe(422);
    const error = early.json().error;
    expect(error.code).toBe('PROJECT_INCOMPLETE');
    expect(error.fields).toEqual(['categoryId', 'summary', 'description', 'location', 'costItems']);
    expect(error.message).toBe(
      'Проєкт ще не можна подати: заповніть категорію, короткий опис, повний опис, адресу, кошторис',
    );
    expect(error.details.map((d: { field: string }) => d.field)).toContain('location.address');

    // Some fields at a time; each one sent is still judged, with its own field named.
    const short = await req('PATCH', `/api/projects/${draft.id}`, author.auth, { summary: 'Коротко' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].field).toBe('body.summary');
    const part = await req('PATCH', `/api/projects/${draft.id}`, author.auth, {
      categoryId,
      summary: full().summary,
    });
    expect(part.statusCode, part.body).toBe(200);
    const still = await req('POST', `/api/projects/${draft.id}/submit`, author.auth);
    expect(still.json().error.fields).toEqual(['description', 'location', 'costItems']);

    const { description, location, costItems } = full();
    const rest = await req('PATCH', `/api/projects/${draft.id}`, author.auth, {
      description,
      location,
      costItems,
    });
    expect(rest.statusCode, rest.body).toBe(200);
    const ok = await req('POST', `/api/projects/${draft.id}/submit`, author.auth);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().project).toMatchObject({ status: 'submitted', totalCost: 200_000_03 });
  });

  it('refuses a draft without a title, and a bad field beside a good title, naming the field', async () => {
    const none = await req('POST', `/api/editions/${editionId}/projects`, author.auth, {
      summary: full().summary,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.title']);
    const bad = await req('POST', `/api/editions/${editionId}/projects`, author.auth, {
      title: 'Лавки в сквері',
      location: { address: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.location.address');
    const cat = await req('POST', `/api/editions/${editionId}/projects`, author.auth, {
      title: 'Лавки в сквері',
      categoryId: 999_999,
    });
    expect(cat.statusCode).toBe(400);
    expect(cat.json().error.details[0].field).toBe('body.categoryId');
  });

  it('clears a field of a draft with null, but a returned project must stay complete', async () => {
    const p = (await req('POST', `/api/editions/${editionId}/projects`, author.auth, full())).json().project;
    const cleared = await req('PATCH', `/api/projects/${p.id}`, author.auth, {
      summary: null,
      location: null,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().project).toMatchObject({ summary: null, location: null });
    await req('PATCH', `/api/projects/${p.id}`, author.auth, {
      summary: full().summary,
      location: full().location,
    });
    await req('POST', `/api/projects/${p.id}/submit`, author.auth);
    await req('POST', `/api/projects/${p.id}/reviews`, reviewer.auth, {
      decision: 'return',
      reason: 'Уточніть адресу',
    });

    const emptied = await req('PATCH', `/api/projects/${p.id}`, author.auth, {
      location: null,
      costItems: [],
    });
    expect(emptied.statusCode).toBe(422);
    expect(emptied.json().error).toMatchObject({
      code: 'PROJECT_INCOMPLETE',
      fields: ['location', 'costItems'],
    });
    const kept = (await req('GET', `/api/projects/${p.id}`, author.auth)).json().project;
    expect(kept.location.address).toBe(full().location.address);
    expect(kept.costItems).toHaveLength(2);
  });

  it('keeps drafts out of every public view, complete or not', async () => {
    const p = (
      await req('POST', `/api/editions/${editionId}/projects`, author.auth, { title: 'Таємна чернетка' })
    ).json().project;
    expect((await req('GET', `/api/projects/${p.id}`, {})).statusCode).toBe(404);
    const list = (await req('GET', `/api/editions/${editionId}/projects?pageSize=100`, {})).json().projects;
    expect(list.some((x: { status: string }) => x.status === 'draft')).toBe(false);
    const asked = await req('GET', `/api/editions/${editionId}/projects?status=draft`, {});
    expect(asked.json().projects).toEqual([]);
    const mine = (await req('GET', '/api/me/projects', author.auth)).json().projects;
    expect(mine.find((x: { id: number }) => x.id === p.id)).toMatchObject({
      title: 'Таємна чернетка',
      location: null,
    });
  });

  it('the database refuses an incomplete project outside draft, whatever the code does', async () => {
    const p = (
      await req('POST', `/api/editions/${editionId}/projects`, author.auth, { title: 'Без опису проєкт' })
    ).json().project;
    const refused = await queryRows(
      t.database.db,
      sql`update projects set status = 'submitted' where id = ${p.id}`,
    ).catch((e: unknown) => e);
    expect(pgConstraint(refused)).toBe('projects_complete');
    const [row] = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from projects where id = ${p.id}`,
    );
    expect(row!.status).toBe('draft');
  });
});

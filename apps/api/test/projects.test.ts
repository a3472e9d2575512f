import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectBody } from './fixtures.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let reviewer: Awaited<ReturnType<typeof createAccount>>;
let author: Awaited<ReturnType<typeof createAccount>>;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin'], 'Адміністраторка');
  reviewer = await createAccount(t, ['reviewer'], 'Рецензентка Робочої Групи');
  author = await createAccount(t, [], 'Авторка Проєкту');
});
afterAll(() => t.close());

type Auth = { authorization: string } | Record<string, never>;
const req = (method: string, url: string, headers: Auth, payload?: object) =>
  t.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });

async function edition(at: Parameters<typeof phasesAt>[0] = 'submission') {
  const e = (await req('POST', '/api/editions', admin.auth, editionBody({ phases: phasesAt(at) }))).json()
    .edition;
  const c = (
    await req(
      'POST',
      `/api/editions/${e.id}/categories`,
      admin.auth,
      categoryBody({ minCost: 100_000_00, maxCost: 1_000_000_00 }),
    )
  ).json().category;
  return { editionId: e.id as number, categoryId: c.id as number };
}

describe('authoring', () => {
  it('creates a draft with a server-computed total, visible only to its author and staff', async () => {
    const { editionId, categoryId } = await edition();
    const res = await req(
      'POST',
      `/api/editions/${editionId}/projects`,
      author.auth,
      projectBody(categoryId),
    );
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json().project;
    // 4 × 25 000,00 + 2.5 × 40 000,01 = 100 000,00 + 100 000,03 (rounded half up from 100 000,025)
    expect(p.costItems.map((i: { total: number }) => i.total)).toEqual([100_000_00, 100_000_03]);
    expect(p).toMatchObject({
      status: 'draft',
      totalCost: 200_000_03,
      isMine: true,
      revision: 1,
      author: { name: 'Авторка Проєкту' },
    });

    const other = await createAccount(t);
    expect((await req('GET', `/api/projects/${p.id}`, {})).statusCode).toBe(404);
    expect((await req('GET', `/api/projects/${p.id}`, other.auth)).statusCode).toBe(404);
    expect((await req('GET', `/api/projects/${p.id}`, reviewer.auth)).statusCode).toBe(200);
    const pub = await req('GET', `/api/editions/${editionId}/projects`, {});
    expect(pub.json().projects).toHaveLength(0);
    const mine = await req('GET', `/api/editions/${editionId}/projects?mine=true`, author.auth);
    expect(mine.json().projects.map((x: { id: number }) => x.id)).toEqual([p.id]);
  });

  it('refuses to submit a total outside the category range with 422 COST_OUT_OF_RANGE', async () => {
    const { editionId, categoryId } = await edition();
    // A draft is unfinished work: its estimate may still be short of the category's minimum.
    const draft = await req(
      'POST',
      `/api/editions/${editionId}/projects`,
      author.auth,
      projectBody(categoryId, { costItems: [{ name: 'Лавка', quantity: 1, unitCost: 5_000_00 }] }),
    );
    expect(draft.statusCode, draft.body).toBe(201);
    const res = await req('POST', `/api/projects/${draft.json().project.id}/submit`, author.auth);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'COST_OUT_OF_RANGE',
      details: [{ field: 'body.costItems' }],
    });
    expect(
      (await req('GET', `/api/projects/${draft.json().project.id}`, author.auth)).json().project.status,
    ).toBe('draft');
    const wrongCat = await req(
      'POST',
      `/api/editions/${editionId}/projects`,
      author.auth,
      projectBody(999_999),
    );
    expect(wrongCat.statusCode).toBe(400);
    expect(wrongCat.json().error.details[0].field).toBe('body.categoryId');
  });

  it('submits only in the submission phase; submitted projects are read-only to the author', async () => {
    const { editionId, categoryId } = await edition('upcoming');
    const p = (
      await req('POST', `/api/editions/${editionId}/projects`, author.auth, projectBody(categoryId))
    ).json().project;
    const early = await req('POST', `/api/projects/${p.id}/submit`, author.auth);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PHASE_CLOSED');

    const open = await edition('submission');
    const q = (
      await req('POST', `/api/editions/${open.editionId}/projects`, author.auth, projectBody(open.categoryId))
    ).json().project;
    const ok = await req('POST', `/api/projects/${q.id}/submit`, author.auth);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().project).toMatchObject({ status: 'submitted', revision: 1 });
    expect(ok.json().project.submittedAt).not.toBeNull();
    const edit = await req('PATCH', `/api/projects/${q.id}`, author.auth, { title: 'Інша назва проєкту' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('PROJECT_NOT_EDITABLE');
    const closed = await edition('review');
    const late = await req(
      'POST',
      `/api/editions/${closed.editionId}/projects`,
      author.auth,
      projectBody(closed.categoryId),
    );
    expect(late.json().error.code).toBe('PHASE_CLOSED');
  });
});

describe('review by the working group', () => {
  it('returns, resubmits with a diff, admits; every step recorded with who, when and why', async () => {
    const { editionId, categoryId } = await edition();
    const p = (
      await req('POST', `/api/editions/${editionId}/projects`, author.auth, projectBody(categoryId))
    ).json().project;
    await req('POST', `/api/projects/${p.id}/submit`, author.auth);

    const queue = await req('GET', `/api/review/queue?editionId=${editionId}`, reviewer.auth);
    expect(queue.json().projects.map((x: { id: number }) => x.id)).toEqual([p.id]);

    const noReason = await req('POST', `/api/projects/${p.id}/reviews`, reviewer.auth, {
      decision: 'return',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('body.reason');

    const ret = await req('POST', `/api/projects/${p.id}/reviews`, reviewer.auth, {
      decision: 'return',
      reason: 'Уточніть кошторис: бракує монтажу',
    });
    expect(ret.json().project.status).toBe('returned');

    const mine = (await req('GET', '/api/me/projects', author.auth))
      .json()
      .projects.find((x: { id: number }) => x.id === p.id);
    expect(mine.lastDecision).toMatchObject({
      action: 'return',
      reason: 'Уточніть кошторис: бракує монтажу',
    });
    const seen = (await req('GET', `/api/projects/${p.id}`, author.auth)).json().project;
    expect(seen.history.at(-1)).toMatchObject({
      action: 'return',
      reason: 'Уточніть кошторис: бракує монтажу',
      actor: null,
    });

    const fixed = await req('PATCH', `/api/projects/${p.id}`, author.auth, {
      costItems: [...projectBody(categoryId).costItems, { name: 'Монтаж', quantity: 1, unitCost: 15_000_00 }],
    });
    expect(fixed.json().project.totalCost).toBe(215_000_03);
    const resub = await req('POST', `/api/projects/${p.id}/submit`, author.auth);
    expect(resub.json().project).toMatchObject({ status: 'submitted', revision: 2 });
    expect(resub.json().project.submittedAt).toBe(p.submittedAt ?? resub.json().project.submittedAt);

    const revs = (await req('GET', `/api/projects/${p.id}/revisions`, reviewer.auth)).json().revisions;
    expect(revs.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(revs[1].changes.map((c: { field: string }) => c.field).sort()).toEqual(['costItems', 'totalCost']);
    expect(revs[1].changes.find((c: { field: string }) => c.field === 'totalCost')).toMatchObject({
      before: 200_000_03,
      after: 215_000_03,
    });

    await req('POST', `/api/projects/${p.id}/comments`, reviewer.auth, { text: 'Кошторис тепер повний' });
    const admitted = await req('POST', `/api/projects/${p.id}/reviews`, reviewer.auth, { decision: 'admit' });
    expect(admitted.json().project.status).toBe('admitted');
    const again = await req('POST', `/api/projects/${p.id}/reviews`, reviewer.auth, {
      decision: 'reject',
      reason: 'x',
    });
    expect(again.json().error.code).toBe('NOT_UNDER_REVIEW');

    // The public sees the transitions and reasons, not comments or names of staff.
    const pub = (await req('GET', `/api/projects/${p.id}`, {})).json().project;
    expect(pub.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'return',
      'submit',
      'admit',
    ]);
    expect(pub.author).toBeNull();
    const staff = (await req('GET', `/api/projects/${p.id}`, reviewer.auth)).json().project;
    expect(staff.history.find((h: { action: string }) => h.action === 'comment')).toMatchObject({
      reason: 'Кошторис тепер повний',
      actor: { name: 'Рецензентка Робочої Групи' },
    });

    const audit = (await req('GET', `/api/admin/audit?entity=project&entityId=${p.id}`, admin.auth)).json()
      .entries;
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'project.admit',
      'project.submit',
      'project.return',
      'project.submit',
    ]);
    expect(audit[0].actorId).toBe(reviewer.user.id);
  });

  it('forbids deciding on one’s own project and any decision once voting has started', async () => {
    const { editionId, categoryId } = await edition();
    const own = (
      await req('POST', `/api/editions/${editionId}/projects`, reviewer.auth, projectBody(categoryId))
    ).json().project;
    await req('POST', `/api/projects/${own.id}/submit`, reviewer.auth);
    const res = await req('POST', `/api/projects/${own.id}/reviews`, reviewer.auth, { decision: 'admit' });
    expect(res.statusCode).toBe(403);

    const p = (
      await req('POST', `/api/editions/${editionId}/projects`, author.auth, projectBody(categoryId))
    ).json().project;
    await req('POST', `/api/projects/${p.id}/submit`, author.auth);
    // Move the edition into voting (allowed: voting had not begun when the dates changed).
    const moved = await req('PATCH', `/api/editions/${editionId}`, admin.auth, {
      phases: phasesAt('voting'),
    });
    expect(moved.json().edition.phase).toBe('voting');
    const locked = await req('POST', `/api/projects/${p.id}/reviews`, reviewer.auth, { decision: 'admit' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('RULES_LOCKED');
  });

  it('shows the author’s name publicly only with consent; catalogue filters, search and pages', async () => {
    const { editionId, categoryId } = await edition();
    const ids: number[] = [];
    for (const [i, title] of [
      'Велодоріжка на Набережній',
      'Сквер біля озера',
      'Велопарковка біля школи',
    ].entries()) {
      const p = (
        await req(
          'POST',
          `/api/editions/${editionId}/projects`,
          author.auth,
          projectBody(categoryId, { title, showAuthorName: i === 0 }),
        )
      ).json().project;
      await req('POST', `/api/projects/${p.id}/submit`, author.auth);
      ids.push(p.id);
    }
    await req('POST', `/api/projects/${ids[1]}/reviews`, reviewer.auth, {
      decision: 'reject',
      reason: 'Земельна ділянка не комунальна',
    });
    const all = (await req('GET', `/api/editions/${editionId}/projects?sort=title`, {})).json();
    expect(all.total).toBe(3);
    expect(all.projects.map((p: { title: string }) => p.title)).toEqual([
      'Велодоріжка на Набережній',
      'Велопарковка біля школи',
      'Сквер біля озера',
    ]);
    expect(all.projects[0].author).toEqual({ name: 'Авторка Проєкту' });
    expect(all.projects[1].author).toBeNull();
    const search = (
      await req('GET', `/api/editions/${editionId}/projects?q=${encodeURIComponent('вело')}`, {})
    ).json();
    expect(search.total).toBe(2);
    const rejected = (await req('GET', `/api/editions/${editionId}/projects?status=rejected`, {})).json();
    expect(rejected.projects.map((p: { id: number }) => p.id)).toEqual([ids[1]]);
    const page2 = (
      await req('GET', `/api/editions/${editionId}/projects?sort=oldest&pageSize=2&page=2`, {})
    ).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.projects.map((p: { id: number }) => p.id)).toEqual([ids[2]]);
    const pub = (await req('GET', `/api/projects/${ids[1]}`, {})).json().project;
    expect(pub.history.at(-1)).toMatchObject({ action: 'reject', reason: 'Земельна ділянка не комунальна' });
  });
});

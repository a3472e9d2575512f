import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';
import { createProjects } from './factories/projects.js';
import { categories } from '../src/db/schema.js';

/** Categories of an edition already in voting were added before it began: straight into the table. */
async function insertCategory(editionId: number, name = 'Стара') {
  const [row] = await t.database.db
    .insert(categories)
    .values({
      editionId,
      name,
      fund: 1_000_000_00,
      minCost: 100,
      maxCost: 1_000_000_00,
      maxVotes: 1,
      position: 0,
    })
    .returning();
  return row!;
}

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: object = admin.auth) =>
  t.app.inject({ method: 'POST', url, payload, headers: headers as never });
const patch = (url: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url, payload, headers: admin.auth });

async function newEdition(over: Record<string, unknown> = {}) {
  const res = await post('/api/editions', editionBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().edition as { id: number; phase: string; totalFund: number };
}

describe('editions', () => {
  it('creates an edition with defaults and computes its phase', async () => {
    const e = await newEdition({ phases: phasesAt('submission') });
    expect(e).toMatchObject({
      phase: 'submission',
      totalFund: 10_000_000_00,
      eligibility: 'residents',
      minVotes: 0,
      resultsVisibleDuringVoting: false,
      categories: [],
    });
    for (const [at, phase] of [
      ['upcoming', 'upcoming'],
      ['review', 'review'],
      ['voting', 'voting'],
      ['tally', 'tally'],
    ] as const) {
      const x = await newEdition({ phases: phasesAt(at) });
      expect(x.phase).toBe(phase);
    }
    const got = await t.app.inject({ url: `/api/editions/${e.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json().edition.id).toBe(e.id);
    const list = await t.app.inject({ url: '/api/editions' });
    expect(list.json().editions.map((x: { id: number }) => x.id)).toContain(e.id);
  });

  it('refuses phase dates out of order, naming the field', async () => {
    const phases = { ...phasesAt('upcoming') };
    phases.reviewEnd = phases.submissionStart;
    const res = await post('/api/editions', editionBody({ phases }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(
      'body.phases.reviewEnd',
    );
  });

  it('refuses fractional and negative money', async () => {
    for (const totalFund of [100.5, -1, '100', 1e20]) {
      const res = await post('/api/editions', editionBody({ totalFund }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toBe('body.totalFund');
    }
  });

  it('only admins create or change editions', async () => {
    const resident = await createAccount(t);
    expect((await post('/api/editions', editionBody(), resident.auth)).statusCode).toBe(403);
    expect((await post('/api/editions', editionBody(), {})).statusCode).toBe(401);
    const e = await newEdition();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/editions/${e.id}`,
      payload: { title: 'Нова назва' },
      headers: resident.auth,
    });
    expect(res.statusCode).toBe(403);
  });

  it('patches any subset of fields, merging partial phase dates, and audits it', async () => {
    const e = await newEdition();
    const res = await patch(`/api/editions/${e.id}`, { title: 'Шкільний бюджет участі', tallyRule: 'mes' });
    expect(res.statusCode).toBe(200);
    expect(res.json().edition).toMatchObject({ title: 'Шкільний бюджет участі', tallyRule: 'mes' });
    const original = res.json().edition.phases;
    const bad = await patch(`/api/editions/${e.id}`, { phases: { votingEnd: original.votingStart } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.phases.votingEnd');
    const later = new Date(Date.parse(original.votingEnd) + 86_400_000).toISOString();
    const ok = await patch(`/api/editions/${e.id}`, { phases: { votingEnd: later } });
    expect(ok.json().edition.phases).toEqual({ ...original, votingEnd: later });
    const audit = await t.app.inject({
      url: `/api/admin/audit?entity=edition&entityId=${e.id}`,
      headers: admin.auth,
    });
    expect(audit.json().entries.map((x: { action: string }) => x.action)).toEqual([
      'edition.update',
      'edition.update',
      'edition.create',
    ]);
    expect((await patch('/api/editions/999999', { title: 'Немає такого' })).statusCode).toBe(404);
  });

  it('locks the rules once voting has started; only voting dates and texts may change', async () => {
    const e = await newEdition({ phases: phasesAt('voting') });
    for (const body of [
      { minVoterAge: 18 },
      { tallyRule: 'mes' },
      { totalFund: 1 },
      { phases: { submissionStart: new Date(0).toISOString() } },
    ]) {
      const res = await patch(`/api/editions/${e.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json().error.code).toBe('RULES_LOCKED');
    }
    const cat = await post(`/api/editions/${e.id}/categories`, categoryBody());
    expect(cat.json().error.code).toBe('RULES_LOCKED');
    const current = (await t.app.inject({ url: `/api/editions/${e.id}` })).json().edition.phases;
    const reopen = await patch(`/api/editions/${e.id}`, {
      phases: { votingStart: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(reopen.json().error.code).toBe('RULES_LOCKED');
    const extended = new Date(Date.parse(current.votingEnd) + 3 * 86_400_000).toISOString();
    const ok = await patch(`/api/editions/${e.id}`, { phases: { votingEnd: extended }, title: 'Продовжено' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().edition.phases.votingEnd).toBe(extended);
  });
});

describe('a form that sends every field', () => {
  it('moves only the voting end during voting: fields sent with their current value are no change', async () => {
    const e = await newEdition({ phases: phasesAt('voting') });
    await insertCategory(e.id);
    const current = (await t.app.inject({ url: `/api/editions/${e.id}` })).json().edition;
    const { id: _, phase: _p, categories: _c, createdAt: _t, resultsPublishedAt: _r, ...fields } = current;
    // The same instants written another way (an offset instead of Z) are still no change.
    const asKyivTime = (iso: string) =>
      new Date(Date.parse(iso) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    const votingEnd = new Date(Date.parse(current.phases.votingEnd) + 86_400_000).toISOString();
    const res = await patch(`/api/editions/${e.id}`, {
      ...fields,
      phases: {
        submissionStart: asKyivTime(current.phases.submissionStart),
        submissionEnd: current.phases.submissionEnd,
        reviewEnd: current.phases.reviewEnd,
        votingStart: current.phases.votingStart,
        votingEnd,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().edition.phases.votingEnd).toBe(votingEnd);
    // A real change among them is still refused, and named.
    const changed = await patch(`/api/editions/${e.id}`, { ...fields, minVoterAge: fields.minVoterAge + 1 });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.details).toEqual([
      { field: 'body.minVoterAge', message: expect.any(String) },
    ]);
    {
      const c = current.categories[0];
      const { id: _i, editionId: _e, position: _pos, ...catFields } = c;
      const same = await patch(`/api/editions/${e.id}/categories/${c.id}`, {
        ...catFields,
        description: 'Новий опис',
      });
      expect(same.statusCode, same.body).toBe(200);
      const fund = await patch(`/api/editions/${e.id}/categories/${c.id}`, { ...catFields, maxVotes: 9 });
      expect(fund.json().error.code).toBe('RULES_LOCKED');
    }
  });
});

describe('categories', () => {
  it('removes a category before voting unless projects name it; never during voting', async () => {
    const e = await newEdition({ phases: phasesAt('submission') });
    const empty = (await post(`/api/editions/${e.id}/categories`, categoryBody({ name: 'Порожня' }))).json()
      .category;
    const used = (
      await post(`/api/editions/${e.id}/categories`, categoryBody({ name: 'З проєктами' }))
    ).json().category;
    await createProjects(t, {
      editionId: e.id,
      categoryId: used.id,
      authorId: admin.user.id,
      status: 'draft',
    });
    const del = (id: number, editionId = e.id) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/editions/${editionId}/categories/${id}`,
        headers: admin.auth,
      });
    const inUse = await del(used.id);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('CATEGORY_IN_USE');
    const other = await newEdition({ phases: phasesAt('submission') });
    expect((await del(empty.id, other.id)).statusCode).toBe(404);
    expect((await del(empty.id)).statusCode).toBe(204);
    expect((await del(empty.id)).statusCode).toBe(404);
    const left = (await t.app.inject({ url: `/api/editions/${e.id}` })).json().edition.categories;
    expect(left.map((x: { id: number }) => x.id)).toEqual([used.id]);
    const resident = await createAccount(t);
    const forbidden = await t.app.inject({
      method: 'DELETE',
      url: `/api/editions/${e.id}/categories/${used.id}`,
      headers: resident.auth,
    });
    expect(forbidden.statusCode).toBe(403);
    const voting = await newEdition({ phases: phasesAt('voting') });
    const refused = await del((await insertCategory(voting.id)).id, voting.id);
    expect(refused.json().error.code).toBe('RULES_LOCKED');
  });

  it('adds categories in kopiykas, in order, within the total fund', async () => {
    const e = await newEdition({ totalFund: 5_000_000_00 });
    const a = await post(
      `/api/editions/${e.id}/categories`,
      categoryBody({ name: 'Великі', fund: 3_000_000_00 }),
    );
    expect(a.statusCode).toBe(201);
    expect(a.json().category).toMatchObject({ name: 'Великі', fund: 3_000_000_00, position: 0, maxVotes: 2 });
    const dup = await post(
      `/api/editions/${e.id}/categories`,
      categoryBody({ name: 'Великі', fund: 1_00, minCost: 0, maxCost: 1_00 }),
    );
    expect(dup.statusCode).toBe(409);
    const b = await post(
      `/api/editions/${e.id}/categories`,
      categoryBody({ name: 'Малі', fund: 2_000_000_00 }),
    );
    expect(b.json().category.position).toBe(1);
    const over = await post(
      `/api/editions/${e.id}/categories`,
      categoryBody({ name: 'Зайва', fund: 1_00, minCost: 0, maxCost: 1_00 }),
    );
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('FUND_EXCEEDED');
    const shrink = await patch(`/api/editions/${e.id}`, { totalFund: 4_000_000_00 });
    expect(shrink.json().error.code).toBe('FUND_EXCEEDED');
    const got = (await t.app.inject({ url: `/api/editions/${e.id}` })).json().edition;
    expect(got.categories.map((c: { name: string }) => c.name)).toEqual(['Великі', 'Малі']);
  });

  it('checks cost bounds against each other and the fund, also after a patch', async () => {
    const e = await newEdition();
    const bad = await post(
      `/api/editions/${e.id}/categories`,
      categoryBody({ minCost: 2_000_000_00, maxCost: 1_000_000_00 }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.minCost');
    const c = (await post(`/api/editions/${e.id}/categories`, categoryBody())).json().category;
    const res = await patch(`/api/editions/${e.id}/categories/${c.id}`, { maxCost: 10_000_00 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.minCost');
    const ok = await patch(`/api/editions/${e.id}/categories/${c.id}`, {
      maxVotes: 3,
      description: 'Школи й садочки',
    });
    expect(ok.json().category).toMatchObject({ maxVotes: 3, description: 'Школи й садочки' });
    const other = await newEdition();
    expect((await patch(`/api/editions/${other.id}/categories/${c.id}`, { maxVotes: 1 })).statusCode).toBe(
      404,
    );
  });

  it('serialises concurrent category creation so the total fund is never exceeded', async () => {
    const e = await newEdition({ totalFund: 10_000_00 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          `/api/editions/${e.id}/categories`,
          categoryBody({ name: `Категорія ${i}`, fund: 3_000_00, minCost: 0, maxCost: 3_000_00 }),
        ),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 422)).toHaveLength(7);
  });
});

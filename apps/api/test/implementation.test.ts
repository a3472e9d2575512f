import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { tallyFixture, type TallyFixture } from './factories/votes.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let f: TallyFixture;
const DAY = 86_400_000;
const kyivDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(ms);

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
  // Fund 300: A (100) and B (150) win, C (200) does not fit.
  f = await tallyFixture(t, {
    authorId: admin.user.id,
    fund: 300_00,
    projects: [
      { key: 'A', cost: 100_00, votes: 5 },
      { key: 'B', cost: 150_00, votes: 4 },
      { key: 'C', cost: 200_00, votes: 3 },
    ],
  });
});
afterAll(() => t.close());

const post = (url: string, payload: object, auth: object = admin.auth) =>
  t.app.inject({ method: 'POST', url, payload, headers: auth as never });
const patch = (url: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url, payload, headers: admin.auth });
const today = () => kyivDay(Date.now());

async function publish() {
  const tally = await post(`/api/editions/${f.editionId}/tally`, {});
  expect(tally.statusCode, tally.body).toBe(200);
  const pub = await post(`/api/editions/${f.editionId}/results/publish`, {
    resultId: tally.json().result.id,
  });
  expect(pub.statusCode, pub.body).toBe(200);
}

const status = async (id: number) =>
  (await t.app.inject({ url: `/api/projects/${id}` })).json().project.status as string;

describe('implementation updates', () => {
  it('takes updates only for winners of a published result', async () => {
    const body = { status: 'in_progress', text: 'Підписано договір', date: today() };
    const early = await post(`/api/projects/${f.projectIds.A}/updates`, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PROJECT_NOT_WINNER');
    await publish();
    const loser = await post(`/api/projects/${f.projectIds.C}/updates`, body);
    expect(loser.json().error.code).toBe('PROJECT_NOT_WINNER');
    expect((await post('/api/projects/999999/updates', body)).statusCode).toBe(404);
    const count = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM implementation_updates`,
    );
    expect(count[0]!.n).toBe(0);
  });

  it("moves the project's status with its latest update, audited; the public sees the timeline", async () => {
    const a = f.projectIds.A!;
    expect(await status(a)).toBe('winner');
    const started = await post(`/api/projects/${a}/updates`, {
      status: 'in_progress',
      text: 'Підписано договір, роботи почалися',
      date: kyivDay(Date.now() - DAY),
      spent: 30_00,
      contractor: 'ТОВ «Будсервіс»',
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(await status(a)).toBe('in_progress');
    const done = await post(`/api/projects/${a}/updates`, {
      status: 'implemented',
      text: 'Роботи завершено, акт підписано',
      date: today(),
      spent: 98_50,
    });
    expect(done.statusCode, done.body).toBe(201);
    expect(await status(a)).toBe('implemented');
    const timeline = (await t.app.inject({ url: `/api/projects/${a}/updates` })).json().updates;
    expect(timeline.map((u: { status: string }) => u.status)).toEqual(['in_progress', 'implemented']);
    expect(timeline[0]).toMatchObject({ contractor: 'ТОВ «Будсервіс»', spent: 30_00, corrections: [] });
    const audit = await queryRows<{ action: string; actor_id: number }>(
      t.database.db,
      sql`SELECT action, actor_id FROM audit_log WHERE entity = 'project' AND entity_id = ${String(a)} AND action LIKE 'implementation.%'`,
    );
    expect(audit).toEqual([
      { action: 'implementation.update', actor_id: admin.user.id },
      { action: 'implementation.update', actor_id: admin.user.id },
    ]);
  });

  it('corrects an update keeping the earlier version visible, and recomputes the status', async () => {
    const b = f.projectIds.B!;
    const posted = (
      await post(`/api/projects/${b}/updates`, { status: 'implemented', text: 'Готово', date: today() })
    ).json().update;
    expect(await status(b)).toBe('implemented');
    const fixed = await patch(`/api/projects/${b}/updates/${posted.id}`, {
      status: 'in_progress',
      text: 'Помилково позначено як завершений: роботи тривають',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const u = fixed.json().update;
    expect(u.correctedAt).not.toBeNull();
    expect(u.corrections).toEqual([
      expect.objectContaining({ status: 'implemented', text: 'Готово', replacedAt: expect.any(String) }),
    ]);
    expect(await status(b)).toBe('in_progress');
    expect(
      (await patch(`/api/projects/${f.projectIds.A}/updates/${posted.id}`, { text: 'Чуже' })).statusCode,
    ).toBe(404);
  });

  it('cancels with a reason only', async () => {
    const b = f.projectIds.B!;
    const noReason = await post(`/api/projects/${b}/updates`, {
      status: 'cancelled',
      text: 'Скасовано',
      date: today(),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('body.reason');
    const ok = await post(`/api/projects/${b}/updates`, {
      status: 'cancelled',
      text: 'Скасовано',
      reason: 'Ділянку передано під будівництво укриття',
      date: today(),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await status(b)).toBe('cancelled');
  });

  it('refuses bad amounts, dates and callers with a clear 4xx, storing nothing', async () => {
    const a = f.projectIds.A!;
    const before = (await t.app.inject({ url: `/api/projects/${a}/updates` })).json().updates.length;
    const base = { status: 'in_progress', text: 'Текст оновлення', date: today() };
    for (const [over, field] of [
      [{ spent: -1 }, 'body.spent'],
      [{ spent: 10.5 }, 'body.spent'],
      [{ spent: '100' }, 'body.spent'],
      [{ date: '2001-01-01' }, 'body.date'],
      [{ date: kyivDay(Date.now() + 3 * DAY) }, 'body.date'],
      [{ date: '31.12.2026' }, 'body.date'],
      [{ status: 'winner' }, 'body.status'],
      [{ text: '' }, 'body.text'],
      [{ extra: 1 }, 'body'],
    ] as const) {
      const res = await post(`/api/projects/${a}/updates`, { ...base, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(
        res
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .join(' '),
      ).toContain(field);
    }
    const resident = await createAccount(t);
    expect((await post(`/api/projects/${a}/updates`, base, resident.auth)).statusCode).toBe(403);
    expect((await post(`/api/projects/${a}/updates`, base, {})).statusCode).toBe(401);
    const after = (await t.app.inject({ url: `/api/projects/${a}/updates` })).json().updates.length;
    expect(after).toBe(before);
  });

  it('sums allocated and spent money per category and counts winners per status', async () => {
    const res = await t.app.inject({ url: `/api/editions/${f.editionId}/implementation` });
    expect(res.statusCode, res.body).toBe(200);
    const imp = res.json();
    expect(imp).toMatchObject({
      allocated: 250_00,
      spent: 98_50,
      counts: { winner: 0, in_progress: 0, implemented: 1, cancelled: 1 },
    });
    expect(imp.categories).toEqual([
      expect.objectContaining({ allocated: 250_00, spent: 98_50, counts: imp.counts }),
    ]);
    const a = imp.projects.find((p: { projectId: number }) => p.projectId === f.projectIds.A);
    expect(a).toMatchObject({ status: 'implemented', spent: 98_50, updates: 2, cost: 100_00 });
    expect(a.lastUpdate.text).toBe('Роботи завершено, акт підписано');
  });

  it('puts implementation status, spent money and dates into the open data', async () => {
    const json = (await t.app.inject({ url: `/api/editions/${f.editionId}/export/projects.json` })).json();
    const a = json.projects.find((p: { id: number }) => p.id === f.projectIds.A);
    expect(a).toMatchObject({
      status: 'implemented',
      spent: 98_50,
      implementationStartedOn: kyivDay(Date.now() - DAY),
      lastUpdateOn: today(),
      implementedOn: today(),
    });
    const c = json.projects.find((p: { id: number }) => p.id === f.projectIds.C);
    expect(c).toMatchObject({ status: 'not_selected', spent: null, implementedOn: null });
    const csv = (await t.app.inject({ url: `/api/editions/${f.editionId}/export/projects.csv` })).body;
    expect(csv.split('\r\n')[0]).toContain('spent,implementationStartedOn,lastUpdateOn,implementedOn');
    const report = await t.app.inject({ url: `/api/editions/${f.editionId}/export/report.json` });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain('report.json');
    expect(report.json()).toEqual(
      (await t.app.inject({ url: `/api/editions/${f.editionId}/report` })).json(),
    );
  });

  it('shows nothing of an unpublished edition', async () => {
    const other = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 100_00,
      projects: [{ key: 'X', cost: 10_00, votes: 1 }],
    });
    expect((await t.app.inject({ url: `/api/editions/${other.editionId}/implementation` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: '/api/editions/999999/implementation' })).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parsePb } from '@bu/tally';
import { queryRows } from '../src/db/client.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { tallyFixture } from './factories/votes.js';
import { createLocation, createOperator, createVerifiedResident, taxIdFor } from './factories/voting.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let ed: VotingEdition;
let loc: { id: number };
let op: Awaited<ReturnType<typeof createOperator>>;
let serial = 0;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin'], 'Адміністраторка Олена');
  ed = await createVotingEdition(t, { authorId: admin.user.id });
  loc = await createLocation(t);
  op = await createOperator(t, [loc.id]);
});
afterAll(() => t.close());

const edu = () => ed.categories[0]!; // maxVotes 2
const green = () => ed.categories[1]!; // maxVotes 1
const nextSerial = () => `АН-${++serial}`;
const inject = (method: 'GET' | 'POST', url: string, payload?: object, headers: object = admin.auth) =>
  t.app.inject({ method, url, payload, headers: headers as never });
const annul = (body: object, editionId = ed.editionId, headers: object = admin.auth) =>
  inject('POST', `/api/editions/${editionId}/annulments`, body, headers);
const vote = (auth: object, projectIds: number[]) =>
  inject('POST', `/api/editions/${ed.editionId}/votes`, { projectIds }, auth);
const ballot = (taxId: string, s: string, projectIds: number[]) =>
  inject(
    'POST',
    `/api/editions/${ed.editionId}/paper-ballots`,
    { taxId, fullName: 'Петро Паперовий', serial: s, cnapLocationId: loc.id, projectIds },
    op.auth,
  );

/** The person's votes as stored (annulled or not) and their allowance rows. */
async function stored(voterSql: ReturnType<typeof sql>) {
  const votes = await queryRows<{ project_id: number; annulment_kind: string | null }>(
    t.database.db,
    sql`SELECT project_id, annulment_kind FROM votes WHERE voter_id = (${voterSql}) ORDER BY id`,
  );
  const usage = await queryRows<{ category_id: number; used: number }>(
    t.database.db,
    sql`SELECT category_id, used FROM vote_usage WHERE voter_id = (${voterSql}) ORDER BY category_id`,
  );
  return { votes, used: Object.fromEntries(usage.map((u) => [u.category_id, u.used])) };
}
const ofUser = (userId: number) => sql`SELECT voter_id FROM users WHERE id = ${userId}`;
const ofSerial = (s: string) => sql`SELECT voter_id FROM paper_ballots WHERE serial = ${s} LIMIT 1`;
const annulmentCount = async () =>
  (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM annulments`))[0]!.n;

describe('annulment as fraud', () => {
  it('keeps the votes stored and marked, records who and why, and the person cannot vote again', async () => {
    const r = await createVerifiedResident(t, '1980-02-02');
    expect((await vote(r.auth, [edu().projectIds[0]!, green().projectIds[0]!])).statusCode).toBe(201);
    const res = await annul({ kind: 'fraud', userId: r.user.id, reason: 'Обліковий запис на чужі дані' });
    expect(res.statusCode, res.body).toBe(201);
    const { annulment } = res.json();
    expect(annulment).toMatchObject({
      kind: 'fraud',
      votes: 2,
      target: 'user',
      userId: r.user.id,
      reason: 'Обліковий запис на чужі дані',
      createdBy: { id: admin.user.id, fullName: 'Адміністраторка Олена' },
    });
    const s = await stored(ofUser(r.user.id));
    expect(s.votes).toEqual([
      { project_id: edu().projectIds[0], annulment_kind: 'fraud' },
      { project_id: green().projectIds[0], annulment_kind: 'fraud' },
    ]);
    // Spent, including the second education vote the person had not used.
    expect(s.used).toEqual({ [edu().id]: 2, [green().id]: 1 });
    for (const ids of [[edu().projectIds[1]!], [edu().projectIds[0]!], [green().projectIds[1]!]]) {
      const again = await vote(r.auth, ids);
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'VOTE_LIMIT_EXCEEDED' });
      expect(again.json().error.message).toMatch(/анульовано/);
    }
    // The person still sees the votes, marked.
    const mine = (await inject('GET', `/api/editions/${ed.editionId}/my-votes`, undefined, r.auth)).json();
    expect(mine.votes.map((v: { annulled: string | null }) => v.annulled)).toEqual(['fraud', 'fraud']);
    // Nothing left to annul: 404, and no second annulment row.
    const before = await annulmentCount();
    const twice = await annul({ kind: 'fraud', userId: r.user.id, reason: 'Обліковий запис на чужі дані' });
    expect(twice.statusCode).toBe(404);
    expect(twice.json().error.details).toEqual([{ field: 'body.userId', message: expect.any(String) }]);
    expect(await annulmentCount()).toBe(before);
  });

  it('keeps a fraudulent paper ballot’s serial taken', async () => {
    const taxId = taxIdFor('1962-03-03');
    const s = nextSerial();
    expect((await ballot(taxId, s, [edu().projectIds[2]!])).statusCode).toBe(201);
    const res = await annul({ kind: 'fraud', ballotSerial: s, reason: 'Бюлетень вкинуто без документів' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().annulment).toMatchObject({ votes: 1, target: 'ballot', ballotSerial: s });
    const again = await ballot(taxId, s, [edu().projectIds[3]!]);
    expect(again.json().error.code).toBe('DUPLICATE_BALLOT_SERIAL');
    const other = await ballot(taxId, nextSerial(), [edu().projectIds[3]!]);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.message).toMatch(/анульовано/);
    // A fraudulent ballot is no longer a target by its serial.
    expect(
      (await annul({ kind: 'entry_error', ballotSerial: s, reason: 'Повторна спроба' })).statusCode,
    ).toBe(404);
  });
});

describe('annulment as an entry error', () => {
  it('frees the allowance and the serial, so the operator enters the ballot correctly', async () => {
    const taxId = taxIdFor('1975-07-07');
    const s = nextSerial();
    // The operator ticked the wrong green project.
    const first = await ballot(taxId, s, [edu().projectIds[0]!, green().projectIds[0]!]);
    expect(first.statusCode, first.body).toBe(201);
    const res = await annul({ kind: 'entry_error', ballotSerial: s, reason: 'Оператор помилився проєктом' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().annulment).toMatchObject({ kind: 'entry_error', votes: 2, ballotSerial: s });
    expect((await stored(ofSerial(s))).used).toEqual({ [edu().id]: 0, [green().id]: 0 });
    // The same paper, the same serial, one project the same as before: accepted.
    const fixed = await ballot(taxId, s, [edu().projectIds[0]!, green().projectIds[1]!]);
    expect(fixed.statusCode, fixed.body).toBe(201);
    const after = await stored(ofSerial(s));
    expect(after.votes).toEqual([
      { project_id: edu().projectIds[0], annulment_kind: 'entry_error' },
      { project_id: green().projectIds[0], annulment_kind: 'entry_error' },
      { project_id: edu().projectIds[0], annulment_kind: null },
      { project_id: green().projectIds[1], annulment_kind: null },
    ]);
    expect(after.used).toEqual({ [edu().id]: 1, [green().id]: 1 });
    // The allowance is back to what the corrected ballot used, no more.
    expect((await ballot(taxId, nextSerial(), [green().projectIds[2]!])).json().error.code).toBe(
      'VOTE_LIMIT_EXCEEDED',
    );
    // The corrected ballot holds the serial now.
    expect((await ballot(taxId, s, [edu().projectIds[1]!])).json().error.code).toBe(
      'DUPLICATE_BALLOT_SERIAL',
    );
    // Annulling by the serial again targets the live (corrected) ballot only.
    const second = await annul({ kind: 'entry_error', ballotSerial: s, reason: 'Ще одна помилка оператора' });
    expect(second.json().annulment.votes).toBe(2);
  });

  it('by taxpayer number: the person votes again online', async () => {
    const r = await createVerifiedResident(t, '1990-09-09');
    expect((await vote(r.auth, [green().projectIds[0]!])).statusCode).toBe(201);
    expect((await vote(r.auth, [green().projectIds[1]!])).json().error.code).toBe('VOTE_LIMIT_EXCEEDED');
    const res = await annul({ kind: 'entry_error', taxId: r.taxId, reason: 'Голос зараховано помилково' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().annulment).toMatchObject({ target: 'tax_id', userId: r.user.id, votes: 1 });
    expect(res.body).not.toContain(r.taxId);
    const again = await vote(r.auth, [green().projectIds[0]!]);
    expect(again.statusCode, again.body).toBe(201);
    expect((await vote(r.auth, [green().projectIds[1]!])).json().error.code).toBe('VOTE_LIMIT_EXCEEDED');
    expect((await stored(ofUser(r.user.id))).used).toEqual({ [green().id]: 1 });
  });

  it('is audited with the actor and without the taxpayer number', async () => {
    const r = await createVerifiedResident(t, '1991-01-01');
    expect((await vote(r.auth, [edu().projectIds[1]!])).statusCode).toBe(201);
    const { annulment } = (
      await annul({ kind: 'entry_error', taxId: r.taxId, reason: 'Перевірка аудиту' })
    ).json();
    const entries = (await inject('GET', `/api/admin/audit?entity=annulment&entityId=${annulment.id}`)).json()
      .entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: admin.user.id,
      action: 'votes.annul',
      data: { editionId: ed.editionId, kind: 'entry_error', reason: 'Перевірка аудиту', votes: 1 },
    });
    expect(JSON.stringify(entries)).not.toContain(r.taxId);
    const list = (await inject('GET', `/api/editions/${ed.editionId}/annulments`)).json().annulments;
    expect(list[0]).toMatchObject({ id: annulment.id, reason: 'Перевірка аудиту' });
  });
});

describe('refusals', () => {
  it('names the field of bad input, stores nothing', async () => {
    const r = await createVerifiedResident(t, '1982-08-08');
    expect((await vote(r.auth, [edu().projectIds[2]!])).statusCode).toBe(201);
    const before = await annulmentCount();
    const cases: [object, string[]][] = [
      [{ kind: 'fraud', userId: r.user.id }, ['body.reason']],
      [{ kind: 'fraud', userId: r.user.id, reason: '   ' }, ['body.reason']],
      [{ kind: 'mistake', userId: r.user.id, reason: 'Без причини' }, ['body.kind']],
      [{ userId: r.user.id, reason: 'Без підстави' }, ['body.kind']],
      [{ kind: 'fraud', reason: 'Нікого не названо' }, ['body.userId', 'body.taxId', 'body.ballotSerial']],
      [
        { kind: 'fraud', reason: 'Двоє одразу', userId: r.user.id, taxId: r.taxId },
        ['body.userId', 'body.taxId'],
      ],
      [{ kind: 'fraud', reason: 'Хибний номер', taxId: '1234567890' }, ['body.taxId']],
      [{ kind: 'fraud', reason: 'Хибний номер', taxId: '12345' }, ['body.taxId']],
      [{ kind: 'fraud', reason: 'Зайве поле', userId: r.user.id, extra: 1 }, ['body']],
      [{ kind: 'fraud', reason: 'Хибний id', userId: -3 }, ['body.userId']],
      [{ kind: 'fraud', reason: 'x'.repeat(1001), userId: r.user.id }, ['body.reason']],
    ];
    for (const [body, fields] of cases) {
      const res = await annul(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      const named = res.json().error.details.map((d: { field: string }) => d.field);
      for (const f of fields)
        expect(
          named.some((n: string) => n.startsWith(f)),
          `${f} in ${named}`,
        ).toBe(true);
    }
    expect(await annulmentCount()).toBe(before);
    expect((await stored(ofUser(r.user.id))).votes).toEqual([
      { project_id: edu().projectIds[2], annulment_kind: null },
    ]);
  });

  it('404 when nothing matches; 403 for staff who are not admins; 401 without a token', async () => {
    const nobody = await createAccount(t);
    const cases: [object, string][] = [
      [{ userId: nobody.user.id }, 'body.userId'],
      [{ userId: 2_000_000 }, 'body.userId'],
      [{ taxId: taxIdFor('1999-12-12') }, 'body.taxId'],
      [{ ballotSerial: 'НЕМАЄ-1' }, 'body.ballotSerial'],
    ];
    for (const [who, field] of cases) {
      const res = await annul({ kind: 'fraud', reason: 'Нічого немає', ...who });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.details[0].field).toBe(field);
    }
    expect((await annul({ kind: 'fraud', reason: 'Нема конкурсу', userId: 1 }, 999_999)).statusCode).toBe(
      404,
    );
    const r = await createVerifiedResident(t, '1983-03-03');
    expect((await vote(r.auth, [edu().projectIds[3]!])).statusCode).toBe(201);
    const body = { kind: 'fraud', reason: 'Спроба без прав', userId: r.user.id };
    expect((await annul(body, ed.editionId, op.auth)).statusCode).toBe(403);
    expect((await annul(body, ed.editionId, r.auth)).statusCode).toBe(403);
    expect((await annul(body, ed.editionId, {})).statusCode).toBe(401);
    expect(
      (await inject('GET', `/api/editions/${ed.editionId}/annulments`, undefined, op.auth)).statusCode,
    ).toBe(403);
    expect((await stored(ofUser(r.user.id))).votes[0]!.annulment_kind).toBeNull();
  });
});

describe('what counts', () => {
  const UAH = 100;

  it('tally, stats, exports and vote counts leave annulled votes out; 409 once published', async () => {
    // Fund 1 000 000: A (600k) and B (600k) cannot both win; A leads by one vote, two of them on paper.
    const f = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 1_000_000 * UAH,
      projects: [
        { key: 'A', cost: 600_000 * UAH, votes: 12, cnap: 2 },
        { key: 'B', cost: 600_000 * UAH, votes: 11 },
      ],
    });
    const e = f.editionId;
    const A = f.projectIds.A!;
    const B = f.projectIds.B!;
    const tally = async () => (await inject('POST', `/api/editions/${e}/tally`, {})).json().result;
    const stats = async () => (await inject('GET', `/api/editions/${e}/stats`)).json();
    const csvRows = async () =>
      (await inject('GET', `/api/editions/${e}/export/votes.csv`)).body.trim().split('\r\n').length - 1;
    const jsonVotes = async () => (await inject('GET', `/api/editions/${e}/export/votes.json`)).json().votes;
    const pbVotes = async () =>
      parsePb(
        (await inject('GET', `/api/editions/${e}/export/votes.pb?categoryId=${f.categoryId}`)).body,
      ).projects.map((p) => [Number(p.id), p.votes]);
    const counts = async () =>
      Object.fromEntries(
        (await inject('GET', `/api/editions/${e}/projects`)).json().projects.map((p: any) => [p.id, p.votes]),
      );

    const before = await tally();
    expect(before.categories[0].projects.filter((p: any) => p.selected).map((p: any) => p.projectId)).toEqual(
      [A],
    );
    expect(before.annulled).toEqual({ voters: 0, votes: 0, reasons: [] });
    expect(await stats()).toMatchObject({ voters: 12, votes: 23, channels: { cnap: { votes: 2 } } });
    expect(await csvRows()).toBe(23);
    expect(await jsonVotes()).toHaveLength(23);
    expect(await pbVotes()).toEqual([
      [A, 12],
      [B, 11],
    ]);
    expect(await counts()).toEqual({ [A]: 12, [B]: 11 });

    // The two paper votes for A: one a fraud, one an entry error.
    expect(
      (await annul({ kind: 'fraud', ballotSerial: 'A-0', reason: 'Підроблений бюлетень' }, e)).statusCode,
    ).toBe(201);
    expect(
      (await annul({ kind: 'entry_error', ballotSerial: 'A-1', reason: 'Внесено не той проєкт' }, e))
        .statusCode,
    ).toBe(201);

    const after = await tally();
    expect(after.inputsDigest).not.toBe(before.inputsDigest);
    const byId = Object.fromEntries(after.categories[0].projects.map((p: any) => [p.projectId, p]));
    expect(byId[A]).toMatchObject({ votes: 10, selected: false });
    expect(byId[B]).toMatchObject({ votes: 11, selected: true });
    const annulled = {
      voters: 2,
      votes: 2,
      reasons: [
        { kind: 'entry_error', reason: 'Внесено не той проєкт', voters: 1, votes: 1 },
        { kind: 'fraud', reason: 'Підроблений бюлетень', voters: 1, votes: 1 },
      ],
    };
    expect(after.annulled).toEqual(annulled);
    // Voters 0 and 1 also supported B: they still count as voters, with one vote each.
    expect(await stats()).toMatchObject({
      voters: 12,
      votes: 21,
      channels: { cnap: { voters: 0, votes: 0 }, online: { votes: 21 } },
      categories: [{ votes: 21 }],
      cnapLocations: [],
      annulled,
    });
    expect(await csvRows()).toBe(21);
    expect((await jsonVotes()).filter((v: any) => v.projectId === A)).toHaveLength(10);
    expect(await pbVotes()).toEqual([
      [A, 10],
      [B, 11],
    ]);
    expect(await counts()).toEqual({ [A]: 10, [B]: 11 });
    // Stored, not deleted.
    const [all] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM votes WHERE edition_id = ${e}`,
    );
    expect(all!.n).toBe(23);

    expect(
      (await inject('POST', `/api/editions/${e}/results/publish`, { resultId: after.id })).statusCode,
    ).toBe(200);
    const late = await annul({ kind: 'fraud', ballotSerial: 'B-0', reason: 'Запізно' }, e);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('RESULTS_PUBLISHED');
    // What everyone sees once published.
    const pub = (await inject('GET', `/api/editions/${e}/results`, undefined, {})).json().result;
    expect(pub.annulled).toEqual(annulled);
    expect((await inject('GET', `/api/editions/${e}/stats`, undefined, {})).json().annulled).toEqual(
      annulled,
    );
    const report = (await inject('GET', `/api/editions/${e}/report`, undefined, {})).json();
    expect(report).toMatchObject({ votes: 21, locations: [], annulled });
    expect((await inject('GET', `/api/editions/${e}/annulments`)).json().annulments).toHaveLength(2);
  });
});

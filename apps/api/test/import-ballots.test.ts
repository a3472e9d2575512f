import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.js';
import { importBallots } from '../src/cli/import-ballots.js';
import { parseCsv } from '../src/cli/csv.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, createVerifiedResident, taxIdFor } from './factories/voting.js';

let t: TestApp;
let ed: VotingEdition;
let loc: { id: number };
let operatorEmail: string;
beforeAll(async () => {
  t = await buildTestApp();
  ed = await createVotingEdition(t, { authorId: (await createAccount(t)).user.id });
  loc = await createLocation(t);
  operatorEmail = (await createOperator(t, [loc.id])).email;
});
afterAll(() => t.close());

const run = (csv: string, over: Partial<Parameters<typeof importBallots>[0]> = {}) => {
  const lines: string[] = [];
  const progress: number[] = [];
  return importBallots({
    db: t.database.db,
    voterKeySecret: t.app.appOptions.voterKeySecret,
    editionId: ed.editionId,
    operatorEmail,
    csv,
    out: (l) => lines.push(l),
    progress: (done) => progress.push(done),
    ...over,
  }).then((r) => ({ ...r, lines, progress }));
};
const count = async () =>
  (
    await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM paper_ballots WHERE edition_id = ${ed.editionId}`,
    )
  )[0]!.n;

describe('pnpm cli import-ballots', () => {
  it('enters every valid row, reports each refused one with its code, and adds nothing on a second run', async () => {
    const [e1, e2] = ed.categories[0]!.projectIds;
    const [g1, g2] = ed.categories[1]!.projectIds;
    const online = await createVerifiedResident(t, '1977-03-03');
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${ed.editionId}/votes`,
      headers: online.auth,
      payload: { projectIds: [g1] },
    });
    const young = taxIdFor(`${new Date().getUTCFullYear() - 12}-01-01`);
    const csv = [
      'taxId,fullName,serial,cnapLocationId,projectIds',
      `${taxIdFor('1950-01-01')},"Коваль, Ганна",K-001,${loc.id},${e1}|${g1}`,
      `${taxIdFor('1960-01-01')},Петро Бондар,K-002,${loc.id},${e2}`,
      `${online.taxId},Хтось Онлайн,K-003,${loc.id},${g2}`,
      `${young},Дитина Мала,K-004,${loc.id},${e1}`,
      `1234567890,Помилка Номера,K-005,${loc.id},${e1}`,
      `${taxIdFor('1961-01-01')},Друга Спроба,K-002,${loc.id},${e1}`,
      '',
    ].join('\r\n');
    const first = await run(csv);
    expect(first.exitCode).toBe(0);
    expect(first.rows.map((r) => [r.serial, r.status, r.code])).toEqual([
      ['K-001', 'accepted', undefined],
      ['K-002', 'accepted', undefined],
      ['K-003', 'refused', 'VOTE_LIMIT_EXCEEDED'],
      ['K-004', 'refused', 'NOT_ELIGIBLE'],
      ['K-005', 'refused', 'VALIDATION_FAILED'],
      ['K-002', 'refused', 'DUPLICATE_BALLOT_SERIAL'],
    ]);
    expect(first.rows[2]!.reason).toContain('(онлайн)');
    expect(first.lines.at(-1)).toBe('2 accepted, 4 refused, 6 row(s)');
    expect(first.progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await count()).toBe(2);

    const second = await run(csv);
    expect(second.exitCode).toBe(0);
    expect(second.rows.filter((r) => r.status === 'accepted')).toEqual([]);
    expect(await count()).toBe(2);
  });

  it('stops with exit code 1 on a malformed file, entering nothing', async () => {
    const before = await count();
    const good = `${taxIdFor()},Іван Франко,X-1,${loc.id},${ed.categories[0]!.projectIds[0]}`;
    for (const csv of [
      '',
      'taxId,fullName,serial\n1,2,3',
      `taxId,fullName,serial,cnapLocationId,projectIds,extra\n${good},x`,
      `taxId,fullName,serial,cnapLocationId,projectIds\n${good}\n1,2`,
      `taxId,fullName,serial,cnapLocationId,projectIds\n${good}\n"unclosed,2,3,4,5`,
    ]) {
      const r = await run(csv);
      expect(r.exitCode, csv).toBe(1);
      expect(r.lines[0]).toMatch(/^error: /);
    }
    expect(
      (
        await run(`taxId,fullName,serial,cnapLocationId,projectIds\n${good}`, {
          operatorEmail: 'nobody@test.local',
        })
      ).exitCode,
    ).toBe(1);
    expect(
      (await run(`taxId,fullName,serial,cnapLocationId,projectIds\n${good}`, { editionId: 987_654 }))
        .exitCode,
    ).toBe(1);
    expect(await count()).toBe(before);
  });

  it('reports a row with a NUL byte, naming the column, and goes on to the next', async () => {
    const [e1, e2] = ed.categories[0]!.projectIds;
    const before = await count();
    const csv = [
      'taxId,fullName,serial,cnapLocationId,projectIds',
      `${taxIdFor('1951-02-02')},Олена\u0000Нуль,N-001,${loc.id},${e1}`,
      `${taxIdFor('1952-02-02')},Богдан Після,N-002\u0000,${loc.id},${e2}`,
      `${taxIdFor('1953-02-02')},Ірина Далі,N-003,${loc.id},${e1}|${e2}`,
    ].join('\n');
    const r = await run(csv);
    expect(r.exitCode).toBe(0);
    expect(r.rows.map((x) => [x.line, x.status, x.code])).toEqual([
      [2, 'refused', 'VALIDATION_FAILED'],
      [3, 'refused', 'VALIDATION_FAILED'],
      [4, 'accepted', undefined],
    ]);
    expect(r.rows[0]!.reason).toContain('fullName');
    expect(r.rows[1]!.reason).toContain('serial');
    expect(r.lines.at(-1)).toBe('1 accepted, 2 refused, 3 row(s)');
    expect(await count()).toBe(before + 1);
  });

  it('reads quoted fields, semicolons and a BOM', () => {
    expect(parseCsv('\uFEFFa;b\n"x;1";"say ""hi""\nthere"\n\n').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x;1', 'say "hi"\nthere'],
    ]);
  });
});

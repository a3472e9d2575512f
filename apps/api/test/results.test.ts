import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyPb } from '@bu/tally';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { tallyFixture } from './factories/votes.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: object = admin.auth) =>
  t.app.inject({ method: 'POST', url, payload, headers: headers as never });
const get = (url: string, headers: object = {}) => t.app.inject({ url, headers: headers as never });

const UAH = 100;
// Fund 1 000 000: A (600k, 50 votes) wins, B (500k, 40) no longer fits, C (300k, 30) fits, D (200k, 0) does not.
const STANDARD = [
  { key: 'A', cost: 600_000 * UAH, votes: 50, cnap: 10 },
  { key: 'B', cost: 500_000 * UAH, votes: 40 },
  { key: 'C', cost: 300_000 * UAH, votes: 30, cnap: 5 },
  { key: 'D', cost: 200_000 * UAH, votes: 0 },
];

describe('tally and publication', () => {
  it('is refused while voting is still open', async () => {
    const f = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 1_000_000 * UAH,
      projects: STANDARD,
      phase: 'voting',
    });
    const res = await post(`/api/editions/${f.editionId}/tally`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PHASE_CLOSED');
  });

  it('funds by votes, skips what does not fit, explains each project in one line', async () => {
    const f = await tallyFixture(t, { authorId: admin.user.id, fund: 1_000_000 * UAH, projects: STANDARD });
    const res = await post(`/api/editions/${f.editionId}/tally`, {});
    expect(res.statusCode, res.body).toBe(200);
    const { result } = res.json();
    expect(result).toMatchObject({ rule: 'greedy', tieBreak: 'earlier_submission', publishedAt: null });
    const [cat] = result.categories;
    expect(cat).toMatchObject({ categoryId: f.categoryId, fund: 1_000_000 * UAH, allocated: 900_000 * UAH });
    const by = Object.fromEntries(cat.projects.map((p: { projectId: number }) => [p.projectId, p]));
    expect(by[f.projectIds.A!]).toMatchObject({ selected: true, votes: 50, rank: 1 });
    expect(by[f.projectIds.B!]).toMatchObject({
      selected: false,
      votes: 40,
      reason: { code: 'skipped_no_funds' },
    });
    expect(by[f.projectIds.C!]).toMatchObject({ selected: true, votes: 30 });
    expect(by[f.projectIds.D!]).toMatchObject({ selected: false, votes: 0 });
    for (const p of cat.projects) expect(p.explanation).toMatch(/^[^\n]{10,200}$/);

    const again = (await post(`/api/editions/${f.editionId}/tally`, {})).json().result;
    expect(again.inputsDigest).toBe(result.inputsDigest);
    expect(again.categories).toEqual(result.categories);

    // Before publication: admins only, and the catalogue shows visitors no counts.
    expect((await get(`/api/editions/${f.editionId}/projects`)).json().projects[0]).not.toHaveProperty(
      'votes',
    );
    expect((await get(`/api/projects/${f.projectIds.A}`)).json().project).not.toHaveProperty('votes');
    expect(
      (await get(`/api/editions/${f.editionId}/projects`, admin.auth)).json().projects[0],
    ).toHaveProperty('votes');
    expect((await get(`/api/editions/${f.editionId}/results`)).statusCode).toBe(404);
    expect((await get(`/api/editions/${f.editionId}/stats`)).statusCode).toBe(404);
    expect((await get(`/api/editions/${f.editionId}/export/votes.csv`)).statusCode).toBe(404);
    expect((await get(`/api/editions/${f.editionId}/results`, admin.auth)).json().result.id).toBe(again.id);

    const pub = await post(`/api/editions/${f.editionId}/results/publish`, { resultId: result.id });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().result.publishedAt).not.toBeNull();
    expect(
      (await post(`/api/editions/${f.editionId}/results/publish`, { resultId: again.id })).json().error.code,
    ).toBe('RESULTS_PUBLISHED');
    expect((await post(`/api/editions/${f.editionId}/tally`, {})).json().error.code).toBe(
      'RESULTS_PUBLISHED',
    );

    const publicResult = (await get(`/api/editions/${f.editionId}/results`)).json().result;
    // Once published, the catalogue shows the votes too.
    const listed = (await get(`/api/editions/${f.editionId}/projects?sort=oldest`)).json().projects;
    expect(listed.map((p: { votes: number }) => p.votes)).toEqual([50, 40, 30, 0]);
    expect(publicResult.id).toBe(result.id);
    const statuses = (await get(`/api/editions/${f.editionId}/projects?sort=oldest`))
      .json()
      .projects.map((p: { status: string }) => p.status);
    expect(statuses).toEqual(['winner', 'not_selected', 'winner', 'not_selected']);
    const edition = (await get(`/api/editions/${f.editionId}`)).json().edition;
    expect(edition.phase).toBe('closed');
    const audit = (await get(`/api/admin/audit?entity=result&entityId=${result.id}`, admin.auth)).json()
      .entries;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['result.publish', 'result.tally']);
  });

  it('breaks ties by the earlier submission and applies the minimum vote threshold', async () => {
    const f = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 500_000 * UAH,
      minVotes: 5,
      projects: [
        { key: 'early', cost: 300_000 * UAH, votes: 20 },
        { key: 'late', cost: 300_000 * UAH, votes: 20 },
        { key: 'few', cost: 100_000 * UAH, votes: 4 },
      ],
    });
    const cat = (await post(`/api/editions/${f.editionId}/tally`, {})).json().result.categories[0];
    const sel = cat.projects
      .filter((p: { selected: boolean }) => p.selected)
      .map((p: { projectId: number }) => p.projectId);
    expect(sel).toEqual([f.projectIds.early]);
    expect(
      cat.projects.find((p: { projectId: number }) => p.projectId === f.projectIds.few).reason.code,
    ).toBe('below_threshold');
  });

  it('shows vote counts during voting only when the edition allows it', async () => {
    const hidden = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 1_000_000 * UAH,
      projects: STANDARD,
      phase: 'voting',
    });
    expect((await get(`/api/editions/${hidden.editionId}/projects`)).json().projects[0]).not.toHaveProperty(
      'votes',
    );
    const open = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 1_000_000 * UAH,
      projects: STANDARD,
      phase: 'voting',
      resultsVisibleDuringVoting: true,
    });
    const shown = (await get(`/api/editions/${open.editionId}/projects?sort=oldest`)).json().projects;
    expect(shown.map((p: { votes: number }) => p.votes)).toEqual([50, 40, 30, 0]);
    expect((await get(`/api/projects/${open.projectIds.B}`)).json().project.votes).toBe(40);
  });

  it('offers the Method of Equal Shares and records a lottery seed', async () => {
    const f = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 1_000_000 * UAH,
      projects: STANDARD,
      tieBreak: 'lottery',
    });
    const res = (await post(`/api/editions/${f.editionId}/tally`, { rule: 'mes' })).json().result;
    expect(res.rule).toBe('mes');
    expect(res.seed).toBe(res.inputsDigest);
    const spent = res.categories[0].projects
      .filter((p: { selected: boolean }) => p.selected)
      .reduce((s: number, p: { cost: number }) => s + p.cost, 0);
    expect(spent).toBeLessThanOrEqual(1_000_000 * UAH);
    expect(res.categories[0].allocated).toBe(spent);
  });
});

describe('statistics and open data', () => {
  let f: Awaited<ReturnType<typeof tallyFixture>>;
  beforeAll(async () => {
    f = await tallyFixture(t, { authorId: admin.user.id, fund: 1_000_000 * UAH, projects: STANDARD });
    const r = (await post(`/api/editions/${f.editionId}/tally`, {})).json().result;
    await post(`/api/editions/${f.editionId}/results/publish`, { resultId: r.id });
  });

  it('reports voters and votes by channel, category, day and ЦНАП location', async () => {
    const s = (await get(`/api/editions/${f.editionId}/stats`)).json();
    expect(s).toMatchObject({
      voters: 50,
      votes: 120,
      channels: { online: { votes: 105 }, cnap: { votes: 15, voters: 10 } },
    });
    // Online: voters 10–49 for A, 0–39 for B, 5–29 for C: all 50 people used the online channel too.
    expect(s.channels.online.voters).toBe(50);
    expect(s.categories).toEqual([{ categoryId: f.categoryId, name: 'Категорія', voters: 50, votes: 120 }]);
    expect(
      s.votesPerDay.reduce((n: number, d: { online: number; cnap: number }) => n + d.online + d.cnap, 0),
    ).toBe(120);
    expect(s.cnapLocations.reduce((n: number, l: { votes: number }) => n + l.votes, 0)).toBe(15);
  });

  it('exports projects, results and anonymised votes as CSV and JSON', async () => {
    const csv = await get(`/api/editions/${f.editionId}/export/votes.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('voter,projectId,categoryId,channel,day');
    expect(lines).toHaveLength(121);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(50);
    expect(lines[1]).toMatch(/^[0-9a-f]{16},\d+,\d+,(online|cnap),\d{4}-\d{2}-\d{2}$/);
    const json = (await get(`/api/editions/${f.editionId}/export/votes.json`)).json();
    expect(json.votes).toHaveLength(120);
    expect(JSON.stringify(json)).not.toMatch(/taxId|email|fullName|key_hash|@/);
    const results = await get(`/api/editions/${f.editionId}/export/results.csv`);
    expect(results.body).toContain('explanation');
    const projects = (await get(`/api/editions/${f.editionId}/export/projects.json`)).json().projects;
    expect(projects.map((p: { status: string }) => p.status)).toEqual([
      'winner',
      'not_selected',
      'winner',
      'not_selected',
    ]);
    expect((await get(`/api/editions/${f.editionId}/export/nope.csv`)).statusCode).toBe(400);
  });

  it('exports one pabulib instance per category that recomputes to the in-app winners', async () => {
    const res = await get(`/api/editions/${f.editionId}/export/votes.pb?categoryId=${f.categoryId}`);
    expect(res.statusCode).toBe(200);
    const inApp = (await get(`/api/editions/${f.editionId}/results`))
      .json()
      .result.categories[0].projects.filter((p: { selected: boolean }) => p.selected)
      .map((p: { projectId: number }) => String(p.projectId));
    expect(tallyPb(res.body, { rule: 'greedy' }).selected).toEqual(inApp);
    expect(res.body).toMatch(/vote_type;approval/);
    expect(res.body).toMatch(/budget;1000000\n/);
    expect((await get(`/api/editions/${f.editionId}/export/votes.pb`)).statusCode).toBe(400);
  });

  it('round-trips ties: earlier submission and a recorded lottery, for both rules', async () => {
    // Equal votes, and only one of each pair fits: the tie-break alone decides. The earlier
    // submission costs more, so "lower cost first" would pick the other one.
    const tied = [
      { key: 'early', cost: 600_000 * UAH, votes: 10 },
      { key: 'late', cost: 500_000 * UAH, votes: 10 },
      { key: 'x', cost: 400_000 * UAH, votes: 3 },
    ];
    for (const tieBreak of ['earlier_submission', 'lottery'] as const) {
      for (const rule of ['greedy', 'mes'] as const) {
        const g = await tallyFixture(t, {
          authorId: admin.user.id,
          fund: 1_000_000 * UAH,
          projects: tied,
          tieBreak,
        });
        const r = (await post(`/api/editions/${g.editionId}/tally`, { rule })).json().result;
        await post(`/api/editions/${g.editionId}/results/publish`, { resultId: r.id });
        const inApp = r.categories[0].projects
          .filter((p: { selected: boolean }) => p.selected)
          .map((p: { projectId: number }) => String(p.projectId));
        const pb = (await get(`/api/editions/${g.editionId}/export/votes.pb?categoryId=${g.categoryId}`))
          .body;
        expect(tallyPb(pb, { rule }).selected.sort(), `${tieBreak}/${rule}`).toEqual(inApp.sort());
        if (tieBreak === 'earlier_submission' && rule === 'greedy')
          expect(inApp).toContain(String(g.projectIds.early));
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePb } from '@bu/tally';
import { importPb } from '../src/cli/import-pb.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';

// The real pabulib elections committed with the tally engine: a missing file fails the test, never skips it.
const PABULIB = fileURLToPath(new URL('../../../packages/tally/test/fixtures/', import.meta.url));
const ZOLIBORZ = `${PABULIB}Poland_Warszawa_2023_Zoliborz.pb`;
const KATOWICE = `${PABULIB}Poland_Katowice_2021_Murcki.pb`;

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: '' },
  });
}

describe('pnpm cli tally', () => {
  it('prints the official Warsaw Żoliborz 2023 winners as JSON, in order of selection', () => {
    const r = cli('tally', '--pb', ZOLIBORZ, '--json');
    expect(r.status, r.stderr).toBe(0);
    const { selected } = JSON.parse(r.stdout);
    const official = parsePb(readFileSync(ZOLIBORZ, 'utf8'))
      .projects.filter((p) => p.selected)
      .map((p) => p.id);
    expect(selected).toHaveLength(18);
    expect([...selected].sort()).toEqual([...official].sort());
  });

  it('prints nothing but the JSON through the bin that `pnpm cli` runs, from the repository root', () => {
    const r = spawnSync(process.execPath, ['apps/api/bin/cli.mjs', 'tally', '--pb', ZOLIBORZ, '--json'], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).selected).toHaveLength(18);
  });

  it('refuses a cumulative-ballot file with a clear message and a non-zero exit', () => {
    const r = cli('tally', '--pb', KATOWICE, '--json');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Unsupported vote_type "cumulative"/);
  });

  it('names a bad argument', () => {
    const r = cli('tally', '--pb', ZOLIBORZ, '--rule', 'borda');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--rule/);
  });
});

describe('pnpm cli import-pb', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('loads a real instance as an edition whose in-app tally gives the official winners', async () => {
    const text = readFileSync(ZOLIBORZ, 'utf8');
    const r = await importPb(t.database.db, text, 'Poland_Warszawa_2023_Zoliborz.pb');
    expect(r).toMatchObject({ projects: 31, voters: 2506 });
    const admin = await createAccount(t, ['admin']);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/editions/${r.editionId}/tally`,
      headers: admin.auth,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const winners = res.json().result.categories[0].projects.filter((p: { selected: boolean }) => p.selected);
    const pbIdOf = new Map<number, string>();
    const list = (await t.app.inject({ url: `/api/editions/${r.editionId}/projects?pageSize=100` })).json()
      .projects;
    for (const p of list) pbIdOf.set(p.id, p.summary.replace('pabulib ', ''));
    const official = parsePb(text)
      .projects.filter((p) => p.selected)
      .map((p) => p.id)
      .sort();
    expect(winners.map((w: { projectId: number }) => pbIdOf.get(w.projectId)).sort()).toEqual(official);
    // Costs arrive as kopiykas: 100 × the file's whole złoty.
    const first = parsePb(text).projects[0]!;
    expect(list.find((p: { summary: string }) => p.summary === `pabulib ${first.id}`).totalCost).toBe(
      first.cost * 100,
    );
  });
});

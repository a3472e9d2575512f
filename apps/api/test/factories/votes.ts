import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { categories, editions, paperBallots, projects, voters, votes } from '../../src/db/schema.js';
import { phasesAt, type TestApp } from '../helpers.js';
import { costItemsFor } from './projects.js';

export interface TallyFixture {
  editionId: number;
  categoryId: number;
  projectIds: Record<string, number>;
}

/**
 * An edition whose voting has ended, one category, projects with the given cost and number of
 * votes (each vote from a distinct voter, rows straight into the tables: the vote path has its own
 * tests). Projects are submitted in the order given, so the first is the earliest.
 */
export async function tallyFixture(
  t: TestApp,
  o: {
    authorId: number;
    fund: number;
    projects: { key: string; cost: number; votes: number; cnap?: number }[];
    tieBreak?: 'earlier_submission' | 'lottery';
    minVotes?: number;
    phase?: 'voting' | 'tally';
    resultsVisibleDuringVoting?: boolean;
  },
): Promise<TallyFixture> {
  const db = t.database.db;
  const p = phasesAt(o.phase ?? 'tally');
  const [e] = await db
    .insert(editions)
    .values({
      title: 'Бюджет участі (підрахунок)',
      totalFund: o.fund,
      submissionStart: new Date(p.submissionStart),
      submissionEnd: new Date(p.submissionEnd),
      reviewEnd: new Date(p.reviewEnd),
      votingStart: new Date(p.votingStart),
      votingEnd: new Date(p.votingEnd),
      minVoterAge: 16,
      eligibility: 'residents',
      tallyRule: 'greedy',
      tieBreak: o.tieBreak ?? 'earlier_submission',
      minVotes: o.minVotes ?? 0,
      resultsVisibleDuringVoting: o.resultsVisibleDuringVoting ?? false,
    })
    .returning();
  const [c] = await db
    .insert(categories)
    .values({ editionId: e!.id, name: 'Категорія', fund: o.fund, minCost: 0, maxCost: o.fund, maxVotes: 10 })
    .returning();
  const projectIds: Record<string, number> = {};
  const base = Date.parse(p.submissionStart);
  for (const [i, spec] of o.projects.entries()) {
    const at = new Date(base + (i + 1) * 3_600_000);
    const [row] = await db
      .insert(projects)
      .values({
        editionId: e!.id,
        categoryId: c!.id,
        authorId: o.authorId,
        title: `Проєкт ${spec.key}`,
        summary: 's',
        description: 'd',
        address: 'a',
        costItems: costItemsFor(spec.cost),
        totalCost: spec.cost,
        status: 'admitted',
        firstSubmittedAt: at,
        lastSubmittedAt: at,
      })
      .returning();
    projectIds[spec.key] = row!.id;
  }
  const maxVoters = Math.max(0, ...o.projects.map((s) => s.votes));
  const voterRows = maxVoters
    ? await db
        .insert(voters)
        .values(
          Array.from({ length: maxVoters }, () => ({
            keyHash: randomBytes(32),
            birthDate: '1980-01-01',
            method: 'demo' as const,
          })),
        )
        .returning({ id: voters.id })
    : [];
  // A location for the paper share of the votes, when asked.
  const [operatorLocation] = await queryRows<{ id: number }>(
    db,
    sql`insert into cnap_locations (name, address) values (${'ЦНАП ' + randomBytes(3).toString('hex')}, 'вул. Галицька, 1') returning id`,
  );
  for (const spec of o.projects) {
    const rows = [];
    for (let k = 0; k < spec.votes; k++) {
      const voterId = voterRows[k]!.id;
      let ballotId: number | null = null;
      if (k < (spec.cnap ?? 0)) {
        const [b] = await db
          .insert(paperBallots)
          .values({
            editionId: e!.id,
            serial: `${spec.key}-${k}`,
            voterId,
            fullName: 'Особа',
            locationId: operatorLocation!.id,
            operatorId: o.authorId,
          })
          .returning();
        ballotId = b!.id;
      }
      rows.push({
        editionId: e!.id,
        categoryId: c!.id,
        projectId: projectIds[spec.key]!,
        voterId,
        channel: ballotId ? ('cnap' as const) : ('online' as const),
        ballotId,
      });
    }
    if (rows.length) await db.insert(votes).values(rows);
  }
  return { editionId: e!.id, categoryId: c!.id, projectIds };
}

/** The admin (`auth`) runs the tally of an ended edition and publishes that run; both must succeed. */
export async function tallyAndPublish(t: TestApp, editionId: number, auth: { authorization: string }) {
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: auth, payload });
  const tally = await post(`/api/editions/${editionId}/tally`, {});
  expect(tally.statusCode, tally.body).toBe(200);
  const pub = await post(`/api/editions/${editionId}/results/publish`, { resultId: tally.json().result.id });
  expect(pub.statusCode, pub.body).toBe(200);
}

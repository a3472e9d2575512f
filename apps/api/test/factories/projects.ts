import type { PROJECT_STATUSES } from '@bu/shared';
import { categories, editions, projects } from '../../src/db/schema.js';
import type { TestApp } from '../helpers.js';
import { phasesAt } from '../helpers.js';

type Status = (typeof PROJECT_STATUSES)[number];

/** One line of works for the whole amount: a project past draft must have a cost estimate (rules §14). */
export const costItemsFor = (total: number) => [{ name: 'Роботи', quantity: 1, unitCost: total, total }];

/**
 * Projects straight into the table (the projects module owns their life cycle; voting only needs
 * admitted rows to exist). Status 'admitted' unless told otherwise.
 */
export async function createProjects(
  t: TestApp,
  o: {
    editionId: number;
    categoryId: number;
    authorId: number;
    count?: number;
    status?: Status;
    title?: string;
  },
) {
  const rows = Array.from({ length: o.count ?? 1 }, (_, i) => ({
    editionId: o.editionId,
    categoryId: o.categoryId,
    authorId: o.authorId,
    title: `${o.title ?? 'Проєкт'} ${i + 1}`,
    summary: 'Короткий опис',
    description: 'Повний опис проєкту',
    address: 'вул. Незалежності, 1',
    costItems: costItemsFor(100_000_00),
    totalCost: 100_000_00,
    status: o.status ?? 'admitted',
    firstSubmittedAt: new Date(),
    lastSubmittedAt: new Date(),
  }));
  return t.database.db.insert(projects).values(rows).returning({ id: projects.id });
}

export interface VotingEdition {
  editionId: number;
  categories: { id: number; name: string; maxVotes: number; projectIds: number[] }[];
}

/**
 * An edition in the phase asked (voting by default) with its categories and admitted projects,
 * inserted directly: the editions API rightly refuses new categories once voting has begun.
 */
export async function createVotingEdition(
  t: TestApp,
  o: {
    authorId: number;
    phase?: Parameters<typeof phasesAt>[0];
    minVoterAge?: number;
    categories?: { name: string; maxVotes: number; projects?: number }[];
  },
): Promise<VotingEdition> {
  const p = phasesAt(o.phase ?? 'voting');
  const [edition] = await t.database.db
    .insert(editions)
    .values({
      title: 'Бюджет участі (тест)',
      totalFund: 100_000_000_00,
      submissionStart: new Date(p.submissionStart),
      submissionEnd: new Date(p.submissionEnd),
      reviewEnd: new Date(p.reviewEnd),
      votingStart: new Date(p.votingStart),
      votingEnd: new Date(p.votingEnd),
      minVoterAge: o.minVoterAge ?? 16,
      eligibility: 'residents',
      tallyRule: 'greedy',
      tieBreak: 'earlier_submission',
    })
    .returning({ id: editions.id });
  const specs = o.categories ?? [
    { name: 'Освітні проєкти', maxVotes: 2, projects: 4 },
    { name: 'Зелені проєкти', maxVotes: 1, projects: 3 },
  ];
  const out: VotingEdition['categories'] = [];
  for (const [i, c] of specs.entries()) {
    const [cat] = await t.database.db
      .insert(categories)
      .values({
        editionId: edition!.id,
        name: c.name,
        fund: 10_000_000_00,
        minCost: 0,
        maxCost: 1_000_000_00,
        maxVotes: c.maxVotes,
        position: i,
      })
      .returning({ id: categories.id });
    const ps = await createProjects(t, {
      editionId: edition!.id,
      categoryId: cat!.id,
      authorId: o.authorId,
      count: c.projects ?? 3,
      title: c.name,
    });
    out.push({ id: cat!.id, name: c.name, maxVotes: c.maxVotes, projectIds: ps.map((r) => r.id) });
  }
  return { editionId: edition!.id, categories: out };
}

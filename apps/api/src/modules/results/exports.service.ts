import { createHmac } from 'node:crypto';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { writePb, type PbInstance } from '@bu/tally';
import { queryRows, type Db } from '../../db/client.js';
import { categories, projects, users } from '../../db/schema.js';
import type { EditionRow } from '../editions/editions.repository.js';
import { ON_BALLOT } from './results.repository.js';
import type { StoredResultCategory } from './results.service.js';

/**
 * Open data (docs/rules.md §15). Voters appear only as an opaque id, stable within one edition and
 * unlinkable across editions: HMAC(VOTER_KEY_SECRET, edition, voter). No taxpayer numbers, names or
 * emails ever leave through here.
 */
export function exportsService(db: Db, voterKeySecret: string) {
  const opaque = (editionId: number, voterId: number) =>
    createHmac('sha256', voterKeySecret)
      .update(`open-data:${editionId}:${voterId}`)
      .digest('hex')
      .slice(0, 16);

  async function projectRows(editionId: number) {
    return db
      .select({ p: projects, authorName: users.fullName, category: categories.name })
      .from(projects)
      .innerJoin(categories, eq(categories.id, projects.categoryId))
      .innerJoin(users, eq(users.id, projects.authorId))
      .where(and(eq(projects.editionId, editionId), ne(projects.status, 'draft')))
      .orderBy(asc(projects.id));
  }

  /** Per winner with updates: money spent so far and the days its implementation reached each step. */
  function implementationDates(editionId: number) {
    return queryRows<{
      project_id: number;
      spent: number | null;
      started_on: string;
      last_on: string;
      implemented_on: string | null;
    }>(
      db,
      sql`select u.project_id,
            (select s.spent::float8 from implementation_updates s where s.project_id = u.project_id and s.spent is not null
              order by s.date desc, s.id desc limit 1) as spent,
            min(u.date)::text as started_on, max(u.date)::text as last_on,
            max(u.date) filter (where u.status = 'implemented')::text as implemented_on
          from implementation_updates u join projects p on p.id = u.project_id
          where p.edition_id = ${editionId} group by u.project_id`,
    );
  }

  async function voteRows(editionId: number, categoryId?: number) {
    const rows = await queryRows<{
      voter_id: number;
      project_id: number;
      category_id: number;
      channel: string;
      day: string;
    }>(
      db,
      sql`select v.voter_id, v.project_id, v.category_id, v.channel, to_char(v.created_at at time zone 'Europe/Kyiv', 'YYYY-MM-DD') as day
          from counted_votes v where v.edition_id = ${editionId} ${categoryId ? sql`and v.category_id = ${categoryId}` : sql``}
          order by v.voter_id, v.project_id`,
    );
    return rows.map((r) => ({
      voter: opaque(editionId, r.voter_id),
      projectId: r.project_id,
      categoryId: r.category_id,
      channel: r.channel,
      day: r.day,
    }));
  }

  return {
    async projects(editionId: number) {
      const progress = new Map((await implementationDates(editionId)).map((r) => [r.project_id, r] as const));
      return (await projectRows(editionId)).map(({ p, authorName, category }) => ({
        id: p.id,
        categoryId: p.categoryId,
        category,
        title: p.title,
        summary: p.summary,
        address: p.address,
        lat: p.lat,
        lng: p.lng,
        totalCost: p.totalCost,
        status: p.status,
        submittedAt: p.firstSubmittedAt?.toISOString() ?? null,
        author: p.showAuthorName ? authorName : null,
        spent: progress.get(p.id)?.spent ?? null,
        implementationStartedOn: progress.get(p.id)?.started_on ?? null,
        lastUpdateOn: progress.get(p.id)?.last_on ?? null,
        implementedOn: p.status === 'implemented' ? (progress.get(p.id)?.implemented_on ?? null) : null,
      }));
    },
    votes: voteRows,

    /** One pabulib instance for one category, with the published (or latest) result's selection. */
    async pb(
      edition: EditionRow,
      categoryId: number,
      result: { categories: StoredResultCategory[]; seed: string | null } | null,
    ): Promise<string | null> {
      const [cat] = await db
        .select()
        .from(categories)
        .where(and(eq(categories.id, categoryId), eq(categories.editionId, edition.id)));
      if (!cat) return null;
      const projs = await db
        .select()
        .from(projects)
        .where(and(eq(projects.categoryId, categoryId), inArray(projects.status, [...ON_BALLOT])))
        .orderBy(asc(projects.firstSubmittedAt), asc(projects.id));
      const votes = await voteRows(edition.id, categoryId);
      // Whole hryvnias when every amount allows it (as researchers expect), else kopiykas.
      const whole = cat.fund % 100 === 0 && projs.every((p) => p.totalCost % 100 === 0);
      const unit = whole ? 100 : 1;
      const selected = new Set(
        result?.categories
          .find((c) => c.categoryId === categoryId)
          ?.projects.filter((p) => p.selected)
          .map((p) => p.projectId),
      );
      const counts = new Map<number, number>();
      for (const v of votes) counts.set(v.projectId, (counts.get(v.projectId) ?? 0) + 1);
      const byVoter = new Map<string, string[]>();
      for (const v of votes)
        (byVoter.get(v.voter) ?? byVoter.set(v.voter, []).get(v.voter)!).push(String(v.projectId));
      const instance: PbInstance = {
        meta: {
          description: `${edition.title}: ${cat.name}`,
          country: 'Ukraine',
          unit: edition.title,
          instance: String(edition.votingStart.getUTCFullYear()),
          subunit: cat.name,
          budget: String(cat.fund / unit),
          vote_type: 'approval',
          rule: edition.tallyRule === 'mes' ? 'equalshares' : 'greedy',
          ...(edition.minVotes > 0 ? { min_project_score_threshold: String(edition.minVotes) } : {}),
          date_begin: edition.votingStart.toISOString().slice(0, 10),
          date_end: edition.votingEnd.toISOString().slice(0, 10),
          currency: whole ? 'UAH' : 'UAH kopiyka',
          language: 'uk',
          // How the app broke ties, so that the file recomputes to exactly the published winners.
          ...(edition.tieBreak === 'lottery' && result?.seed
            ? { tie_break: 'lottery', tie_break_seed: result.seed, tie_break_scope: String(categoryId) }
            : { tie_break: 'submission_order' }),
        },
        projects: projs.map((p, i) => ({
          id: String(p.id),
          cost: p.totalCost / unit,
          votes: counts.get(p.id) ?? 0,
          name: p.title,
          selected: result ? selected.has(p.id) : undefined,
          submission_order: String(i + 1),
        })),
        votes: [...byVoter].map(([voterId, projectIds]) => ({ voterId, projectIds })),
      };
      return writePb(instance);
    },
  };
}

import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { categories, projects, tallyResults } from '../../db/schema.js';

export type ResultRow = typeof tallyResults.$inferSelect;

/** Statuses a project has when it is on the ballot: before publication, and after it. */
export const ON_BALLOT = [
  'admitted',
  'winner',
  'not_selected',
  'in_progress',
  'implemented',
  'cancelled',
] as const;

export function resultsRepository(db: Db) {
  return {
    /** The categories and the projects on the ballot: what a tally reads besides the votes. */
    async ballot(editionId: number, tx: Db = db) {
      const cats = await tx
        .select({ id: categories.id, name: categories.name, fund: categories.fund })
        .from(categories)
        .where(eq(categories.editionId, editionId))
        .orderBy(categories.position, categories.id);
      const projs = await tx
        .select({
          id: projects.id,
          // Projects on the ballot are past draft, so the database holds their category (projects_complete).
          categoryId: sql<number>`${projects.categoryId}`,
          title: projects.title,
          cost: projects.totalCost,
          submittedAt: projects.firstSubmittedAt,
        })
        .from(projects)
        .where(and(eq(projects.editionId, editionId), inArray(projects.status, [...ON_BALLOT])))
        .orderBy(projects.id);
      return { categories: cats, projects: projs };
    },
    /** Every vote of the edition as two columns sorted by (project, voter), the digest's order. */
    async voteColumns(editionId: number, tx: Db = db) {
      // Columns, not objects: a city-wide vote is a million rows. Annulled votes are not inputs.
      const rows = await queryRows<{ v: number; p: number }>(
        tx,
        sql`select voter_id as v, project_id as p from counted_votes where edition_id = ${editionId} order by project_id, voter_id`,
      );
      const voters = new Int32Array(rows.length);
      const projectIds = new Int32Array(rows.length);
      rows.forEach((r, i) => ((voters[i] = r.v), (projectIds[i] = r.p)));
      return { voters, projects: projectIds };
    },
    /**
     * A summary of the edition's votes computed by the database, one row whatever their number: the
     * count and an order-free sum of per-vote hashes. Any vote added or removed changes it, so it
     * tells whether the votes a tally read are still the votes stored, without reading them again.
     */
    async voteSummary(editionId: number, tx: Db = db): Promise<string> {
      const [row] = await queryRows<{ n: string; h: string }>(
        tx,
        sql`select count(*)::text as n, coalesce(sum(hashint8((voter_id::bigint << 32) | project_id)), 0)::text as h
            from counted_votes where edition_id = ${editionId}`,
      );
      return `${row!.n}:${row!.h}`;
    },
    async insert(values: typeof tallyResults.$inferInsert, tx: Db = db) {
      const [row] = await tx.insert(tallyResults).values(values).returning();
      return row!;
    },
    async find(id: number, tx: Db = db): Promise<ResultRow | null> {
      const [row] = await tx.select().from(tallyResults).where(eq(tallyResults.id, id));
      return row ?? null;
    },
    async published(editionId: number, tx: Db = db): Promise<ResultRow | null> {
      const [row] = await tx
        .select()
        .from(tallyResults)
        .where(and(eq(tallyResults.editionId, editionId), isNotNull(tallyResults.publishedAt)));
      return row ?? null;
    },
    async latest(editionId: number, tx: Db = db): Promise<ResultRow | null> {
      const [row] = await tx
        .select()
        .from(tallyResults)
        .where(eq(tallyResults.editionId, editionId))
        .orderBy(desc(tallyResults.id))
        .limit(1);
      return row ?? null;
    },
    async markPublished(id: number, actorId: number, at: Date, tx: Db) {
      await tx
        .update(tallyResults)
        .set({ publishedAt: at, publishedBy: actorId })
        .where(eq(tallyResults.id, id));
    },
    async setStatuses(ids: number[], status: 'winner' | 'not_selected', tx: Db) {
      if (ids.length)
        await tx.update(projects).set({ status, updatedAt: new Date() }).where(inArray(projects.id, ids));
    },
  };
}

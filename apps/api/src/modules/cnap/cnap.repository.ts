import { asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { cnapLocations, operatorLocations } from '../../db/schema.js';

export function cnapRepository(db: Db) {
  return {
    /** null when the name is taken. */
    async create(values: { name: string; address: string }, tx: Db = db) {
      const [row] = await tx.insert(cnapLocations).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },
    list: (tx: Db = db) => tx.select().from(cnapLocations).orderBy(asc(cnapLocations.name)),
    async existingIds(ids: number[], tx: Db = db) {
      if (!ids.length) return [];
      const rows = await tx
        .select({ id: cnapLocations.id })
        .from(cnapLocations)
        .where(inArray(cnapLocations.id, ids));
      return rows.map((r) => r.id);
    },
    /** The locations an admin attached to this operator. */
    ofOperator: (operatorId: number, tx: Db = db) =>
      tx
        .select({ id: cnapLocations.id, name: cnapLocations.name, address: cnapLocations.address })
        .from(cnapLocations)
        .innerJoin(operatorLocations, eq(operatorLocations.locationId, cnapLocations.id))
        .where(eq(operatorLocations.userId, operatorId))
        .orderBy(asc(cnapLocations.name)),
    /**
     * Today (midnight in Kyiv: the day a ЦНАП works by, whatever the server's zone) and the editions in
     * voting now, each with the paper ballots this operator entered today, annulled ones left out.
     */
    async today(operatorId: number, tx: Db = db) {
      const [row] = await queryRows<{
        day: string;
        editions: { editionId: number; title: string; ballotsToday: number }[];
      }>(
        tx,
        sql`
        WITH d AS (SELECT date_trunc('day', now() AT TIME ZONE 'Europe/Kyiv') AS midnight)
        SELECT to_char(d.midnight, 'YYYY-MM-DD') AS day,
          coalesce(json_agg(json_build_object('editionId', e.id, 'title', e.title, 'ballotsToday',
            (SELECT count(*)::int FROM paper_ballots pb
              WHERE pb.operator_id = ${operatorId} AND pb.edition_id = e.id AND pb.annulment_id IS NULL
                AND pb.created_at >= d.midnight AT TIME ZONE 'Europe/Kyiv'))
            ORDER BY e.voting_end, e.id) FILTER (WHERE e.id IS NOT NULL), '[]'::json) AS editions
        FROM d LEFT JOIN editions e
          ON now() >= e.voting_start AND now() < e.voting_end AND e.results_published_at IS NULL
        GROUP BY d.midnight`,
      );
      return row!;
    },
  };
}

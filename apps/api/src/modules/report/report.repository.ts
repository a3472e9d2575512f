import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

const n = (v: unknown) => Number(v ?? 0);

/** The figures of the annual report that the participation statistics do not already give. */
export function reportRepository(db: Db) {
  return {
    async edition(editionId: number) {
      const [row] = await queryRows<{
        id: number;
        title: string;
        total_fund: string;
        voting_start: Date;
        voting_end: Date;
        results_published_at: Date | null;
      }>(
        db,
        sql`SELECT id, title, total_fund, voting_start, voting_end, results_published_at
            FROM editions WHERE id = ${editionId}`,
      );
      return row ?? null;
    },

    /** Submitted, admitted, rejected, returned and resubmitted projects, from their life cycle. */
    async projectCounts(editionId: number) {
      const [row] = await queryRows<Record<string, string>>(
        db,
        sql`SELECT
              count(*) FILTER (WHERE p.first_submitted_at IS NOT NULL) AS submitted,
              count(*) FILTER (WHERE p.status IN ('admitted', 'winner', 'not_selected', 'in_progress', 'implemented', 'cancelled')) AS admitted,
              count(*) FILTER (WHERE p.status = 'rejected') AS rejected,
              count(*) FILTER (WHERE ev.returns > 0) AS returned,
              count(*) FILTER (WHERE ev.returns > 0 AND ev.submits > 1) AS resubmitted,
              count(*) FILTER (WHERE p.status IN ('winner', 'in_progress', 'implemented', 'cancelled')) AS winners
            FROM projects p
            LEFT JOIN LATERAL (
              SELECT count(*) FILTER (WHERE e.action = 'return') AS returns,
                     count(*) FILTER (WHERE e.action = 'submit') AS submits
              FROM project_events e WHERE e.project_id = p.id
            ) ev ON true
            WHERE p.edition_id = ${editionId}`,
      );
      return {
        submitted: n(row?.submitted),
        admitted: n(row?.admitted),
        rejected: n(row?.rejected),
        returned: n(row?.returned),
        resubmitted: n(row?.resubmitted),
        winners: n(row?.winners),
      };
    },

    /** The working group's reasons for rejected projects, identical reasons grouped. */
    async rejectionReasons(editionId: number) {
      const rows = await queryRows<{ reason: string; projects: string }>(
        db,
        sql`SELECT reason, count(*) AS projects FROM (
              SELECT DISTINCT ON (p.id) btrim(e.reason) AS reason
              FROM projects p JOIN project_events e ON e.project_id = p.id AND e.action = 'reject'
              WHERE p.edition_id = ${editionId} AND p.status = 'rejected'
              ORDER BY p.id, e.id DESC
            ) last GROUP BY reason ORDER BY count(*) DESC, reason`,
      );
      return rows.map((r) => ({ reason: r.reason ?? '', projects: n(r.projects) }));
    },

    /** Per category: fund, admitted projects, winners and the money they were allocated. */
    async categories(editionId: number) {
      const rows = await queryRows<Record<string, string> & { id: number; name: string }>(
        db,
        sql`SELECT c.id, c.name, c.fund,
              count(p.id) FILTER (WHERE p.status IN ('admitted', 'winner', 'not_selected', 'in_progress', 'implemented', 'cancelled')) AS admitted,
              count(p.id) FILTER (WHERE p.status IN ('winner', 'in_progress', 'implemented', 'cancelled')) AS winners,
              coalesce(sum(p.total_cost) FILTER (WHERE p.status IN ('winner', 'in_progress', 'implemented', 'cancelled')), 0) AS allocated
            FROM categories c LEFT JOIN projects p ON p.category_id = c.id
            WHERE c.edition_id = ${editionId}
            GROUP BY c.id ORDER BY c.position, c.id`,
      );
      return rows.map((r) => ({
        categoryId: r.id,
        name: r.name,
        fund: n(r.fund),
        admitted: n(r.admitted),
        winners: n(r.winners),
        allocated: n(r.allocated),
      }));
    },

    /** The ЦНАП locations where this edition's paper ballots were taken, by name. */
    async locations(editionId: number) {
      return queryRows<{ id: number; name: string }>(
        db,
        sql`SELECT l.id, l.name FROM cnap_locations l
            WHERE l.id IN (SELECT location_id FROM paper_ballots WHERE edition_id = ${editionId})
            ORDER BY l.name`,
      );
    },

    /** The last published edition whose voting ended before this one's began. */
    async previous(editionId: number) {
      const [row] = await queryRows<{ id: number; title: string }>(
        db,
        sql`SELECT p.id, p.title FROM editions p, editions e
            WHERE e.id = ${editionId} AND p.id <> e.id AND p.results_published_at IS NOT NULL
              AND p.voting_end <= e.voting_start
            ORDER BY p.voting_end DESC LIMIT 1`,
      );
      return row ?? null;
    },
  };
}

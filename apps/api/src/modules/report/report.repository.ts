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

    /** Distinct voters and their votes per ЦНАП location. */
    async locations(editionId: number) {
      const rows = await queryRows<{ id: number; name: string; voters: string; votes: string }>(
        db,
        sql`SELECT l.id, l.name, count(DISTINCT v.voter_id) AS voters, count(v.id) AS votes
            FROM counted_votes v JOIN paper_ballots b ON b.id = v.ballot_id JOIN cnap_locations l ON l.id = b.location_id
            WHERE v.edition_id = ${editionId} AND v.channel = 'cnap'
            GROUP BY l.id, l.name ORDER BY l.name`,
      );
      return rows.map((r) => ({
        cnapLocationId: r.id,
        name: r.name,
        voters: n(r.voters),
        votes: n(r.votes),
      }));
    },

    /** Voters by age on the last day of voting, in the report's bands (merged later if small). */
    async ageBands(editionId: number, bands: readonly { band: string; from: number; to: number | null }[]) {
      const [row] = await queryRows<Record<string, string>>(
        db,
        sql`WITH people AS (
              SELECT DISTINCT v.voter_id,
                     extract(year FROM age((e.voting_end AT TIME ZONE 'Europe/Kyiv')::date, x.birth_date))::int AS age
              FROM counted_votes v JOIN voters x ON x.id = v.voter_id JOIN editions e ON e.id = v.edition_id
              WHERE v.edition_id = ${editionId}
            )
            SELECT ${sql.join(
              bands.map(
                (b, i) =>
                  sql`count(*) FILTER (WHERE age >= ${b.from}${b.to === null ? sql`` : sql` AND age <= ${b.to}`}) AS ${sql.raw(`b${i}`)}`,
              ),
              sql`, `,
            )}
            FROM people`,
      );
      return bands.map((b, i) => ({ band: b.band, voters: n(row?.[`b${i}`]) }));
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

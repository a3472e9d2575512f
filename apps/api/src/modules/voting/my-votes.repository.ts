import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

export interface MyVoteRow {
  project_id: number;
  title: string;
  category_id: number;
  category_name: string;
  channel: 'online' | 'cnap';
  ballot_serial: string | null;
  location_id: number | null;
  created_ms: number;
  annulment_kind: 'fraud' | 'entry_error' | null;
}

export interface AllowanceRow {
  category_id: number;
  category_name: string;
  used: number;
  max_votes: number;
}

/** What a person sees of their own votes: both channels, since the allowance is shared. */
export function myVotesRepository(db: Db) {
  return {
    async editionExists(editionId: number, tx: Db = db) {
      return (await queryRows(tx, sql`SELECT 1 FROM editions WHERE id = ${editionId}`)).length > 0;
    },
    votes(userId: number, editionId: number, tx: Db = db) {
      return queryRows<MyVoteRow>(
        tx,
        sql`
        SELECT vt.project_id, pr.title, vt.category_id, c.name AS category_name, vt.channel,
          pb.serial AS ballot_serial, pb.location_id, vt.annulment_kind,
          (extract(epoch FROM vt.created_at) * 1000)::float8 AS created_ms
        FROM users u
        JOIN votes vt ON vt.voter_id = u.voter_id AND vt.edition_id = ${editionId}
        JOIN projects pr ON pr.id = vt.project_id
        JOIN categories c ON c.id = vt.category_id
        LEFT JOIN paper_ballots pb ON pb.id = vt.ballot_id
        WHERE u.id = ${userId}
        ORDER BY c.position, c.id, vt.id`,
      );
    },
    /** Every category of the edition, with this person's used votes (0 when none or unverified). */
    allowance(userId: number, editionId: number, tx: Db = db) {
      return queryRows<AllowanceRow>(
        tx,
        sql`
        SELECT c.id AS category_id, c.name AS category_name, coalesce(vu.used, 0)::int AS used, c.max_votes
        FROM categories c
        LEFT JOIN users u ON u.id = ${userId}
        LEFT JOIN vote_usage vu ON vu.category_id = c.id AND vu.voter_id = u.voter_id
        WHERE c.edition_id = ${editionId}
        ORDER BY c.position, c.id`,
      );
    },
  };
}

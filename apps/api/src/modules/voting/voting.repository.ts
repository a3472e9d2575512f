import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import type { Session } from '../users/sessions.repository.js';

/** A PostgreSQL int[] literal, passed as ONE parameter (drizzle would expand a JS array into a list). */
export const intArray = (ids: number[]) => `{${ids.map((i) => Math.trunc(i)).join(',')}}`;

export interface VoteRow {
  project_id: number;
  category_id: number;
  channel: 'online' | 'cnap';
  ballot_id: number | null;
  created_ms: number;
}

export interface OnlineDiagnosis {
  edition_id: number | null;
  open: boolean | null;
  voting_start_ms: number | null;
  voting_end_ms: number | null;
  min_voter_age: number | null;
  user_id: number | null;
  session_ok: boolean | null;
  voter_id: number | null;
  /** The person's number was only typed in (demo), which does not count outside the demo. */
  declared_only: boolean | null;
  old_enough: boolean | null;
  not_admitted: number[] | null;
}

export interface ConflictRow {
  id: number;
  title: string;
  category_id: number;
  category_name: string;
  max_votes: number;
  voted_channel: 'online' | 'cnap' | null;
  used_online: number;
  used_cnap: number;
  /** An admin annulled this person's votes in the edition as fraud: their allowance is spent. */
  fraud: boolean;
}

export function votingRepository(db: Db) {
  return {
    /**
     * The online vote, all or none, in ONE statement (docs/rules.md §1). Eligibility and the phase are
     * conditions of `v`; `ok` refuses the whole request unless every project is admitted. The
     * allowance is the CHECK of vote_usage (23514 when exceeded) and "never twice" the unique index
     * of votes (23505): the database decides, not a prior read. `usage` locks the person's category
     * rows in category order before any vote of that category is inserted (`ins` joins its output),
     * so concurrent votes of one person serialise on those rows and cannot deadlock. The session
     * (not signed out, no password change since the token) is a condition of `v` too: the vote route
     * checks it here instead of in a query of its own (sessionCheckedInStatement).
     */
    castOnline(
      userId: number,
      session: Session,
      editionId: number,
      projectIds: number[],
      acceptDeclared: boolean,
      tx: Db = db,
    ) {
      const ids = intArray(projectIds);
      return queryRows<VoteRow>(
        tx,
        sql`
        WITH v AS (
          SELECT vr.id AS voter_id
          FROM users u
          JOIN voters vr ON vr.id = u.voter_id
          JOIN editions e ON e.id = ${editionId}
          WHERE u.id = ${userId}
            AND u.session_version = ${session.version}
            AND NOT EXISTS (SELECT 1 FROM revoked_tokens rt WHERE rt.jti = ${session.jti}::uuid)
            AND now() >= e.voting_start AND now() < e.voting_end AND e.results_published_at IS NULL
            AND vr.birth_date <= (current_date - make_interval(years => e.min_voter_age))
            AND (${acceptDeclared}::boolean OR vr.method <> 'demo')
        ),
        p AS (
          SELECT pr.id, pr.category_id, c.max_votes
          FROM projects pr JOIN categories c ON c.id = pr.category_id
          WHERE pr.id = ANY(${ids}::int[]) AND pr.edition_id = ${editionId} AND pr.status = 'admitted'
        ),
        ok AS (SELECT (SELECT count(*) FROM p) = cardinality(${ids}::int[]) AS ok),
        usage AS (
          INSERT INTO vote_usage AS vu (voter_id, category_id, used, max_votes)
          SELECT v.voter_id, p.category_id, count(*), max(p.max_votes)
          FROM v, p, ok WHERE ok.ok
          GROUP BY v.voter_id, p.category_id
          ORDER BY p.category_id
          ON CONFLICT (voter_id, category_id) DO UPDATE SET used = vu.used + EXCLUDED.used
          RETURNING vu.voter_id, vu.category_id
        ),
        ins AS (
          INSERT INTO votes (edition_id, category_id, project_id, voter_id, channel)
          SELECT ${editionId}, p.category_id, p.id, usage.voter_id, 'online'
          FROM p JOIN usage ON usage.category_id = p.category_id
          ORDER BY p.id
          RETURNING project_id, category_id, channel, ballot_id, created_at
        )
        SELECT project_id, category_id, channel, ballot_id, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
        FROM ins ORDER BY project_id`,
      );
    },

    /** Only on the failure path: why did castOnline store nothing? */
    async diagnoseOnline(
      userId: number,
      session: Session,
      editionId: number,
      projectIds: number[],
      tx: Db = db,
    ) {
      const ids = intArray(projectIds);
      const [row] = await queryRows<OnlineDiagnosis>(
        tx,
        sql`
        SELECT e.id AS edition_id,
          now() >= e.voting_start AND now() < e.voting_end AND e.results_published_at IS NULL AS open,
          (extract(epoch FROM e.voting_start) * 1000)::float8 AS voting_start_ms,
          (extract(epoch FROM e.voting_end) * 1000)::float8 AS voting_end_ms,
          e.min_voter_age, u.id AS user_id, vr.id AS voter_id,
          u.session_version = ${session.version}
            AND NOT EXISTS (SELECT 1 FROM revoked_tokens rt WHERE rt.jti = ${session.jti}::uuid) AS session_ok,
          vr.birth_date <= (current_date - make_interval(years => e.min_voter_age)) AS old_enough,
          vr.method = 'demo' AS declared_only,
          ARRAY(SELECT x FROM unnest(${ids}::int[]) AS x
                WHERE NOT EXISTS (SELECT 1 FROM projects pr WHERE pr.id = x AND pr.edition_id = e.id AND pr.status = 'admitted')
                ORDER BY x) AS not_admitted
        FROM (SELECT 1) AS one
        LEFT JOIN editions e ON e.id = ${editionId}
        LEFT JOIN users u ON u.id = ${userId}
        LEFT JOIN voters vr ON vr.id = u.voter_id`,
      );
      return row!;
    },

    /**
     * After a unique or CHECK violation: the requested projects with whether this person already
     * voted for each (and how), and the person's used votes per channel in each category.
     * `voter` is a scalar subquery naming the person (by account or by key hash). Votes annulled as
     * an entry error are as if never entered; fraud-annulled ones still hold their place.
     */
    conflictDetail(voter: SQL, projectIds: number[], tx: Db = db) {
      return queryRows<ConflictRow>(
        tx,
        sql`
        WITH me AS (SELECT (${voter}) AS id),
        held AS (SELECT vt.* FROM votes vt, me WHERE vt.voter_id = me.id AND vt.annulment_kind IS DISTINCT FROM 'entry_error')
        SELECT pr.id, pr.title, pr.category_id, c.name AS category_name, c.max_votes,
          (SELECT vt.channel FROM held vt WHERE vt.project_id = pr.id) AS voted_channel,
          (SELECT count(*)::int FROM held vt WHERE vt.category_id = pr.category_id AND vt.channel = 'online') AS used_online,
          (SELECT count(*)::int FROM held vt WHERE vt.category_id = pr.category_id AND vt.channel = 'cnap') AS used_cnap,
          EXISTS (SELECT 1 FROM annulments a WHERE a.voter_id = me.id AND a.edition_id = pr.edition_id AND a.kind = 'fraud') AS fraud
        FROM me, projects pr JOIN categories c ON c.id = pr.category_id
        WHERE pr.id = ANY(${intArray(projectIds)}::int[])
        ORDER BY pr.id`,
      );
    },
  };
}
export type VotingRepository = ReturnType<typeof votingRepository>;

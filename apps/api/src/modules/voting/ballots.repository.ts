import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { intArray, type VoteRow } from './voting.repository.js';

export interface PaperBallotInput {
  editionId: number;
  operatorId: number;
  locationId: number;
  serial: string;
  fullName: string;
  keyHex: string;
  birthDate: string;
  projectIds: number[];
}

export interface BallotDiagnosis {
  at_location: boolean;
  own_ballot: boolean;
  edition_id: number | null;
  open: boolean | null;
  voting_start_ms: number | null;
  voting_end_ms: number | null;
  min_voter_age: number | null;
  old_enough: boolean | null;
  not_admitted: number[] | null;
}

export function ballotsRepository(db: Db) {
  return {
    /**
     * A paper ballot, all or none, in ONE statement: the same allowance rows and unique index as the
     * online vote (voting.repository.ts), so both channels share one allowance. `vr` finds or creates
     * the person by key hash; its ON CONFLICT row lock serialises ballots of one person. The serial's
     * unique index (23505 paper_ballots_edition_serial_key) refuses a ballot entered twice. The
     * accepted ballot's audit entry is part of the statement: no ballot without its trace.
     */
    cast(b: PaperBallotInput, tx: Db = db) {
      const ids = intArray(b.projectIds);
      return queryRows<VoteRow>(
        tx,
        sql`
        WITH e AS (
          SELECT e.id FROM editions e
          WHERE e.id = ${b.editionId}
            AND now() >= e.voting_start AND now() < e.voting_end AND e.results_published_at IS NULL
            AND ${b.birthDate}::date <= (current_date - make_interval(years => e.min_voter_age))
            AND EXISTS (SELECT 1 FROM operator_locations ol JOIN users u ON u.id = ol.user_id
                        WHERE ol.user_id = ${b.operatorId} AND ol.location_id = ${b.locationId} AND 'operator' = ANY(u.roles))
            AND NOT EXISTS (SELECT 1 FROM users u JOIN voters x ON x.id = u.voter_id
                            WHERE u.id = ${b.operatorId} AND x.key_hash = decode(${b.keyHex}, 'hex'))
        ),
        p AS (
          SELECT pr.id, pr.category_id, c.max_votes
          FROM projects pr JOIN categories c ON c.id = pr.category_id
          WHERE pr.id = ANY(${ids}::int[]) AND pr.edition_id = ${b.editionId} AND pr.status = 'admitted'
        ),
        ok AS (SELECT (SELECT count(*) FROM p) = cardinality(${ids}::int[]) AS ok),
        vr AS (
          INSERT INTO voters AS x (key_hash, birth_date, method, verified_by)
          SELECT decode(${b.keyHex}, 'hex'), ${b.birthDate}::date, 'cnap', ${b.operatorId} FROM e, ok WHERE ok.ok
          ON CONFLICT (key_hash) DO UPDATE SET key_hash = EXCLUDED.key_hash
          RETURNING x.id
        ),
        ballot AS (
          INSERT INTO paper_ballots (edition_id, serial, voter_id, full_name, location_id, operator_id)
          SELECT ${b.editionId}, ${b.serial}, vr.id, ${b.fullName}, ${b.locationId}, ${b.operatorId} FROM vr
          RETURNING id, voter_id
        ),
        usage AS (
          INSERT INTO vote_usage AS vu (voter_id, category_id, used, max_votes)
          SELECT ballot.voter_id, p.category_id, count(*), max(p.max_votes)
          FROM ballot, p
          GROUP BY ballot.voter_id, p.category_id
          ORDER BY p.category_id
          ON CONFLICT (voter_id, category_id) DO UPDATE SET used = vu.used + EXCLUDED.used
          RETURNING vu.voter_id, vu.category_id
        ),
        ins AS (
          INSERT INTO votes (edition_id, category_id, project_id, voter_id, channel, ballot_id)
          SELECT ${b.editionId}, p.category_id, p.id, usage.voter_id, 'cnap', ballot.id
          FROM p JOIN usage ON usage.category_id = p.category_id CROSS JOIN ballot
          ORDER BY p.id
          RETURNING project_id, category_id, channel, ballot_id, created_at
        ),
        audit AS (
          INSERT INTO audit_log (actor_id, action, entity, entity_id, data)
          SELECT ${b.operatorId}, 'ballot.accepted', 'paper_ballot', ballot.id::text,
            jsonb_build_object('editionId', ${b.editionId}::int, 'serial', ${b.serial}::text, 'locationId', ${b.locationId}::int,
                               'projectIds', ${ids}::int[])
          FROM ballot
        )
        SELECT project_id, category_id, channel, ballot_id, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
        FROM ins ORDER BY project_id`,
      );
    },

    /**
     * A person's allowance per category as an operator sees it before the ballot is typed, with what
     * the operator's authority and the edition's phase allow (one round trip).
     */
    async allowance(
      b: { editionId: number; operatorId: number; locationId: number; keyHex: string; birthDate: string },
      tx: Db = db,
    ) {
      const [row] = await queryRows<{
        at_location: boolean;
        edition_id: number | null;
        open: boolean | null;
        voting_start_ms: number | null;
        voting_end_ms: number | null;
        old_enough: boolean | null;
        categories: { categoryId: number; maxVotes: number; used: number }[] | null;
      }>(
        tx,
        sql`
        SELECT
          EXISTS (SELECT 1 FROM operator_locations ol JOIN users u ON u.id = ol.user_id
                  WHERE ol.user_id = ${b.operatorId} AND ol.location_id = ${b.locationId} AND 'operator' = ANY(u.roles)) AS at_location,
          e.id AS edition_id,
          now() >= e.voting_start AND now() < e.voting_end AS open,
          (extract(epoch FROM e.voting_start) * 1000)::float8 AS voting_start_ms,
          (extract(epoch FROM e.voting_end) * 1000)::float8 AS voting_end_ms,
          ${b.birthDate}::date <= (current_date - make_interval(years => e.min_voter_age)) AS old_enough,
          (SELECT coalesce(json_agg(json_build_object('categoryId', c.id, 'maxVotes', c.max_votes,
                    'used', coalesce(vu.used, 0)) ORDER BY c.position, c.id), '[]'::json)
             FROM categories c
             LEFT JOIN voters v ON v.key_hash = decode(${b.keyHex}, 'hex')
             LEFT JOIN vote_usage vu ON vu.voter_id = v.id AND vu.category_id = c.id
            WHERE c.edition_id = e.id) AS categories
        FROM (SELECT 1) AS one LEFT JOIN editions e ON e.id = ${b.editionId}`,
      );
      return row!;
    },

    /** Only on the failure path: why did `cast` store nothing? */
    async diagnose(b: PaperBallotInput, tx: Db = db) {
      const ids = intArray(b.projectIds);
      const [row] = await queryRows<BallotDiagnosis>(
        tx,
        sql`
        SELECT
          EXISTS (SELECT 1 FROM operator_locations ol JOIN users u ON u.id = ol.user_id
                  WHERE ol.user_id = ${b.operatorId} AND ol.location_id = ${b.locationId} AND 'operator' = ANY(u.roles)) AS at_location,
          EXISTS (SELECT 1 FROM users u JOIN voters x ON x.id = u.voter_id
                  WHERE u.id = ${b.operatorId} AND x.key_hash = decode(${b.keyHex}, 'hex')) AS own_ballot,
          e.id AS edition_id,
          now() >= e.voting_start AND now() < e.voting_end AND e.results_published_at IS NULL AS open,
          (extract(epoch FROM e.voting_start) * 1000)::float8 AS voting_start_ms,
          (extract(epoch FROM e.voting_end) * 1000)::float8 AS voting_end_ms,
          e.min_voter_age,
          ${b.birthDate}::date <= (current_date - make_interval(years => e.min_voter_age)) AS old_enough,
          ARRAY(SELECT x FROM unnest(${ids}::int[]) AS x
                WHERE NOT EXISTS (SELECT 1 FROM projects pr WHERE pr.id = x AND pr.edition_id = e.id AND pr.status = 'admitted')
                ORDER BY x) AS not_admitted
        FROM (SELECT 1) AS one LEFT JOIN editions e ON e.id = ${b.editionId}`,
      );
      return row!;
    },
  };
}
export type BallotsRepository = ReturnType<typeof ballotsRepository>;

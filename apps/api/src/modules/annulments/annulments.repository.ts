import { sql } from 'drizzle-orm';
import type { AnnulledSummary, AnnulmentKind } from '@bu/shared';
import { queryRows, type Db } from '../../db/client.js';

/** Whose votes: the person (voters row) and, for a paper ballot, that ballot only. */
export interface AnnulTarget {
  voter_id: number;
  user_id: number | null;
  ballot_id: number | null;
}

export type TargetKey = { userId: number } | { keyHex: string } | { serial: string };

export interface AnnulmentRow {
  id: number;
  edition_id: number;
  kind: AnnulmentKind;
  reason: string;
  target: 'user' | 'tax_id' | 'ballot';
  user_id: number | null;
  ballot_serial: string | null;
  votes: number;
  created_by: number;
  created_by_name: string;
  created_ms: number;
}

export function annulmentsRepository(db: Db) {
  return {
    /**
     * The person behind an account, a taxpayer number's key hash, or a live paper ballot of this
     * edition. A ballot already annulled is no target: its serial may now belong to its re-entry.
     */
    async findTarget(editionId: number, key: TargetKey, tx: Db = db): Promise<AnnulTarget | null> {
      const linked = (voter: ReturnType<typeof sql>) =>
        sql`(SELECT u.id FROM users u WHERE u.voter_id = ${voter})`;
      const query =
        'userId' in key
          ? sql`SELECT u.voter_id, u.id AS user_id, NULL::int AS ballot_id
                FROM users u WHERE u.id = ${key.userId} AND u.voter_id IS NOT NULL`
          : 'keyHex' in key
            ? sql`SELECT vr.id AS voter_id, ${linked(sql`vr.id`)} AS user_id, NULL::int AS ballot_id
                  FROM voters vr WHERE vr.key_hash = decode(${key.keyHex}, 'hex')`
            : sql`SELECT pb.voter_id, ${linked(sql`pb.voter_id`)} AS user_id, pb.id AS ballot_id
                  FROM paper_ballots pb
                  WHERE pb.edition_id = ${editionId} AND pb.serial = ${key.serial} AND pb.annulment_id IS NULL`;
      const [row] = await queryRows<AnnulTarget>(tx, query);
      return row ?? null;
    },

    /**
     * Takes the person's locks in the order the vote statements take them (decision 003), so an
     * annulment and a concurrent vote of the same person serialise instead of deadlocking: first the
     * voters row, which a paper ballot locks FOR UPDATE through its ON CONFLICT (NO KEY UPDATE here,
     * so an online vote's foreign-key check still passes), then the allowance rows in category order.
     * For `fraud` it also spends what is left: a person whose votes were fraudulent does not vote
     * again in this edition.
     */
    async lockAllowance(editionId: number, voterId: number, kind: AnnulmentKind, tx: Db) {
      await tx.execute(sql`SELECT 1 FROM voters WHERE id = ${voterId} FOR NO KEY UPDATE`);
      if (kind === 'fraud')
        await tx.execute(sql`
          INSERT INTO vote_usage AS vu (voter_id, category_id, used, max_votes)
          SELECT ${voterId}, c.id, c.max_votes, c.max_votes FROM categories c
          WHERE c.edition_id = ${editionId} ORDER BY c.id
          ON CONFLICT (voter_id, category_id) DO UPDATE SET used = vu.max_votes`);
      else
        await tx.execute(sql`
          SELECT 1 FROM vote_usage vu
          WHERE vu.voter_id = ${voterId}
            AND vu.category_id IN (SELECT c.id FROM categories c WHERE c.edition_id = ${editionId})
          ORDER BY vu.category_id FOR UPDATE`);
    },

    /**
     * Marks the votes (and paper ballots) annulled and, for an entry error, gives back exactly the
     * votes this statement marked: `freed` counts the UPDATE's own output, so a vote is never given
     * back twice. No row when there is nothing left to annul.
     */
    async annul(
      a: {
        editionId: number;
        kind: AnnulmentKind;
        reason: string;
        target: 'user' | 'tax_id' | 'ballot';
        who: AnnulTarget;
        actorId: number;
      },
      tx: Db,
    ) {
      const { voter_id: voterId, ballot_id: ballotId, user_id: userId } = a.who;
      const ofBallot = (col: ReturnType<typeof sql>) =>
        ballotId === null ? sql`` : sql`AND ${col} = ${ballotId}`;
      const [row] = await queryRows<{ id: number; votes: number }>(
        tx,
        sql`
        WITH n AS (
          SELECT count(*)::int AS n FROM votes vt
          WHERE vt.edition_id = ${a.editionId} AND vt.voter_id = ${voterId} AND vt.annulment_id IS NULL
            ${ofBallot(sql`vt.ballot_id`)}
        ),
        a AS (
          INSERT INTO annulments (edition_id, kind, reason, target, voter_id, user_id, ballot_id, votes, created_by)
          SELECT ${a.editionId}, ${a.kind}, ${a.reason}, ${a.target}, ${voterId}, ${userId}, ${ballotId}, n.n, ${a.actorId}
          FROM n WHERE n.n > 0
          RETURNING id, kind
        ),
        marked AS (
          UPDATE votes vt SET annulment_id = a.id, annulment_kind = a.kind FROM a
          WHERE vt.edition_id = ${a.editionId} AND vt.voter_id = ${voterId} AND vt.annulment_id IS NULL
            ${ofBallot(sql`vt.ballot_id`)}
          RETURNING vt.category_id
        ),
        ballots AS (
          UPDATE paper_ballots pb SET annulment_id = a.id, annulment_kind = a.kind FROM a
          WHERE pb.edition_id = ${a.editionId} AND pb.voter_id = ${voterId} AND pb.annulment_id IS NULL
            ${ofBallot(sql`pb.id`)}
          RETURNING pb.id
        ),
        freed AS (
          UPDATE vote_usage vu SET used = vu.used - m.n
          FROM (SELECT category_id, count(*)::int AS n FROM marked GROUP BY category_id) m
          WHERE ${a.kind} = 'entry_error' AND vu.voter_id = ${voterId} AND vu.category_id = m.category_id
          RETURNING vu.category_id
        )
        SELECT a.id, (SELECT count(*) FROM marked)::int AS votes,
          (SELECT count(*) FROM ballots)::int AS ballots, (SELECT count(*) FROM freed)::int AS freed
        FROM a`,
      );
      return row ?? null;
    },

    list(editionId: number, tx: Db = db, id?: number) {
      return queryRows<AnnulmentRow>(
        tx,
        sql`
        SELECT a.id, a.edition_id, a.kind, a.reason, a.target, a.user_id, pb.serial AS ballot_serial, a.votes,
          a.created_by, cu.full_name AS created_by_name, (extract(epoch FROM a.created_at) * 1000)::float8 AS created_ms
        FROM annulments a
        JOIN users cu ON cu.id = a.created_by
        LEFT JOIN paper_ballots pb ON pb.id = a.ballot_id
        WHERE a.edition_id = ${editionId} ${id === undefined ? sql`` : sql`AND a.id = ${id}`}
        ORDER BY a.id DESC`,
      );
    },

    /** The public figures: totals from the votes themselves, reasons grouped as the admins wrote them. */
    async summary(editionId: number, tx: Db = db): Promise<AnnulledSummary> {
      // One after the other: `tx` may be a transaction, which runs one query at a time anyway.
      const [totals] = await queryRows<{ voters: number; votes: number }>(
        tx,
        sql`SELECT count(DISTINCT voter_id)::int AS voters, count(*)::int AS votes
            FROM votes WHERE edition_id = ${editionId} AND annulment_id IS NOT NULL`,
      );
      const reasons = await queryRows<{ kind: AnnulmentKind; reason: string; voters: number; votes: number }>(
        tx,
        sql`SELECT kind, reason, count(DISTINCT voter_id)::int AS voters, sum(votes)::int AS votes
            FROM annulments WHERE edition_id = ${editionId}
            GROUP BY kind, reason ORDER BY sum(votes) DESC, kind, reason`,
      );
      return { voters: totals?.voters ?? 0, votes: totals?.votes ?? 0, reasons };
    },
  };
}
export type AnnulmentsRepository = ReturnType<typeof annulmentsRepository>;

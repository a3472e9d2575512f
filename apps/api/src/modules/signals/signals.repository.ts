import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

/** Accounts for a vote are made ahead of it: registrations this long before voting are watched. */
export const REGISTRATION_LEAD_DAYS = 30;
/** Whatever happens to editions, no address hash outlives this. */
export const ADDRESS_MAX_DAYS = 120;
/** Rows one registration sweeps at most: the sign-up stays fast even after a big vote ends. */
export const PURGE_BATCH = 500;

/**
 * HMAC of the address with a key derived from VOTER_KEY_SECRET for this one purpose: equal addresses
 * give equal hashes, and without the secret a hash cannot be matched against the 2^32 IPv4 addresses.
 */
export function addressHashHex(voterKeySecret: string, ip: string): string {
  const key = createHmac('sha256', voterKeySecret).update('registration-address:v1').digest();
  return createHmac('sha256', key).update(ip).digest('hex');
}

/** Rows an unpublished edition's voting window (with its lead) covers: the only time a hash is kept. */
const watched = (at: ReturnType<typeof sql>) => sql`EXISTS (
  SELECT 1 FROM editions e WHERE e.results_published_at IS NULL
    AND ${at} >= e.voting_start - make_interval(days => ${REGISTRATION_LEAD_DAYS}) AND ${at} < e.voting_end)`;

export interface HourRow {
  key: string;
  label: string;
  hour_ms: number;
  n: number;
}

export function signalsRepository(db: Db) {
  /**
   * The cheap, bounded part of `purgeAddresses`, for the registration path: every hash older than
   * the earliest window an unpublished edition still has (all of them when none has one), and any
   * older than ADDRESS_MAX_DAYS, at most PURGE_BATCH at a time, oldest first along the created_at
   * index. A hash in a gap between two editions' windows waits for the full purge or for the cap.
   */
  async function purgeExpired(tx: Db = db) {
    await tx.execute(sql`
      DELETE FROM registration_addresses WHERE user_id IN (
        SELECT user_id FROM registration_addresses
        WHERE created_at < GREATEST(
          now() - make_interval(days => ${ADDRESS_MAX_DAYS}),
          COALESCE((SELECT min(voting_start) - make_interval(days => ${REGISTRATION_LEAD_DAYS})
                    FROM editions WHERE results_published_at IS NULL), now()))
        ORDER BY created_at LIMIT ${PURGE_BATCH})`);
  }

  return {
    purgeExpired,
    /**
     * Kept only while some vote is near or open; outside that, nothing is stored at all. Each
     * registration also sweeps what has expired (`purgeExpired`), so hashes go when the voting
     * period is over even if no admin opens the signals and nothing is published.
     */
    async recordRegistration(userId: number, hashHex: string, tx: Db = db) {
      await purgeExpired(tx);
      await tx.execute(sql`
        INSERT INTO registration_addresses (user_id, address_hash)
        SELECT ${userId}, decode(${hashHex}, 'hex') WHERE ${watched(sql`now()`)}
        ON CONFLICT (user_id) DO NOTHING`);
    },

    /**
     * Drops the hashes no unpublished edition needs any more: run at every publication and whenever
     * an admin opens the signals, so nothing depends on a scheduler or on one process's memory.
     */
    async purgeAddresses(tx: Db = db) {
      await tx.execute(sql`
        DELETE FROM registration_addresses ra
        WHERE ra.created_at < now() - make_interval(days => ${ADDRESS_MAX_DAYS}) OR NOT ${watched(sql`ra.created_at`)}`);
    },

    /**
     * Every hourly count the signals page shows, as (series key, label, hour, count). Identity checks
     * come from the audit log (each one writes `identity.<method>` there, with the operator as actor).
     */
    hourly(editionId: number, from: Date, to: Date, tx: Db = db) {
      const hour = (col: ReturnType<typeof sql>) =>
        sql`(extract(epoch FROM date_trunc('hour', ${col})) * 1000)::float8`;
      return queryRows<HourRow>(
        tx,
        sql`
        SELECT 'registrations' AS key, '' AS label, ${hour(sql`u.created_at`)} AS hour_ms, count(*)::int AS n
        FROM users u WHERE u.created_at >= ${from} AND u.created_at < ${to} GROUP BY 3
        UNION ALL
        SELECT 'method:' || substr(a.action, 10), '', ${hour(sql`a.at`)}, count(*)::int
        FROM audit_log a WHERE a.action LIKE 'identity.%' AND a.at >= ${from} AND a.at < ${to} GROUP BY 1, 3
        UNION ALL
        SELECT 'verifier:' || a.actor_id, coalesce(u.full_name, ''), ${hour(sql`a.at`)}, count(*)::int
        FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'identity.cnap' AND a.at >= ${from} AND a.at < ${to} GROUP BY 1, 2, 3
        UNION ALL
        SELECT 'operator:' || b.operator_id, u.full_name, ${hour(sql`b.created_at`)}, count(*)::int
        FROM paper_ballots b JOIN users u ON u.id = b.operator_id
        WHERE b.edition_id = ${editionId} GROUP BY 1, 2, 3
        ORDER BY 1, 3`,
      );
    },

    /** How many addresses registered 1, 2, 3 … accounts in the window: the baseline of the next query. */
    addressHistogram(from: Date, to: Date, tx: Db = db) {
      return queryRows<{ accounts: number; addresses: number }>(
        tx,
        sql`
        SELECT n AS accounts, count(*)::int AS addresses FROM (
          SELECT count(*)::int AS n FROM registration_addresses
          WHERE created_at >= ${from} AND created_at < ${to} GROUP BY address_hash) x
        GROUP BY n ORDER BY n`,
      );
    },

    /** Addresses shared by several accounts, most first; the label is a prefix of the keyed hash. */
    sharedAddresses(from: Date, to: Date, limit: number, tx: Db = db) {
      return queryRows<{ address: string; accounts: number; first_ms: number; last_ms: number }>(
        tx,
        sql`
        SELECT substr(encode(address_hash, 'hex'), 1, 10) AS address, count(*)::int AS accounts,
          (extract(epoch FROM min(created_at)) * 1000)::float8 AS first_ms,
          (extract(epoch FROM max(created_at)) * 1000)::float8 AS last_ms
        FROM registration_addresses
        WHERE created_at >= ${from} AND created_at < ${to}
        GROUP BY address_hash HAVING count(*) > 1
        ORDER BY count(*) DESC, min(created_at) LIMIT ${limit}`,
      );
    },
  };
}
export type SignalsRepository = ReturnType<typeof signalsRepository>;

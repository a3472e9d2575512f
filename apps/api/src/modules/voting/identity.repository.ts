import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

export type IdentityMethod = 'demo' | 'cnap' | 'oidc';

export interface LinkRequest {
  userId: number;
  keyHex: string;
  birthDate: string;
  method: IdentityMethod;
  /** The operator who checked the documents in person (method 'cnap'). */
  verifiedBy: number | null;
  /** With method 'oidc': which provider ('oidc' or 'idgovua') and how the person proved it there. */
  provider?: string | null;
  authType?: string | null;
}

export interface IdentityRow {
  voter_id: number;
  method: IdentityMethod;
  birth_date: string;
}

export function identityRepository(db: Db) {
  return {
    /** The account row, locked, with whether its current identity (if any) is this key. */
    async lockAccount(userId: number, keyHex: string, tx: Db) {
      const [row] = await queryRows<{ id: number; voter_id: number | null; same: boolean | null }>(
        tx,
        sql`
        SELECT u.id, u.voter_id, vr.key_hash = decode(${keyHex}, 'hex') AS same
        FROM users u LEFT JOIN voters vr ON vr.id = u.voter_id
        WHERE u.id = ${userId}
        FOR UPDATE OF u`,
      );
      return row ?? null;
    },

    /**
     * Finds or creates the person by key hash. A person first met at ЦНАП (paper ballot) already has
     * a row: linking it joins their paper and online votes under one allowance. An in-person check
     * is the strongest proof, so it upgrades the method; a self-declaration never downgrades one.
     * A provider's proof never upgrades a self-declared row here: the row belongs to whoever typed
     * the number, who need not be the person the provider proved (docs/identity.md, "Known limits").
     * Only the account that declared it may have its own claim proven (`proveOwnClaim`).
     */
    async upsertVoter(r: LinkRequest, tx: Db) {
      const [row] = await queryRows<IdentityRow>(
        tx,
        sql`
        INSERT INTO voters AS vr (key_hash, birth_date, method, verified_by, provider, auth_type)
        VALUES (decode(${r.keyHex}, 'hex'), ${r.birthDate}::date, ${r.method}, ${r.verifiedBy},
                ${r.provider ?? null}, ${r.authType ?? null})
        ON CONFLICT (key_hash) DO UPDATE SET
          method = CASE WHEN EXCLUDED.method = 'cnap' THEN 'cnap' ELSE vr.method END,
          verified_by = CASE WHEN EXCLUDED.method = 'cnap' THEN EXCLUDED.verified_by ELSE vr.verified_by END,
          provider = COALESCE(EXCLUDED.provider, vr.provider),
          auth_type = CASE WHEN EXCLUDED.provider IS NULL THEN vr.auth_type ELSE EXCLUDED.auth_type END
        RETURNING vr.id AS voter_id, vr.method, to_char(vr.birth_date, 'YYYY-MM-DD') AS birth_date`,
      );
      return row!;
    },

    /** The person of this key hash, locked, with the account holding it (if any). */
    async byKey(keyHex: string, tx: Db) {
      const [row] = await queryRows<{ voter_id: number; method: IdentityMethod; user_id: number | null }>(
        tx,
        sql`
        SELECT vr.id AS voter_id, vr.method, u.id AS user_id
        FROM voters vr LEFT JOIN users u ON u.voter_id = vr.id
        WHERE vr.key_hash = decode(${keyHex}, 'hex')
        FOR UPDATE OF vr`,
      );
      return row ?? null;
    },
    /**
     * A self-declared number proven by the provider for the very account that declared it: the
     * account now holds a proven identity. Called only after checking the account holds this row.
     */
    async proveOwnClaim(voterId: number, provider: string | null, authType: string | null, tx: Db) {
      await tx.execute(sql`
        UPDATE voters SET method = 'oidc', provider = ${provider}, auth_type = ${authType}
        WHERE id = ${voterId} AND method = 'demo'`);
    },
    /** users.voter_id is unique: a number held by another account fails here with 23505. */
    async link(userId: number, voterId: number, tx: Db) {
      await tx.execute(sql`UPDATE users SET voter_id = ${voterId} WHERE id = ${userId}`);
    },

    async ofUser(userId: number, tx: Db = db): Promise<IdentityRow | null> {
      const [row] = await queryRows<IdentityRow>(
        tx,
        sql`
        SELECT vr.id AS voter_id, vr.method, to_char(vr.birth_date, 'YYYY-MM-DD') AS birth_date
        FROM users u JOIN voters vr ON vr.id = u.voter_id WHERE u.id = ${userId}`,
      );
      return row ?? null;
    },

    async operatorAt(userId: number, locationId: number, tx: Db = db): Promise<boolean> {
      const rows = await queryRows<{ ok: number }>(
        tx,
        sql`
        SELECT 1 AS ok FROM operator_locations ol JOIN users u ON u.id = ol.user_id
        WHERE ol.user_id = ${userId} AND ol.location_id = ${locationId} AND 'operator' = ANY(u.roles)`,
      );
      return rows.length > 0;
    },
  };
}
export type IdentityRepository = ReturnType<typeof identityRepository>;

import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  bindingHex: string;
  linkUserId: number | null;
}

/**
 * Pending logins and one-time tickets. Both are taken with one DELETE … RETURNING: whichever API
 * process gets a state or a ticket first consumes it, and a second use finds nothing.
 */
export function oidcRepository(db: Db) {
  return {
    async savePending(p: PendingLogin, ttlSeconds: number, tx: Db = db) {
      // Abandoned sign-ins are swept here, by the traffic that creates them; no timer needed.
      await tx.execute(sql`DELETE FROM oidc_logins WHERE expires_at < now()`);
      await tx.execute(sql`
        INSERT INTO oidc_logins (state, nonce, code_verifier, return_to, binding_hash, link_user_id, expires_at)
        VALUES (${p.state}, ${p.nonce}, ${p.codeVerifier}, ${p.returnTo}, decode(${p.bindingHex}, 'hex'),
                ${p.linkUserId}, now() + make_interval(secs => ${ttlSeconds}))`);
    },

    async takePending(state: string, tx: Db = db) {
      const [row] = await queryRows<{
        nonce: string;
        code_verifier: string;
        return_to: string;
        binding_hex: string;
        link_user_id: number | null;
        fresh: boolean;
      }>(
        tx,
        sql`
        DELETE FROM oidc_logins WHERE state = ${state}
        RETURNING nonce, code_verifier, return_to, encode(binding_hash, 'hex') AS binding_hex, link_user_id,
                  expires_at > now() AS fresh`,
      );
      return row ?? null;
    },

    async issueTicket(hashHex: string, userId: number, ttlSeconds: number, tx: Db = db) {
      await tx.execute(sql`DELETE FROM auth_tickets WHERE expires_at < now()`);
      await tx.execute(sql`
        INSERT INTO auth_tickets (ticket_hash, user_id, expires_at)
        VALUES (decode(${hashHex}, 'hex'), ${userId}, now() + make_interval(secs => ${ttlSeconds}))`);
    },

    /** The account of a fresh ticket, which is gone afterwards; null for an unknown, used or stale one. */
    async redeemTicket(hashHex: string, tx: Db = db): Promise<number | null> {
      const [row] = await queryRows<{ user_id: number; fresh: boolean }>(
        tx,
        sql`
        DELETE FROM auth_tickets WHERE ticket_hash = decode(${hashHex}, 'hex')
        RETURNING user_id, expires_at > now() AS fresh`,
      );
      return row?.fresh ? row.user_id : null;
    },

    /** The account holding this person, locked for the rest of the transaction. */
    async accountOfVoter(voterId: number, tx: Db): Promise<number | null> {
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`SELECT id FROM users WHERE voter_id = ${voterId} FOR UPDATE`,
      );
      return row?.id ?? null;
    },

    /**
     * An account made by the provider's proof: no email, and a password hash no password matches
     * ('!' is not an argon2 string), so it is entered only through the provider again.
     */
    async createProvenAccount(fullName: string, voterId: number, tx: Db): Promise<number> {
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`
        INSERT INTO users (email, password_hash, full_name, voter_id)
        VALUES (NULL, '!', ${fullName}, ${voterId}) RETURNING id`,
      );
      return row!.id;
    },
  };
}

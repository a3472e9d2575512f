import { and, eq, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { revokedTokens, users } from '../../db/schema.js';
import type { UserRow } from './users.repository.js';

/** What a token says about the session it belongs to (its claims `sv` and `jti`). */
export interface Session {
  version: number;
  jti: string;
}

/**
 * Session state lives in the database, so a sign-out or a password change in one API process is
 * seen by every other at once. A token is alive while its account's session_version equals the
 * version it was issued under and its jti is not on the deny-list.
 */
export function sessionsRepository(db: Db) {
  return {
    /**
     * The account of a live session, or null. ONE indexed query, which also loads the roles the
     * role guards need, so checking the session costs guarded routes no extra round trip.
     */
    async accountOf(userId: number, session: Session, tx: Db = db): Promise<UserRow | null> {
      const [row] = await tx
        .select()
        .from(users)
        .where(
          and(
            eq(users.id, userId),
            eq(users.sessionVersion, session.version),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(revokedTokens)
                .where(eq(revokedTokens.jti, session.jti)),
            ),
          ),
        );
      return row ?? null;
    },

    /** Signs one token out until it expires; rows of tokens that have expired anyway are swept. */
    async revoke(userId: number, jti: string, expiresAt: Date, tx: Db = db) {
      await tx.delete(revokedTokens).where(lt(revokedTokens.expiresAt, sql`now()`));
      await tx.insert(revokedTokens).values({ jti, userId, expiresAt }).onConflictDoNothing();
    },

    /** Ends every session of the account (a password change or reset): returns the new version. */
    async endAll(userId: number, tx: Db = db): Promise<number> {
      const [row] = await tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, userId))
        .returning({ version: users.sessionVersion });
      return row?.version ?? 0;
    },
  };
}
export type SessionsRepository = ReturnType<typeof sessionsRepository>;

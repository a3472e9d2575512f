import { asc, eq, ilike, inArray, or } from 'drizzle-orm';
import { readTogether, type Db } from '../../db/client.js';
import { operatorLocations, users, voters } from '../../db/schema.js';
import type { Role, User } from '@bu/shared';

export type UserRow = typeof users.$inferSelect;

export function usersRepository(db: Db) {
  return {
    async findByEmail(email: string, tx: Db = db): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(eq(users.email, email.toLowerCase()));
      return row ?? null;
    },
    async findById(id: number, tx: Db = db): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },
    /** Returns null when the email is taken (the unique index decides, not a prior read). */
    async create(
      values: { email: string; passwordHash: string; fullName: string; roles?: Role[] },
      tx: Db = db,
    ): Promise<UserRow | null> {
      const [row] = await tx
        .insert(users)
        .values({ ...values, email: values.email.toLowerCase() })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },
    async update(
      id: number,
      values: Partial<Pick<UserRow, 'passwordHash' | 'roles' | 'fullName'>>,
      tx: Db = db,
    ) {
      const [row] = await tx.update(users).set(values).where(eq(users.id, id)).returning();
      return row ?? null;
    },
    async setLocations(userId: number, locationIds: number[], tx: Db = db) {
      await tx.delete(operatorLocations).where(eq(operatorLocations.userId, userId));
      if (locationIds.length)
        await tx.insert(operatorLocations).values(locationIds.map((locationId) => ({ userId, locationId })));
    },
    /** The public view of an account: roles, ЦНАП locations and whether the person is verified. */
    async toDto(row: UserRow, tx: Db = db): Promise<User> {
      const [locs, voter] = await readTogether(tx, [
        () =>
          tx
            .select({ id: operatorLocations.locationId })
            .from(operatorLocations)
            .where(eq(operatorLocations.userId, row.id)),
        async () =>
          row.voterId ? (await tx.select().from(voters).where(eq(voters.id, row.voterId)))[0] : undefined,
      ] as const);
      return {
        id: row.id,
        email: row.email,
        fullName: row.fullName,
        roles: row.roles as Role[],
        cnapLocationIds: locs.map((l) => l.id).sort((a, b) => a - b),
        identity: {
          verified: !!voter,
          method: voter?.method ?? null,
          birthDate: voter?.birthDate ?? null,
        },
        createdAt: row.createdAt.toISOString(),
      };
    },
    async search(q: string | undefined, tx: Db = db) {
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      return tx
        .select()
        .from(users)
        .where(pattern ? or(ilike(users.email, pattern), ilike(users.fullName, pattern)) : undefined)
        .orderBy(asc(users.id))
        .limit(200);
    },
    async existingIds(ids: number[], tx: Db = db) {
      if (!ids.length) return [];
      return (await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids))).map((r) => r.id);
    },
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;

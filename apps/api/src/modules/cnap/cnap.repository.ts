import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cnapLocations } from '../../db/schema.js';

export function cnapRepository(db: Db) {
  return {
    /** null when the name is taken. */
    async create(values: { name: string; address: string }, tx: Db = db) {
      const [row] = await tx.insert(cnapLocations).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },
    list: (tx: Db = db) => tx.select().from(cnapLocations).orderBy(asc(cnapLocations.name)),
    async existingIds(ids: number[], tx: Db = db) {
      if (!ids.length) return [];
      const rows = await tx
        .select({ id: cnapLocations.id })
        .from(cnapLocations)
        .where(inArray(cnapLocations.id, ids));
      return rows.map((r) => r.id);
    },
  };
}

import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { categories, editions } from '../../db/schema.js';

export type EditionRow = typeof editions.$inferSelect;
export type EditionInsert = typeof editions.$inferInsert;
export type CategoryRow = typeof categories.$inferSelect;
export type CategoryInsert = typeof categories.$inferInsert;

export function editionsRepository(db: Db) {
  return {
    async create(values: EditionInsert, tx: Db = db) {
      const [row] = await tx.insert(editions).values(values).returning();
      return row!;
    },
    async findById(id: number, tx: Db = db): Promise<EditionRow | null> {
      const [row] = await tx.select().from(editions).where(eq(editions.id, id));
      return row ?? null;
    },
    /** Locks the edition row so concurrent changes to its funds and rules are serialised. */
    async lock(id: number, tx: Db): Promise<EditionRow | null> {
      const [row] = await tx.select().from(editions).where(eq(editions.id, id)).for('update');
      return row ?? null;
    },
    /**
     * The edition row, locked against a concurrent publication (which takes FOR UPDATE) but not
     * against the FK checks of votes and ballots being inserted meanwhile (FOR KEY SHARE): those hold
     * allowance rows the caller may wait for next, and FOR UPDATE would deadlock with them.
     */
    async lockNoKey(id: number, tx: Db): Promise<EditionRow | null> {
      const [row] = await tx.select().from(editions).where(eq(editions.id, id)).for('no key update');
      return row ?? null;
    },
    list: (tx: Db = db) =>
      tx.select().from(editions).orderBy(desc(editions.submissionStart), desc(editions.id)),
    async update(id: number, values: Partial<EditionInsert>, tx: Db = db) {
      const [row] = await tx.update(editions).set(values).where(eq(editions.id, id)).returning();
      return row ?? null;
    },
    async categoriesOf(editionIds: number[], tx: Db = db): Promise<CategoryRow[]> {
      if (!editionIds.length) return [];
      return tx
        .select()
        .from(categories)
        .where(inArray(categories.editionId, editionIds))
        .orderBy(asc(categories.position), asc(categories.id));
    },
    async findCategory(editionId: number, categoryId: number, tx: Db = db): Promise<CategoryRow | null> {
      const [row] = await tx.select().from(categories).where(eq(categories.id, categoryId));
      return row && row.editionId === editionId ? row : null;
    },
    /** Sum of category funds and their count, optionally leaving one category out (for updates). */
    async fundsInUse(editionId: number, exceptCategoryId: number | null, tx: Db = db) {
      const [row] = await tx
        .select({
          total: sql<string>`coalesce(sum(${categories.fund}) filter (where ${categories.id} <> ${exceptCategoryId ?? 0}), 0)`,
          count: sql<number>`count(*)::int`,
        })
        .from(categories)
        .where(eq(categories.editionId, editionId));
      return { total: Number(row!.total), count: Number(row!.count) };
    },
    /** null when the name is already used in this edition. */
    async createCategory(values: CategoryInsert, tx: Db = db): Promise<CategoryRow | null> {
      const [row] = await tx.insert(categories).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },
    /** false when it is not there; a category that projects name is kept by their foreign key. */
    async deleteCategory(id: number, tx: Db = db): Promise<boolean> {
      const rows = await tx.delete(categories).where(eq(categories.id, id)).returning({ id: categories.id });
      return rows.length > 0;
    },
    async updateCategory(id: number, values: Partial<CategoryInsert>, tx: Db = db) {
      const [row] = await tx.update(categories).set(values).where(eq(categories.id, id)).returning();
      return row ?? null;
    },
  };
}
export type EditionsRepository = ReturnType<typeof editionsRepository>;

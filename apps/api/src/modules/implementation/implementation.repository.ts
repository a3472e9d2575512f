import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { WINNER_STATUSES } from '@bu/shared';
import { queryRows, type Db } from '../../db/client.js';
import { implementationPhotos, implementationUpdates, media, projects } from '../../db/schema.js';
import { mediaInfoColumns } from '../media/media.repository.js';

export type UpdateRow = typeof implementationUpdates.$inferSelect;
export type UpdateInsert = typeof implementationUpdates.$inferInsert;

/** An update's photo with what the DTO shows of its stored bytes (never the bytes themselves). */
export interface PhotoRow {
  id: number;
  updateId: number;
  mediaId: number;
  mime: string;
  size: number;
  width: number;
  height: number;
}

const photoColumns = {
  id: implementationPhotos.id,
  updateId: implementationPhotos.updateId,
  ...mediaInfoColumns,
};

/** A stored image standing for a project on the implementation page. */
interface LeadImage {
  id: number;
  width: number;
  height: number;
}

export interface ProjectProgressRow {
  project_id: number;
  title: string;
  category_id: number;
  category_name: string;
  category_position: number;
  cost: number;
  status: (typeof WINNER_STATUSES)[number];
  spent: number;
  updates: number;
  last_update_id: number | null;
  /** The first photo of the latest update that has photos. */
  update_photo: LeadImage | null;
  /** The project's own first image, its picture before any photo of the works. */
  project_image: LeadImage | null;
}

export function implementationRepository(db: Db) {
  return {
    /** The project with its edition's voting end and publication, locked against a parallel update. */
    async lockProject(projectId: number, tx: Db) {
      const [row] = await queryRows<{
        id: number;
        status: string;
        edition_id: number;
        voting_end: string;
        published: boolean;
      }>(
        tx,
        sql`SELECT p.id, p.status, p.edition_id,
                   to_char(e.voting_end AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD') AS voting_end,
                   e.results_published_at IS NOT NULL AS published
            FROM projects p JOIN editions e ON e.id = p.edition_id
            WHERE p.id = ${projectId} FOR UPDATE OF p`,
      );
      return row ?? null;
    },
    async insert(values: UpdateInsert, tx: Db) {
      const [row] = await tx.insert(implementationUpdates).values(values).returning();
      return row!;
    },
    async find(projectId: number, updateId: number, tx: Db = db) {
      const [row] = await tx
        .select()
        .from(implementationUpdates)
        .where(and(eq(implementationUpdates.id, updateId), eq(implementationUpdates.projectId, projectId)));
      return row ?? null;
    },
    async replace(id: number, values: Partial<UpdateInsert>, tx: Db) {
      const [row] = await tx
        .update(implementationUpdates)
        .set(values)
        .where(eq(implementationUpdates.id, id))
        .returning();
      return row!;
    },
    /** Oldest first: the order of a timeline. */
    ofProject(projectId: number, tx: Db = db) {
      return tx
        .select()
        .from(implementationUpdates)
        .where(eq(implementationUpdates.projectId, projectId))
        .orderBy(asc(implementationUpdates.date), asc(implementationUpdates.id));
    },
    /** The project's status follows its latest update (by date, then by posting order). */
    async syncProjectStatus(projectId: number, tx: Db) {
      const [latest] = await tx
        .select({ status: implementationUpdates.status })
        .from(implementationUpdates)
        .where(eq(implementationUpdates.projectId, projectId))
        .orderBy(desc(implementationUpdates.date), desc(implementationUpdates.id))
        .limit(1);
      await tx
        .update(projects)
        .set({ status: latest?.status ?? 'winner' })
        .where(eq(projects.id, projectId));
    },
    /** Every winner of an edition with its spending and latest update, in category order. */
    progress(editionId: number, tx: Db = db) {
      return queryRows<ProjectProgressRow>(
        tx,
        sql`SELECT p.id AS project_id, p.title, c.id AS category_id, c.name AS category_name,
                   c.position AS category_position, p.total_cost::float8 AS cost, p.status,
                   coalesce(last.spent, 0)::float8 AS spent, coalesce(n.updates, 0)::int AS updates,
                   last.id AS last_update_id,
                   (SELECT json_build_object('id', ph.id, 'width', m.width, 'height', m.height)
                      FROM implementation_photos ph
                      JOIN implementation_updates u ON u.id = ph.update_id
                      JOIN media m ON m.id = ph.media_id
                     WHERE u.project_id = p.id
                     ORDER BY u.date DESC, u.id DESC, ph.id LIMIT 1) AS update_photo,
                   (SELECT json_build_object('id', i.id, 'width', m.width, 'height', m.height)
                      FROM project_images i JOIN media m ON m.id = i.media_id
                     WHERE i.project_id = p.id
                     ORDER BY i.position, i.id LIMIT 1) AS project_image
            FROM projects p
            JOIN categories c ON c.id = p.category_id
            LEFT JOIN LATERAL (
              SELECT u.id,
                     -- Spent so far: the latest figure given; an update may say nothing of money.
                     (SELECT s.spent FROM implementation_updates s
                       WHERE s.project_id = p.id AND s.spent IS NOT NULL
                       ORDER BY s.date DESC, s.id DESC LIMIT 1) AS spent
              FROM implementation_updates u WHERE u.project_id = p.id
              ORDER BY u.date DESC, u.id DESC LIMIT 1
            ) last ON true
            LEFT JOIN LATERAL (
              SELECT count(*) AS updates FROM implementation_updates u WHERE u.project_id = p.id
            ) n ON true
            WHERE p.edition_id = ${editionId}
              AND p.status IN ('winner', 'in_progress', 'implemented', 'cancelled')
            ORDER BY c.position, c.id, p.id`,
      );
    },
    byIds(ids: number[], tx: Db = db) {
      if (!ids.length) return Promise.resolve([] as UpdateRow[]);
      return tx
        .select()
        .from(implementationUpdates)
        .where(sql`${implementationUpdates.id} = ANY(${`{${ids.join(',')}}`}::int[])`);
    },
    /** The photos of these updates, in the order they were added. */
    photosOf(updateIds: number[], tx: Db = db): Promise<PhotoRow[]> {
      if (!updateIds.length) return Promise.resolve([]);
      return tx
        .select(photoColumns)
        .from(implementationPhotos)
        .innerJoin(media, eq(media.id, implementationPhotos.mediaId))
        .where(inArray(implementationPhotos.updateId, updateIds))
        .orderBy(asc(implementationPhotos.id));
    },
    async photoCount(updateId: number, tx: Db = db) {
      const [row] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM implementation_photos WHERE update_id = ${updateId}`,
      );
      return row!.n;
    },
    /**
     * Attaches stored media to an update only while it has fewer than `max` photos. Callers hold the
     * project's row lock (`lockProject`), so the count and the insert cannot interleave with another
     * upload. Null when the limit is reached.
     */
    async addPhoto(updateId: number, mediaId: number, actorId: number, max: number, tx: Db) {
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`INSERT INTO implementation_photos (update_id, media_id, created_by)
            SELECT ${updateId}, ${mediaId}, ${actorId}
            FROM implementation_photos WHERE update_id = ${updateId}
            HAVING count(*) < ${max}
            RETURNING id`,
      );
      return row?.id ?? null;
    },
    async findPhoto(id: number, tx: Db = db): Promise<(PhotoRow & { projectId: number }) | null> {
      const [row] = await tx
        .select({ ...photoColumns, projectId: implementationUpdates.projectId })
        .from(implementationPhotos)
        .innerJoin(media, eq(media.id, implementationPhotos.mediaId))
        .innerJoin(implementationUpdates, eq(implementationUpdates.id, implementationPhotos.updateId))
        .where(eq(implementationPhotos.id, id));
      return row ?? null;
    },
    /** Its media row (the bytes) is deleted with it by the database (trigger). */
    async removePhoto(id: number, tx: Db) {
      await tx.delete(implementationPhotos).where(eq(implementationPhotos.id, id));
    },
  };
}
export type ImplementationRepository = ReturnType<typeof implementationRepository>;

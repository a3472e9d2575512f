import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ProjectStatus } from '@bu/shared';
import { queryRows, readTogether, type Db } from '../../db/client.js';
import {
  countedVotes,
  media,
  projectEvents,
  projectImages,
  projectRevisions,
  projects,
  users,
} from '../../db/schema.js';
import { mediaInfoColumns } from '../media/media.repository.js';

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectInsert = typeof projects.$inferInsert;
/** A project's image with what the DTO shows of its stored bytes (never the bytes themselves). */
export interface ImageRow {
  id: number;
  projectId: number;
  mediaId: number;
  mime: string;
  size: number;
  width: number;
  height: number;
}

const imageColumns = { id: projectImages.id, projectId: projectImages.projectId, ...mediaInfoColumns };

export interface ProjectFilter {
  editionId?: number;
  categoryId?: number;
  status?: ProjectStatus;
  q?: string;
  /** Drafts are included only for this author (or for staff, with includeAllDrafts). */
  draftsOf?: number | null;
  includeAllDrafts?: boolean;
  authorId?: number;
}

const SORTS = {
  newest: [desc(projects.createdAt), desc(projects.id)],
  oldest: [asc(projects.createdAt), asc(projects.id)],
  title: [asc(projects.title), asc(projects.id)],
  cost_asc: [asc(projects.totalCost), asc(projects.id)],
  cost_desc: [desc(projects.totalCost), asc(projects.id)],
  queue: [asc(projects.lastSubmittedAt), asc(projects.id)],
} as const;
export type ProjectSort = keyof typeof SORTS;

function where(f: ProjectFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.editionId) parts.push(eq(projects.editionId, f.editionId));
  if (f.categoryId) parts.push(eq(projects.categoryId, f.categoryId));
  if (f.status) parts.push(eq(projects.status, f.status));
  if (f.authorId) parts.push(eq(projects.authorId, f.authorId));
  if (f.q) parts.push(ilike(projects.title, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (!f.includeAllDrafts)
    parts.push(
      f.draftsOf
        ? or(ne(projects.status, 'draft'), eq(projects.authorId, f.draftsOf))
        : ne(projects.status, 'draft'),
    );
  return and(...parts);
}

export function projectsRepository(db: Db) {
  return {
    async create(values: ProjectInsert, tx: Db = db) {
      const [row] = await tx.insert(projects).values(values).returning();
      return row!;
    },
    async findById(id: number, tx: Db = db): Promise<ProjectRow | null> {
      const [row] = await tx.select().from(projects).where(eq(projects.id, id));
      return row ?? null;
    },
    async lock(id: number, tx: Db): Promise<ProjectRow | null> {
      const [row] = await tx.select().from(projects).where(eq(projects.id, id)).for('update');
      return row ?? null;
    },
    async update(id: number, values: Partial<ProjectInsert>, tx: Db = db) {
      const [row] = await tx
        .update(projects)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(projects.id, id))
        .returning();
      return row!;
    },
    async remove(id: number, tx: Db = db) {
      await tx.delete(projects).where(eq(projects.id, id));
    },
    async list(filter: ProjectFilter, sort: ProjectSort, page: number, pageSize: number, tx: Db = db) {
      const cond = where(filter);
      const [rows, [total]] = await readTogether(tx, [
        () =>
          tx
            .select()
            .from(projects)
            .where(cond)
            .orderBy(...SORTS[sort])
            .limit(pageSize)
            .offset((page - 1) * pageSize),
        () => tx.select({ n: count() }).from(projects).where(cond),
      ] as const);
      return { rows, total: Number(total!.n) };
    },
    async addEvent(values: typeof projectEvents.$inferInsert, tx: Db = db) {
      await tx.insert(projectEvents).values(values);
    },
    async events(projectId: number, tx: Db = db) {
      return tx
        .select({ event: projectEvents, actorName: users.fullName })
        .from(projectEvents)
        .leftJoin(users, eq(users.id, projectEvents.actorId))
        .where(eq(projectEvents.projectId, projectId))
        .orderBy(asc(projectEvents.id));
    },
    /** The latest admit/reject/return of each project, for the author's list. */
    async lastDecisions(projectIds: number[], tx: Db = db) {
      if (!projectIds.length) return new Map<number, { action: string; reason: string | null; at: string }>();
      const rows = await tx
        .selectDistinctOn([projectEvents.projectId], {
          projectId: projectEvents.projectId,
          action: projectEvents.action,
          reason: projectEvents.reason,
          at: projectEvents.at,
        })
        .from(projectEvents)
        .where(
          and(
            inArray(projectEvents.projectId, projectIds),
            inArray(projectEvents.action, ['admit', 'reject', 'return']),
          ),
        )
        .orderBy(projectEvents.projectId, desc(projectEvents.id));
      return new Map(
        rows.map((r) => [r.projectId, { action: r.action, reason: r.reason, at: r.at.toISOString() }]),
      );
    },
    async voteCounts(projectIds: number[], tx: Db = db) {
      if (!projectIds.length) return new Map<number, number>();
      const rows = await tx
        .select({ projectId: countedVotes.projectId, n: count() })
        .from(countedVotes)
        .where(inArray(countedVotes.projectId, projectIds))
        .groupBy(countedVotes.projectId);
      return new Map(rows.map((r) => [r.projectId, Number(r.n)]));
    },
    async addRevision(projectId: number, revision: number, snapshot: object, tx: Db = db) {
      await tx.insert(projectRevisions).values({ projectId, revision, snapshot }).onConflictDoNothing();
    },
    revisions: (projectId: number, tx: Db = db) =>
      tx
        .select()
        .from(projectRevisions)
        .where(eq(projectRevisions.projectId, projectId))
        .orderBy(asc(projectRevisions.revision)),
    async authorNames(ids: number[], tx: Db = db) {
      if (!ids.length) return new Map<number, string>();
      const rows = await tx
        .select({ id: users.id, name: users.fullName })
        .from(users)
        .where(inArray(users.id, ids));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async imagesOf(projectIds: number[], tx: Db = db): Promise<ImageRow[]> {
      if (!projectIds.length) return [];
      return tx
        .select(imageColumns)
        .from(projectImages)
        .innerJoin(media, eq(media.id, projectImages.mediaId))
        .where(inArray(projectImages.projectId, projectIds))
        .orderBy(asc(projectImages.position), asc(projectImages.id));
    },
    async imageCount(projectId: number, tx: Db = db) {
      const [row] = await tx
        .select({ n: count() })
        .from(projectImages)
        .where(eq(projectImages.projectId, projectId));
      return Number(row!.n);
    },
    /**
     * Attaches stored media to a project only while it has fewer than `max` images. Callers hold the
     * project's row lock (`lock`), so the count and the insert cannot interleave with another upload.
     * Null when the limit is reached.
     */
    async addImage(projectId: number, mediaId: number, max: number, tx: Db): Promise<number | null> {
      const rows = await queryRows<{ id: number }>(
        tx,
        sql`
        insert into project_images (project_id, media_id, position)
        select ${projectId}, ${mediaId}, count(*)
        from project_images where project_id = ${projectId}
        having count(*) < ${max}
        returning id`,
      );
      return rows[0]?.id ?? null;
    },
    async findImage(id: number, tx: Db = db): Promise<ImageRow | null> {
      const [row] = await tx
        .select(imageColumns)
        .from(projectImages)
        .innerJoin(media, eq(media.id, projectImages.mediaId))
        .where(eq(projectImages.id, id));
      return row ?? null;
    },
    /** Its media row (the bytes) is deleted with it by the database (trigger). */
    async removeImage(id: number, tx: Db = db) {
      await tx.delete(projectImages).where(eq(projectImages.id, id));
    },
    /**
     * Serialises one author's draft creations and image uploads: a row lock on their account, taken
     * before counting drafts or the account's images, so parallel requests cannot both see room for
     * the last one. NO KEY UPDATE does not
     * block rows that merely reference the account (its projects' foreign keys).
     */
    async lockAuthor(authorId: number, tx: Db) {
      await tx.select({ id: users.id }).from(users).where(eq(users.id, authorId)).for('no key update');
    },
    /**
     * How many images, and how many stored bytes, the author's projects hold together (every
     * project, whatever its status). Read under `lockAuthor`, so two uploads cannot both see room.
     */
    async accountImageUsage(authorId: number, tx: Db = db) {
      const [row] = await queryRows<{ images: number; bytes: string | number }>(
        tx,
        sql`
        select count(*)::int as images, coalesce(sum(m.size), 0)::bigint as bytes
        from project_images i
        join projects p on p.id = i.project_id
        join media m on m.id = i.media_id
        where p.author_id = ${authorId}`,
      );
      return { images: Number(row!.images), bytes: Number(row!.bytes) };
    },
    async draftCount(authorId: number, editionId: number, tx: Db = db) {
      const [row] = await tx
        .select({ n: count() })
        .from(projects)
        .where(
          and(
            eq(projects.authorId, authorId),
            eq(projects.editionId, editionId),
            eq(projects.status, 'draft'),
          ),
        );
      return Number(row!.n);
    },
  };
}
export type ProjectsRepository = ReturnType<typeof projectsRepository>;

import {
  UPDATE_PHOTO_LIMITS,
  WINNER_STATUSES,
  type CorrectUpdateBody,
  type CreateUpdateBody,
  type Implementation,
  type ImplementationUpdate,
  type UpdatePhoto,
} from '@bu/shared';
import type { Db } from '../../db/client.js';
import { auditRepository } from '../audit/audit.repository.js';
import { mediaErrors } from '../media/media.errors.js';
import { mediaRepository } from '../media/media.repository.js';
import type { ProcessedImage } from '../media/media.service.js';
import { imageUrls } from '../projects/projects.dto.js';
import { implementationErrors } from './implementation.errors.js';
import {
  implementationRepository,
  type PhotoRow,
  type ProjectProgressRow,
  type UpdateRow,
} from './implementation.repository.js';

const kyivToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(now); // YYYY-MM-DD

const versionOf = (r: UpdateRow) => ({
  status: r.status,
  text: r.text,
  date: r.date,
  spent: r.spent ?? null,
  contractor: r.contractor ?? null,
  reason: r.reason ?? null,
});

type Version = ReturnType<typeof versionOf> & { replacedAt: string };

/** Where an update photo and its thumbnail are served (GET /api/update-photos/:id). */
const photoUrls = (id: number) => ({
  url: `/api/update-photos/${id}`,
  thumbUrl: `/api/update-photos/${id}?size=thumb`,
});

export const toPhotoDto = (p: PhotoRow): UpdatePhoto => ({
  id: p.id,
  updateId: p.updateId,
  ...photoUrls(p.id),
  mime: p.mime,
  size: p.size,
  width: p.width,
  height: p.height,
});

/** The photo of a winner on the implementation page: the works if photographed, else the project's own. */
function leadPhoto({ update_photo: u, project_image: i }: ProjectProgressRow) {
  if (u) return { ...photoUrls(u.id), width: u.width, height: u.height, source: 'update' as const };
  if (i) return { ...imageUrls(i.id), width: i.width, height: i.height, source: 'project' as const };
  return null;
}

export function toUpdateDto(r: UpdateRow, photos: PhotoRow[] = []): ImplementationUpdate {
  return {
    id: r.id,
    projectId: r.projectId,
    ...versionOf(r),
    createdAt: r.createdAt.toISOString(),
    correctedAt: r.correctedAt?.toISOString() ?? null,
    corrections: r.corrections as Version[],
    photos: photos.filter((p) => p.updateId === r.id).map(toPhotoDto),
  };
}

const zeroCounts = () => Object.fromEntries(WINNER_STATUSES.map((s) => [s, 0])) as Implementation['counts'];

/** Implementation tracking of winning projects (docs/api.md, "Implementation"). */
export function implementationService(db: Db) {
  const repo = implementationRepository(db);
  const audit = auditRepository(db);
  const store = mediaRepository(db);

  /** The update of this project, with the project locked; 404 for an update of another project. */
  async function lockedUpdate(tx: Db, projectId: number, updateId: number, now: Date) {
    await checkPostable(tx, projectId, undefined, now);
    const update = await repo.find(projectId, updateId, tx);
    if (!update) throw implementationErrors.updateNotFound();
    return update;
  }

  /** A winner of a published result, and a date between the end of voting and today. */
  async function checkPostable(tx: Db, projectId: number, date: string | undefined, now: Date) {
    const p = await repo.lockProject(projectId, tx);
    if (!p) throw implementationErrors.projectNotFound();
    if (!p.published || !(WINNER_STATUSES as readonly string[]).includes(p.status))
      throw implementationErrors.notWinner();
    const today = kyivToday(now);
    if (date !== undefined && (date < p.voting_end || date > today))
      throw implementationErrors.dateOutOfRange(p.voting_end, today);
    return p;
  }

  return {
    async post(projectId: number, body: CreateUpdateBody, actorId: number, now = new Date()) {
      return db.transaction(async (tx) => {
        await checkPostable(tx, projectId, body.date, now);
        const row = await repo.insert(
          {
            projectId,
            status: body.status,
            text: body.text,
            date: body.date,
            spent: body.spent ?? null,
            contractor: body.contractor ?? null,
            reason: body.status === 'cancelled' ? (body.reason ?? null) : null,
            createdBy: actorId,
          },
          tx,
        );
        await repo.syncProjectStatus(projectId, tx);
        await audit.record(
          { actorId, action: 'implementation.update', entity: 'project', entityId: projectId, data: body },
          tx,
        );
        return toUpdateDto(row);
      });
    },

    async correct(
      projectId: number,
      updateId: number,
      body: CorrectUpdateBody,
      actorId: number,
      now = new Date(),
    ) {
      return db.transaction(async (tx) => {
        await checkPostable(tx, projectId, body.date, now);
        const current = await repo.find(projectId, updateId, tx);
        if (!current) throw implementationErrors.updateNotFound();
        const next = { ...versionOf(current), ...body };
        // The body's schema asks for a reason with `cancelled`; the table's CHECK backs it.
        if (next.status !== 'cancelled') next.reason = null;
        const row = await repo.replace(
          updateId,
          {
            ...next,
            correctedAt: now,
            correctedBy: actorId,
            corrections: [
              ...(current.corrections as Version[]),
              { ...versionOf(current), replacedAt: now.toISOString() },
            ],
          },
          tx,
        );
        await repo.syncProjectStatus(projectId, tx);
        await audit.record(
          {
            actorId,
            action: 'implementation.correct',
            entity: 'project',
            entityId: projectId,
            data: { updateId, before: versionOf(current), changes: body },
          },
          tx,
        );
        return toUpdateDto(row, await repo.photosOf([updateId], tx));
      });
    },

    /**
     * Refuses early, before the upload is read and decoded: an update of another project, a
     * project that is not a winner, an update already holding its limit (checked again on attach).
     */
    async checkPhotoRoom(projectId: number, updateId: number, now = new Date()) {
      await db.transaction(async (tx) => {
        await lockedUpdate(tx, projectId, updateId, now);
        if ((await repo.photoCount(updateId, tx)) >= UPDATE_PHOTO_LIMITS.maxPhotos)
          throw implementationErrors.tooManyPhotos();
      });
    },

    /** Stores a processed image as the update's next photo, audited; all or nothing. */
    async attachPhoto(
      projectId: number,
      updateId: number,
      image: ProcessedImage,
      actorId: number,
      now = new Date(),
    ) {
      return db.transaction(async (tx) => {
        await lockedUpdate(tx, projectId, updateId, now);
        const stored = await store.store(image, tx);
        const id = await repo.addPhoto(updateId, stored.mediaId, actorId, UPDATE_PHOTO_LIMITS.maxPhotos, tx);
        // Thrown inside the transaction: the media row just stored is rolled back with it.
        if (!id) throw implementationErrors.tooManyPhotos();
        await audit.record(
          {
            actorId,
            action: 'implementation.photo_add',
            entity: 'project',
            entityId: projectId,
            data: { updateId, photoId: id, mime: image.mime, width: image.width, height: image.height },
          },
          tx,
        );
        return toPhotoDto((await repo.findPhoto(id, tx))!);
      });
    },

    /** Removes a photo; its stored bytes go with it (trigger). */
    async removePhoto(
      projectId: number,
      updateId: number,
      photoId: number,
      actorId: number,
      now = new Date(),
    ) {
      await db.transaction(async (tx) => {
        await lockedUpdate(tx, projectId, updateId, now);
        const photo = await repo.findPhoto(photoId, tx);
        if (!photo || photo.updateId !== updateId) throw mediaErrors.notFound();
        await repo.removePhoto(photoId, tx);
        await audit.record(
          {
            actorId,
            action: 'implementation.photo_remove',
            entity: 'project',
            entityId: projectId,
            data: { updateId, photoId },
          },
          tx,
        );
      });
    },

    findPhoto: (photoId: number) => repo.findPhoto(photoId),

    async ofProject(projectId: number) {
      const rows = await repo.ofProject(projectId);
      const photos = await repo.photosOf(rows.map((r) => r.id));
      return rows.map((r) => toUpdateDto(r, photos));
    },

    async ofEdition(editionId: number): Promise<Implementation> {
      const rows = await repo.progress(editionId);
      const lastIds = rows.flatMap((r) => (r.last_update_id ? [r.last_update_id] : []));
      const photos = await repo.photosOf(lastIds);
      const last = new Map((await repo.byIds(lastIds)).map((u) => [u.id, toUpdateDto(u, photos)]));
      const counts = zeroCounts();
      const categories = new Map<number, Implementation['categories'][number]>();
      for (const r of rows) {
        counts[r.status] += 1;
        const c = categories.get(r.category_id) ?? {
          categoryId: r.category_id,
          name: r.category_name,
          allocated: 0,
          spent: 0,
          counts: zeroCounts(),
        };
        c.allocated += r.cost;
        c.spent += r.spent;
        c.counts[r.status] += 1;
        categories.set(r.category_id, c);
      }
      return {
        editionId,
        allocated: rows.reduce((s, r) => s + r.cost, 0),
        spent: rows.reduce((s, r) => s + r.spent, 0),
        counts,
        categories: [...categories.values()],
        projects: rows.map((r) => ({
          projectId: r.project_id,
          title: r.title,
          categoryId: r.category_id,
          cost: r.cost,
          status: r.status,
          spent: r.spent,
          updates: r.updates,
          lastUpdate: r.last_update_id ? (last.get(r.last_update_id) ?? null) : null,
          photo: leadPhoto(r),
        })),
      };
    },
  };
}
export type ImplementationService = ReturnType<typeof implementationService>;

import { z } from 'zod';
import { kopiykas } from './money.js';
import { text, urlId } from './primitives.js';
import { projectImageSchema } from './projects.js';

/** What an implementation update may set a winning project to. */
export const IMPLEMENTATION_STATUSES = ['in_progress', 'implemented', 'cancelled'] as const;
export const implementationStatusSchema = z.enum(IMPLEMENTATION_STATUSES);
export type ImplementationStatus = z.infer<typeof implementationStatusSchema>;

/** Statuses a winning project can have: a winner before its first update, then what updates say. */
export const WINNER_STATUSES = ['winner', ...IMPLEMENTATION_STATUSES] as const;

const isoDate = z.iso.date('Дата у форматі РРРР-ММ-ДД');

const updateFields = {
  status: implementationStatusSchema,
  text: text().trim().min(3, 'Опишіть, що зроблено').max(5000),
  /** The day the works reached this state (Kyiv calendar day). */
  date: isoDate,
  /** Spent so far on the project, in kopiykas (cumulative, not this update's share). */
  spent: kopiykas.optional(),
  contractor: text().trim().min(2).max(300).optional(),
  /** Why a project was cancelled: required with status `cancelled`, shown to the public. */
  reason: text().trim().min(3, 'Вкажіть причину').max(2000).optional(),
};

const cancelNeedsReason = (u: { status?: string; reason?: string }, ctx: z.RefinementCtx) => {
  if (u.status === 'cancelled' && !u.reason)
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Вкажіть причину скасування' });
};

export const createUpdateBodySchema = z.strictObject(updateFields).superRefine(cancelNeedsReason);
export type CreateUpdateBody = z.input<typeof createUpdateBodySchema>;

/** A correction names only what changes; the earlier version stays visible. */
export const correctUpdateBodySchema = z
  .strictObject({
    ...updateFields,
    status: implementationStatusSchema.optional(),
    text: updateFields.text.optional(),
    date: isoDate.optional(),
  })
  .superRefine(cancelNeedsReason)
  .refine((b) => Object.keys(b).length > 0, { message: 'Немає змін' });
export type CorrectUpdateBody = z.input<typeof correctUpdateBodySchema>;

const updateVersion = z.object({
  status: implementationStatusSchema,
  text: z.string(),
  date: z.string(),
  spent: z.number().int().nullable(),
  contractor: z.string().nullable(),
  reason: z.string().nullable(),
});

/**
 * Photos of the works at one update, through the same pipeline as project images (decoded, metadata
 * stripped, thumbnail): at most `maxPhotos` each, more is 409 TOO_MANY_IMAGES.
 */
export const UPDATE_PHOTO_LIMITS = { maxPhotos: 10 } as const;

/** A stored photo of an update: `url` the re-encoded image, `thumbUrl` its small copy. */
export const updatePhotoSchema = projectImageSchema.extend({ updateId: z.number().int() });
export type UpdatePhoto = z.infer<typeof updatePhotoSchema>;
export const updatePhotoResponseSchema = z.object({ photo: updatePhotoSchema });
export const updatePhotoParamsSchema = z.strictObject({ id: urlId, updateId: urlId, photoId: urlId });

export const implementationUpdateSchema = updateVersion.extend({
  id: z.number().int(),
  projectId: z.number().int(),
  createdAt: z.string(),
  correctedAt: z.string().nullable(),
  /** Earlier versions, oldest first, each with when it was replaced. */
  corrections: z.array(updateVersion.extend({ replacedAt: z.string() })),
  /** In the order they were added. */
  photos: z.array(updatePhotoSchema),
});
export type ImplementationUpdate = z.infer<typeof implementationUpdateSchema>;

export const updateResponseSchema = z.object({ update: implementationUpdateSchema });
export const updatesResponseSchema = z.object({ updates: z.array(implementationUpdateSchema) });
export const updateParamsSchema = z.strictObject({
  id: urlId,
  updateId: urlId,
});

const statusCounts = z.object({
  winner: z.number().int(),
  in_progress: z.number().int(),
  implemented: z.number().int(),
  cancelled: z.number().int(),
});

export const implementationSchema = z.object({
  editionId: z.number().int(),
  allocated: z.number().int(),
  spent: z.number().int(),
  counts: statusCounts,
  categories: z.array(
    z.object({
      categoryId: z.number().int(),
      name: z.string(),
      allocated: z.number().int(),
      spent: z.number().int(),
      counts: statusCounts,
    }),
  ),
  projects: z.array(
    z.object({
      projectId: z.number().int(),
      title: z.string(),
      categoryId: z.number().int(),
      cost: z.number().int(),
      status: z.enum(WINNER_STATUSES),
      spent: z.number().int(),
      lastUpdate: implementationUpdateSchema.nullable(),
      updates: z.number().int(),
      /**
       * What the project looks like now: the first photo of its latest update that has photos, else
       * the project's own first image, else null.
       */
      photo: z
        .object({
          url: z.string(),
          thumbUrl: z.string(),
          width: z.number().int(),
          height: z.number().int(),
          source: z.enum(['update', 'project']),
        })
        .nullable(),
    }),
  ),
});
export type Implementation = z.infer<typeof implementationSchema>;

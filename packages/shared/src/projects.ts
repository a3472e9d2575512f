import { z } from 'zod';
import { dbId, text, urlId, urlInt } from './primitives.js';
import { kopiykas } from './money.js';
import { LIMITS } from './auth.js';

export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'admitted',
  'rejected',
  'winner',
  'not_selected',
  'in_progress',
  'implemented',
  'cancelled',
] as const;
export const projectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

/** Statuses the public catalogue shows: everything past the author's own draft. */
export const PUBLIC_STATUSES = PROJECT_STATUSES.filter((s) => s !== 'draft');

/**
 * Per-account bounds on what one author can make the server store: drafts per edition (a draft holds
 * up to `maxImages` images), images per project, bytes per upload. Refused with 409 TOO_MANY_DRAFTS,
 * 409 TOO_MANY_IMAGES and 413 PAYLOAD_TOO_LARGE. Submitting a draft frees its slot, so the drafts
 * bound alone does not bound storage: `maxAccountImages` and `maxAccountImageBytes` (the stored,
 * re-encoded bytes) count every image on every project of the account, whatever its status and
 * edition, refused with 409 IMAGE_LIMIT_ACCOUNT.
 */
export const PROJECT_LIMITS = {
  maxImages: 10,
  maxImageBytes: 5 * 1024 * 1024,
  maxCostItems: 100,
  maxDraftsPerEdition: 20,
  maxAccountImages: 200,
  maxAccountImageBytes: 300 * 1024 * 1024,
} as const;

/**
 * What the image pipeline accepts and makes. Pixels are bounded separately from bytes: a 35 KB PNG
 * can declare 60000×60000 (3.6 gigapixels, gigabytes once decoded), refused with 422 IMAGE_TOO_LARGE
 * from its header alone. Stored images are re-encoded no larger than `maxEdge` on their longer side;
 * the catalogue's thumbnails are `thumbWidth` wide.
 */
export const IMAGE_LIMITS = {
  maxPixels: 40_000_000,
  maxEdge: 2560,
  thumbWidth: 480,
} as const;

/** Quantities may be fractional (12.5 m²) but only to hundredths, so every line total is exact. */
const quantity = z
  .number()
  .positive('Кількість має бути більшою за нуль')
  .max(1_000_000)
  .refine((q) => Math.abs(q * 100 - Math.round(q * 100)) < 1e-6, {
    message: 'Кількість — не більше двох знаків після коми',
  });

export const costItemInputSchema = z.strictObject({
  name: text().trim().min(1, 'Вкажіть назву статті витрат').max(LIMITS.titleMax),
  quantity,
  unitCost: kopiykas.positive('Ціна має бути більшою за нуль'),
});
export type CostItemInput = z.infer<typeof costItemInputSchema>;

/** Line total in kopiykas: quantity (to hundredths) × unit cost, rounded half up, in exact integers. */
export function lineTotal(item: { quantity: number; unitCost: number }): number {
  const hundredths = BigInt(Math.round(item.quantity * 100));
  const total = (hundredths * BigInt(item.unitCost) + 50n) / 100n;
  return Number(total);
}

/** The server's sum of a cost estimate; the client shows the same number live. */
export function totalCost(items: { quantity: number; unitCost: number }[]): number {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}

export const locationSchema = z.strictObject({
  address: text().trim().min(3, 'Вкажіть адресу').max(300),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});

const projectFields = {
  categoryId: dbId,
  title: text().trim().min(5, 'Назва — щонайменше 5 символів').max(LIMITS.titleMax),
  summary: text().trim().min(10, 'Короткий опис — щонайменше 10 символів').max(1000),
  description: text().trim().min(20, 'Опис — щонайменше 20 символів').max(LIMITS.textMax),
  location: locationSchema,
  costItems: z
    .array(costItemInputSchema)
    .min(1, 'Додайте хоча б одну статтю витрат')
    .max(PROJECT_LIMITS.maxCostItems),
  showAuthorName: z.boolean().optional(),
};

/** Everything a project needs to be submitted: what the working group reads (docs/rules.md §14). */
export const completeProjectBodySchema = z.strictObject(projectFields);
export type CompleteProjectBody = z.input<typeof completeProjectBodySchema>;

/**
 * A draft needs only its title; every other field may come later, but one that is sent is judged as
 * strictly as at submission (`POST .../submit` then checks that nothing is missing). An empty cost
 * estimate is a true state of a draft, not a missing field's stand-in.
 */
const draftFields = {
  categoryId: projectFields.categoryId.optional(),
  title: projectFields.title,
  summary: projectFields.summary.optional(),
  description: projectFields.description.optional(),
  location: projectFields.location.optional(),
  costItems: z.array(costItemInputSchema).max(PROJECT_LIMITS.maxCostItems).optional(),
  showAuthorName: projectFields.showAuthorName,
};

export const createProjectBodySchema = z.strictObject(draftFields);
export type CreateProjectBody = z.input<typeof createProjectBodySchema>;

/** A change of some fields; `null` clears a field of a draft (a returned project must stay complete). */
export const updateProjectBodySchema = z
  .strictObject({
    categoryId: projectFields.categoryId.nullable(),
    title: projectFields.title,
    summary: projectFields.summary.nullable(),
    description: projectFields.description.nullable(),
    location: projectFields.location.nullable(),
    costItems: draftFields.costItems.unwrap(),
    showAuthorName: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Нічого змінювати' });
export type UpdateProjectBody = z.input<typeof updateProjectBodySchema>;

/** The fields a submission needs, in the order the form shows them. */
export const SUBMISSION_FIELDS = ['categoryId', 'summary', 'description', 'location', 'costItems'] as const;
export type SubmissionField = (typeof SUBMISSION_FIELDS)[number];

/**
 * What a project still lacks before it can be submitted: the one rule the server applies at
 * submission (422 PROJECT_INCOMPLETE) and the form applies before asking. Empty text counts as missing.
 */
export function missingForSubmission(p: {
  categoryId?: number | null | undefined;
  summary?: string | null | undefined;
  description?: string | null | undefined;
  location?: { address?: string | null | undefined } | null | undefined;
  costItems?: unknown[] | null | undefined;
}): SubmissionField[] {
  const blank = (v: string | null | undefined) => !v || v.trim() === '';
  const missing = {
    categoryId: p.categoryId === null || p.categoryId === undefined,
    summary: blank(p.summary),
    description: blank(p.description),
    location: blank(p.location?.address),
    costItems: !p.costItems || p.costItems.length === 0,
  };
  return SUBMISSION_FIELDS.filter((f) => missing[f]);
}

export const reviewBodySchema = z
  .strictObject({
    decision: z.enum(['admit', 'reject', 'return']),
    reason: text().trim().max(5000).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.decision !== 'admit' && !r.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Причину потрібно вказати для відхилення чи повернення',
      });
  });
export type ReviewBody = z.input<typeof reviewBodySchema>;

export const commentBodySchema = z.strictObject({ text: text().trim().min(1).max(5000) });

export const PROJECT_SORTS = ['newest', 'oldest', 'title', 'cost_asc', 'cost_desc'] as const;

export const projectListQuerySchema = z.strictObject({
  status: projectStatusSchema.optional(),
  categoryId: urlId.optional(),
  q: text().trim().max(200).optional(),
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(PROJECT_SORTS).default('newest'),
  page: urlInt(1, 100_000).default(1),
  pageSize: urlInt(1, 100).default(20),
});
export type ProjectListQuery = z.input<typeof projectListQuerySchema>;

export const reviewQueueQuerySchema = z.strictObject({
  editionId: urlId.optional(),
  categoryId: urlId.optional(),
  status: projectStatusSchema.default('submitted'),
});

export const projectEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  revision: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type ProjectEvent = z.infer<typeof projectEventSchema>;

/** A stored image: `url` is the re-encoded image (metadata stripped), `thumbUrl` its catalogue-size copy. */
export const projectImageSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  thumbUrl: z.string(),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});

/** `GET /api/images/:id?size=thumb` serves the catalogue-size copy; `full` (the default) the image. */
export const imageQuerySchema = z.strictObject({
  size: z.enum(['full', 'thumb']).default('full'),
});

export const projectSchema = z.object({
  id: z.number().int(),
  editionId: z.number().int(),
  /** Null only in a draft, whose author has not filled them in yet. */
  categoryId: z.number().int().nullable(),
  title: z.string(),
  summary: z.string().nullable(),
  description: z.string().nullable(),
  location: z
    .object({ address: z.string(), lat: z.number().nullable(), lng: z.number().nullable() })
    .nullable(),
  costItems: z.array(
    z.object({ name: z.string(), quantity: z.number(), unitCost: z.number().int(), total: z.number().int() }),
  ),
  totalCost: z.number().int(),
  status: projectStatusSchema,
  /** Shown to the public only with the author's consent (docs/rules.md §6). */
  author: z.object({ id: z.number().int().optional(), name: z.string() }).nullable(),
  isMine: z.boolean(),
  showAuthorName: z.boolean(),
  revision: z.number().int(),
  submittedAt: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  images: z.array(projectImageSchema),
  /** The working group's latest decision with its reason (the author's own list). */
  lastDecision: z
    .object({ action: z.string(), reason: z.string().nullable(), at: z.string() })
    .nullable()
    .optional(),
  votes: z.number().int().optional(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectDetailSchema = projectSchema.extend({ history: z.array(projectEventSchema) });
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const projectListResponseSchema = z.object({
  projects: z.array(projectSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const revisionSchema = z.object({
  revision: z.number().int(),
  createdAt: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

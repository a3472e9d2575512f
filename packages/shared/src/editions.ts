import { z } from 'zod';
import { text, urlId } from './primitives.js';
import { kopiykas } from './money.js';
import { LIMITS } from './auth.js';
import { PHASES, phaseOrderErrors } from './phase.js';

const isoDate = z.iso.datetime({ offset: true, message: 'Очікується дата й час ISO 8601' });

export const phasesSchema = z
  .strictObject({
    submissionStart: isoDate,
    submissionEnd: isoDate,
    reviewEnd: isoDate,
    votingStart: isoDate,
    votingEnd: isoDate,
  })
  .superRefine((dates, ctx) => {
    for (const k of phaseOrderErrors(dates)) {
      ctx.addIssue({ code: 'custom', path: [k], message: 'Дата має бути пізнішою за попередній етап' });
    }
  });

export const tallyRuleSchema = z.enum(['greedy', 'mes']);
export const tieBreakSchema = z.enum(['earlier_submission', 'lottery']);
export const eligibilitySchema = z.enum(['residents', 'residents_students_workers']);

const editionFields = {
  title: text().trim().min(3).max(LIMITS.titleMax),
  description: text().max(LIMITS.textMax).optional(),
  totalFund: kopiykas,
  phases: phasesSchema,
  minVoterAge: z.number().int().min(14).max(120),
  eligibility: eligibilitySchema.optional(),
  tallyRule: tallyRuleSchema,
  tieBreak: tieBreakSchema,
  minVotes: z.number().int().nonnegative().max(10_000_000).optional(),
  resultsVisibleDuringVoting: z.boolean().optional(),
};

export const createEditionBodySchema = z.strictObject({
  ...editionFields,
  eligibility: eligibilitySchema.default('residents'),
  minVotes: z.number().int().nonnegative().max(10_000_000).default(0),
  resultsVisibleDuringVoting: z.boolean().default(false),
});
export type CreateEditionBody = z.input<typeof createEditionBodySchema>;

export const updateEditionBodySchema = z
  .strictObject({ ...editionFields, phases: z.strictObject(phasesSchema.shape).partial() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Нічого змінювати' });
export type UpdateEditionBody = z.input<typeof updateEditionBodySchema>;

const categoryFields = {
  name: text().trim().min(2).max(LIMITS.titleMax),
  description: text().max(LIMITS.textMax).optional(),
  fund: kopiykas.positive(),
  minCost: kopiykas,
  maxCost: kopiykas.positive(),
  maxVotes: z.number().int().min(1).max(100),
};

/** Field names whose cost bounds contradict each other (also used after merging a PATCH). */
export function categoryCostErrors(c: { fund: number; minCost: number; maxCost: number }) {
  const out: { path: 'minCost' | 'maxCost'; message: string }[] = [];
  if (c.minCost > c.maxCost)
    out.push({ path: 'minCost', message: 'Мінімальна вартість більша за максимальну' });
  if (c.maxCost > c.fund)
    out.push({ path: 'maxCost', message: 'Максимальна вартість більша за фонд категорії' });
  return out;
}

export const createCategoryBodySchema = z.strictObject(categoryFields).superRefine((c, ctx) => {
  for (const e of categoryCostErrors(c)) ctx.addIssue({ code: 'custom', path: [e.path], message: e.message });
});
export type CreateCategoryBody = z.input<typeof createCategoryBodySchema>;

export const updateCategoryBodySchema = z
  .strictObject(categoryFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Нічого змінювати' });
export type UpdateCategoryBody = z.input<typeof updateCategoryBodySchema>;

export const categorySchema = z.object({
  id: z.number().int(),
  editionId: z.number().int(),
  name: z.string(),
  description: z.string(),
  fund: z.number().int(),
  minCost: z.number().int(),
  maxCost: z.number().int(),
  maxVotes: z.number().int(),
  position: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

export const editionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  totalFund: z.number().int(),
  phases: z.object({
    submissionStart: z.string(),
    submissionEnd: z.string(),
    reviewEnd: z.string(),
    votingStart: z.string(),
    votingEnd: z.string(),
  }),
  phase: z.enum(PHASES),
  minVoterAge: z.number().int(),
  eligibility: eligibilitySchema,
  tallyRule: tallyRuleSchema,
  tieBreak: tieBreakSchema,
  minVotes: z.number().int(),
  resultsVisibleDuringVoting: z.boolean(),
  resultsPublishedAt: z.string().nullable(),
  categories: z.array(categorySchema),
  createdAt: z.string(),
});
export type Edition = z.infer<typeof editionSchema>;

export const idParamsSchema = z.strictObject({ id: urlId });
export const categoryParamsSchema = z.strictObject({ id: urlId, categoryId: urlId });
export const editionResponseSchema = z.object({ edition: editionSchema });
export const categoryResponseSchema = z.object({ category: categorySchema });

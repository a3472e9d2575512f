import { z } from 'zod';
import { dbId, text } from './primitives.js';
import { taxIdSchema } from './taxid.js';
import { ballotSerialSchema } from './voting.js';

export const ANNULMENT_KINDS = ['fraud', 'entry_error'] as const;
export type AnnulmentKind = (typeof ANNULMENT_KINDS)[number];
export const ANNULMENT_REASON_MAX = 1000;

/**
 * Whose votes to annul: exactly one of an account, a taxpayer number, or a paper ballot's serial.
 * The reason is published with the results (docs/rules.md §7), so it is required and short.
 */
export const annulBodySchema = z
  .strictObject({
    kind: z.enum(ANNULMENT_KINDS, 'Оберіть підставу: fraud або entry_error'),
    reason: text()
      .trim()
      .min(5, 'Опишіть причину (щонайменше 5 символів): її буде оприлюднено з результатами')
      .max(ANNULMENT_REASON_MAX),
    userId: dbId.optional(),
    taxId: taxIdSchema.optional(),
    ballotSerial: ballotSerialSchema.optional(),
  })
  .superRefine((b, ctx) => {
    const given = (['userId', 'taxId', 'ballotSerial'] as const).filter((k) => b[k] !== undefined);
    if (given.length === 1) return;
    const message =
      given.length === 0
        ? 'Вкажіть, чиї голоси анулювати: userId, taxId або ballotSerial'
        : 'Вкажіть лише одне з: userId, taxId, ballotSerial';
    for (const k of given.length ? given : (['userId', 'taxId', 'ballotSerial'] as const))
      ctx.addIssue({ code: 'custom', path: [k], message });
  });
export type AnnulBody = z.input<typeof annulBodySchema>;

export const annulmentSchema = z.object({
  id: z.number().int(),
  editionId: z.number().int(),
  kind: z.enum(ANNULMENT_KINDS),
  reason: z.string(),
  target: z.enum(['user', 'tax_id', 'ballot']),
  /** The account named (or the one linked to the person), for staff; never the taxpayer number. */
  userId: z.number().int().nullable(),
  ballotSerial: z.string().nullable(),
  votes: z.number().int(),
  createdBy: z.object({ id: z.number().int(), fullName: z.string() }),
  createdAt: z.string(),
});
export type Annulment = z.infer<typeof annulmentSchema>;
export const annulmentResponseSchema = z.object({ annulment: annulmentSchema });
export const annulmentsResponseSchema = z.object({ annulments: z.array(annulmentSchema) });

/** What the public sees next to the results: how many, and why (grouped by the admin's reason). */
export const annulledSummarySchema = z.object({
  voters: z.number().int(),
  votes: z.number().int(),
  reasons: z.array(
    z.object({
      kind: z.enum(ANNULMENT_KINDS),
      reason: z.string(),
      voters: z.number().int(),
      votes: z.number().int(),
    }),
  ),
});
export type AnnulledSummary = z.infer<typeof annulledSummarySchema>;

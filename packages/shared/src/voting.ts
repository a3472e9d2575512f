import { z } from 'zod';
import { dbId, text } from './primitives.js';
import { LIMITS, userSchema } from './auth.js';
import { taxIdSchema } from './taxid.js';

/** One request may not name a project twice; the API answers that with a field error, not a vote. */
const projectIds = z
  .array(dbId)
  .min(1, 'Оберіть хоча б один проєкт')
  .max(100)
  .superRefine((ids, ctx) => {
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'Проєкт указано двічі' });
  });

export const declareIdentityBodySchema = z.strictObject({ taxId: taxIdSchema });
export type DeclareIdentityBody = z.infer<typeof declareIdentityBodySchema>;

/** The same shape as `user.identity` of /api/me: defined once. */
export const identitySchema = userSchema.shape.identity;
export type Identity = z.infer<typeof identitySchema>;
export const identityResponseSchema = z.object({ identity: identitySchema });

export const cnapVerificationBodySchema = z.strictObject({
  userId: dbId,
  taxId: taxIdSchema,
  cnapLocationId: dbId,
});
export type CnapVerificationBody = z.infer<typeof cnapVerificationBodySchema>;
export const cnapVerificationResponseSchema = z.object({
  userId: z.number().int(),
  identity: identitySchema,
});

export const castVotesBodySchema = z.strictObject({ projectIds });
export type CastVotesBody = z.infer<typeof castVotesBodySchema>;

export const voteChannelSchema = z.enum(['online', 'cnap']);
export type VoteChannel = z.infer<typeof voteChannelSchema>;

export const voteSchema = z.object({
  projectId: z.number().int(),
  categoryId: z.number().int(),
  channel: voteChannelSchema,
  createdAt: z.string(),
});
export type Vote = z.infer<typeof voteSchema>;
export const castVotesResponseSchema = z.object({ votes: z.array(voteSchema) });

/** Paper ballot serials as printed: letters, digits, dash, slash; compared exactly as typed. */
export const ballotSerialSchema = z
  .string()
  .trim()
  .min(1, 'Вкажіть номер бюлетеня')
  .max(40)
  .regex(/^[\p{L}\d][\p{L}\d\-/ ]*$/u, 'Номер бюлетеня: літери, цифри, дефіс або скісна риска');

export const paperBallotBodySchema = z.strictObject({
  taxId: taxIdSchema,
  fullName: text().trim().min(2, 'Вкажіть ім’я та прізвище').max(LIMITS.nameMax),
  serial: ballotSerialSchema,
  cnapLocationId: dbId,
  projectIds,
});
export type PaperBallotBody = z.input<typeof paperBallotBodySchema>;

/** The operator asks what a person may still vote for, before the ballot is typed. */
export const cnapAllowanceBodySchema = z.strictObject({ taxId: taxIdSchema, cnapLocationId: dbId });
export type CnapAllowanceBody = z.input<typeof cnapAllowanceBodySchema>;
export const cnapAllowanceResponseSchema = z.object({
  /** False when the person is younger than the edition's minimum voting age. */
  oldEnough: z.boolean(),
  categories: z.array(
    z.object({ categoryId: z.number().int(), maxVotes: z.number().int(), used: z.number().int() }),
  ),
});
export type CnapAllowance = z.infer<typeof cnapAllowanceResponseSchema>;

export const paperBallotSchema = z.object({
  id: z.number().int(),
  editionId: z.number().int(),
  serial: z.string(),
  cnapLocationId: z.number().int(),
  createdAt: z.string(),
  votes: z.array(voteSchema),
});
export type PaperBallot = z.infer<typeof paperBallotSchema>;
export const paperBallotResponseSchema = z.object({ ballot: paperBallotSchema });

export const myVoteSchema = voteSchema.extend({
  title: z.string(),
  categoryName: z.string(),
  ballotSerial: z.string().nullable(),
  cnapLocationId: z.number().int().nullable(),
  /** Set when an admin annulled this vote: it stays listed, and no longer counts. */
  annulled: z.enum(['fraud', 'entry_error']).nullable(),
});
export const allowanceSchema = z.object({
  categoryId: z.number().int(),
  categoryName: z.string(),
  used: z.number().int(),
  maxVotes: z.number().int(),
  remaining: z.number().int(),
});
export const myVotesResponseSchema = z.object({
  identity: identitySchema,
  votes: z.array(myVoteSchema),
  allowance: z.array(allowanceSchema),
});
export type MyVotesResponse = z.infer<typeof myVotesResponseSchema>;

import { z } from 'zod';
import { annulledSummarySchema } from './annulments.js';
import { dbId } from './primitives.js';

export const tallyBodySchema = z.strictObject({ rule: z.enum(['greedy', 'mes']).optional() });
export const publishBodySchema = z.strictObject({ resultId: dbId });

export const resultProjectSchema = z.object({
  projectId: z.number().int(),
  title: z.string(),
  votes: z.number().int(),
  cost: z.number().int(),
  selected: z.boolean(),
  rank: z.number().int(),
  /** One line: why this project won or did not (docs/rules.md §4). */
  explanation: z.string(),
  reason: z.object({ code: z.string() }).catchall(z.unknown()),
});
export type ResultProject = z.infer<typeof resultProjectSchema>;

export const resultCategorySchema = z.object({
  categoryId: z.number().int(),
  name: z.string(),
  fund: z.number().int(),
  allocated: z.number().int(),
  projects: z.array(resultProjectSchema),
});

export const resultSchema = z.object({
  id: z.number().int(),
  editionId: z.number().int(),
  rule: z.enum(['greedy', 'mes']),
  tieBreak: z.enum(['earlier_submission', 'lottery']),
  seed: z.string().nullable(),
  minVotes: z.number().int(),
  inputsDigest: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  /**
   * Admins only, on an unpublished result: the votes (or rules) it counted are no longer those in
   * the database, or voting is open again. It cannot be published; tally again.
   */
  stale: z.boolean().optional(),
  categories: z.array(resultCategorySchema),
  /** Votes an admin annulled before publication: not in the figures above (docs/rules.md §7). */
  annulled: annulledSummarySchema,
});
export type Result = z.infer<typeof resultSchema>;

const channelStats = z.object({ voters: z.number().int(), votes: z.number().int() });

export const statsSchema = z.object({
  voters: z.number().int(),
  votes: z.number().int(),
  channels: z.object({ online: channelStats, cnap: channelStats }),
  categories: z.array(
    z.object({
      categoryId: z.number().int(),
      name: z.string(),
      voters: z.number().int(),
      votes: z.number().int(),
    }),
  ),
  votesPerDay: z.array(z.object({ day: z.string(), online: z.number().int(), cnap: z.number().int() })),
  /** Locations of fewer than 10 people (live ballot holders) are merged into one row with a null id (mergeSmallLocations). */
  cnapLocations: z.array(
    z.object({
      locationId: z.number().int().nullable(),
      name: z.string(),
      ballots: z.number().int(),
      votes: z.number().int(),
    }),
  ),
  /** Annulled votes are in none of the figures above. */
  annulled: annulledSummarySchema,
});
export type Stats = z.infer<typeof statsSchema>;

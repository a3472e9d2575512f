import { z } from 'zod';
import { text } from './primitives.js';
import { LIMITS } from './auth.js';

export const createCnapLocationBodySchema = z.strictObject({
  name: text().trim().min(2).max(LIMITS.titleMax),
  address: text().trim().min(3).max(500),
});
export type CreateCnapLocationBody = z.infer<typeof createCnapLocationBodySchema>;

export const cnapLocationSchema = z.object({ id: z.number().int(), name: z.string(), address: z.string() });
export type CnapLocation = z.infer<typeof cnapLocationSchema>;

/**
 * The operator's start page: where they work, and per edition in voting how many paper ballots they
 * entered today (a day in Kyiv, `day` as YYYY-MM-DD); annulled ballots are not counted.
 */
export const cnapSummarySchema = z.object({
  day: z.string(),
  locations: z.array(cnapLocationSchema),
  editions: z.array(
    z.object({ editionId: z.number().int(), title: z.string(), ballotsToday: z.number().int() }),
  ),
});
export type CnapSummary = z.infer<typeof cnapSummarySchema>;

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

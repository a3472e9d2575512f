import { z } from 'zod';

/** How many times the median of the non-empty hours makes an hour stand out. */
export const OUTLIER_FACTOR = 5;

const hourCount = z.object({ hour: z.string(), count: z.number().int(), outlier: z.boolean() });

/** One hourly series (only the hours with something in them), with its own median. */
export const signalSeriesSchema = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  median: z.number(),
  hours: z.array(hourCount),
});
export type SignalSeries = z.infer<typeof signalSeriesSchema>;

export const signalsSchema = z.object({
  editionId: z.number().int(),
  from: z.string(),
  to: z.string(),
  factor: z.number(),
  registrations: signalSeriesSchema,
  verifications: z.array(signalSeriesSchema),
  operatorVerifications: z.array(signalSeriesSchema),
  operatorBallots: z.array(signalSeriesSchema),
  /** Addresses shared by several accounts, as an opaque label of their keyed hash. */
  sharedAddresses: z.object({
    median: z.number(),
    rows: z.array(
      z.object({
        address: z.string(),
        accounts: z.number().int(),
        first: z.string(),
        last: z.string(),
        outlier: z.boolean(),
      }),
    ),
  }),
});
export type Signals = z.infer<typeof signalsSchema>;

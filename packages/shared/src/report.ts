import { z } from 'zod';
import { statsSchema } from './results.js';

/** Age bands of the city reports. Ages are taken on the last day of voting. */
export const AGE_BANDS = [
  { band: '16–17', from: 0, to: 17 },
  { band: '18–29', from: 18, to: 29 },
  { band: '30–44', from: 30, to: 44 },
  { band: '45–59', from: 45, to: 59 },
  { band: '60+', from: 60, to: null },
] as const;

/** No published figure about voters may single out fewer than this many people (docs/rules.md). */
export const MIN_PUBLISHED_GROUP = 10;

export interface AgeBandCount {
  band: string;
  voters: number;
}

const label = (from: string, to: string) => {
  const start = from.split('–')[0]!.replace('+', '');
  if (to.endsWith('+')) return `${start}+`;
  return `${start}–${to.split('–').at(-1)}`;
};

/**
 * Merges every band of 1–9 voters into a neighbour (the smaller one, so the merged band stays as
 * narrow as it can) until none is left; a single band still under the limit is withheld entirely.
 * Empty bands stay: "nobody of that age" singles out no one.
 */
export function mergeSmallBands(bands: AgeBandCount[], min = MIN_PUBLISHED_GROUP): AgeBandCount[] {
  const out = bands.map((b) => ({ ...b }));
  for (;;) {
    const i = out.findIndex((b) => b.voters > 0 && b.voters < min);
    if (i < 0) return out;
    if (out.length === 1) return [];
    const left = i > 0 ? out[i - 1] : undefined;
    const right = i < out.length - 1 ? out[i + 1] : undefined;
    const j = !right || (left && left.voters <= right.voters) ? i - 1 : i + 1;
    const [a, b] = j < i ? [out[j]!, out[i]!] : [out[i]!, out[j]!];
    out.splice(Math.min(i, j), 2, { band: label(a.band, b.band), voters: a.voters + b.voters });
  }
}

/** A figure of 1 to min − 1 people, which would single them out if shown alone. */
export function isSmallGroup(people: number, min = MIN_PUBLISHED_GROUP): boolean {
  return people > 0 && people < min;
}

/** The row that stands for the ЦНАП locations too small to be shown one by one. */
export const OTHER_LOCATIONS = 'Інші ЦНАП';

/** A location row, or the merged row that stands for several (id null, named OTHER_LOCATIONS). */
export type MaybeMerged<T extends { id: number }> = Omit<T, 'id'> & { id: number | null };

/**
 * Per-location figures that describe fewer than `min` people are not shown alone: those rows are
 * merged into one row (id null, named OTHER_LOCATIONS), and while that row is still under the limit
 * the next smallest location joins it. When even all of them together are too few, nothing is shown.
 * `people(group)` counts the distinct people a group of rows describes (a row alone is a group of
 * one): a person can have come to two locations, so a group's people are not the sum of its rows'.
 * The merged row's numeric fields are sums, except those in `recount`, computed for the group as a
 * whole (counts of distinct people).
 */
export function mergeSmallLocations<T extends { id: number; name: string }>(
  rows: T[],
  people: (group: T[]) => number,
  recount: { [K in keyof T]?: (group: T[]) => number } = {},
  min = MIN_PUBLISHED_GROUP,
): MaybeMerged<T>[] {
  const sizes = new Map(rows.map((r) => [r, people([r])]));
  const size = (r: T) => sizes.get(r)!;
  const small = (r: T) => isSmallGroup(size(r), min);
  if (!rows.some(small)) return rows;
  const big = rows.filter((r) => size(r) >= min).sort((a, b) => size(a) - size(b));
  const merged = rows.filter(small);
  while (people(merged) < min && big.length > 0) merged.push(big.shift()!);
  if (people(merged) < min) return [];
  const other: Record<string, unknown> = { ...merged[0]!, id: null, name: OTHER_LOCATIONS };
  for (const [k, v] of Object.entries(merged[0]!))
    if (typeof v === 'number' && k !== 'id')
      other[k] = merged.reduce((n, r) => n + (r[k as keyof T] as number), 0);
  for (const [k, count] of Object.entries(recount) as [string, (group: T[]) => number][])
    other[k] = count(merged);
  return [...rows.filter((r) => !merged.includes(r)), other as MaybeMerged<T>];
}

const counts = z.number().int();

export const reportSchema = z.object({
  edition: z.object({
    id: z.number().int(),
    title: z.string(),
    totalFund: z.number().int(),
    votingStart: z.string(),
    votingEnd: z.string(),
    resultsPublishedAt: z.string().nullable(),
  }),
  projects: z.object({
    submitted: counts,
    admitted: counts,
    rejected: counts,
    /** Projects sent back for changes at least once, and those of them submitted again. */
    returned: counts,
    resubmitted: counts,
    winners: counts,
    rejectionReasons: z.array(z.object({ reason: z.string(), projects: counts })),
  }),
  voters: counts,
  votes: counts,
  channels: statsSchema.shape.channels,
  /** Annulled votes, in none of the figures above, with the admins' reasons. */
  annulled: statsSchema.shape.annulled,
  /** Grouped as the statistics group them (mergeSmallLocations); a merged row's voters are distinct people. */
  locations: z.array(
    z.object({ cnapLocationId: counts.nullable(), name: z.string(), voters: counts, votes: counts }),
  ),
  categories: z.array(
    z.object({
      categoryId: counts,
      name: z.string(),
      fund: counts,
      allocated: counts,
      admitted: counts,
      winners: counts,
      voters: counts,
      votes: counts,
    }),
  ),
  votesPerDay: statsSchema.shape.votesPerDay,
  ageBands: z.array(z.object({ band: z.string(), voters: counts })),
  implementation: z.object({
    allocated: counts,
    spent: counts,
    counts: z.object({ winner: counts, in_progress: counts, implemented: counts, cancelled: counts }),
  }),
  previous: z
    .object({
      editionId: counts,
      title: z.string(),
      voters: counts,
      votes: counts,
      submitted: counts,
      winners: counts,
    })
    .nullable(),
});
export type Report = z.infer<typeof reportSchema>;

import { OUTLIER_FACTOR } from '@bu/shared';

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * What "stands out" means on the signals page: a value above `factor` times the median of the
 * non-empty values of the same series. Empty hours are left out of the median, or a quiet night
 * would make every busy morning look like an attack. The series is its own baseline, so a big city
 * and a small school budget are judged by their own rhythm.
 */
export function flagOutliers(values: readonly number[], factor = OUTLIER_FACTOR) {
  const m = median(values.filter((v) => v > 0));
  return { median: m, outlier: values.map((v) => isOutlier(v, m, factor)) };
}

export const isOutlier = (value: number, median: number, factor = OUTLIER_FACTOR) =>
  median > 0 && value > factor * median;

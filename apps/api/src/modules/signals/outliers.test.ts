import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flagOutliers, median } from './outliers.js';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBe(0);
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 5, 5, 100])).toBe(5);
  });
});

describe('flagOutliers', () => {
  it('flags an hour above 5× the median of the non-empty hours', () => {
    // Non-empty: 2, 3, 4, 21 → median 3.5; 21 > 17.5 stands out, the empty hours do not count.
    const r = flagOutliers([0, 2, 0, 3, 4, 0, 21, 0]);
    expect(r.median).toBe(3.5);
    expect(r.outlier).toEqual([false, false, false, false, false, false, true, false]);
  });

  it('does not flag exactly 5× the median', () => {
    expect(flagOutliers([2, 2, 2, 10]).outlier).toEqual([false, false, false, false]);
    expect(flagOutliers([2, 2, 2, 11]).outlier).toEqual([false, false, false, true]);
  });

  it('takes another factor', () => {
    expect(flagOutliers([1, 1, 1, 3], 2).outlier).toEqual([false, false, false, true]);
  });

  it('flags nothing in an empty or a one-hour series', () => {
    expect(flagOutliers([])).toEqual({ median: 0, outlier: [] });
    expect(flagOutliers([0, 0, 0]).outlier).toEqual([false, false, false]);
    expect(flagOutliers([0, 500, 0]).outlier).toEqual([false, false, false]);
  });

  it('never flags an empty hour or one at or below the median, whatever the series', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 200 }), (values) => {
        const { median: m, outlier } = flagOutliers(values);
        values.forEach((v, i) => {
          if (v === 0 || v <= m) expect(outlier[i]).toBe(false);
          expect(outlier[i]).toBe(m > 0 && v > 5 * m);
        });
        // Most non-empty hours are at or below 5× their own median: at most half can stand out.
        expect(outlier.filter(Boolean).length * 2).toBeLessThanOrEqual(values.filter((v) => v > 0).length);
      }),
    );
  });

  it('does not depend on the order of the hours', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { maxLength: 50 }), (values) => {
        const a = flagOutliers(values);
        const rev = flagOutliers([...values].reverse());
        expect(rev.median).toBe(a.median);
        expect([...rev.outlier].reverse()).toEqual(a.outlier);
      }),
    );
  });
});

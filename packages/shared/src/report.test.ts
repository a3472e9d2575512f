import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeSmallBands } from './report.js';

const bands = (...n: number[]) =>
  ['16–17', '18–29', '30–44', '45–59', '60+'].map((band, i) => ({ band, voters: n[i]! }));

describe('age bands never single out fewer than 10 people', () => {
  it('leaves bands of 10 or more alone, and keeps empty bands', () => {
    expect(mergeSmallBands(bands(0, 10, 250, 40, 12))).toEqual(bands(0, 10, 250, 40, 12));
  });

  it('merges a small band into its smaller neighbour, relabelled', () => {
    expect(mergeSmallBands(bands(3, 120, 250, 40, 12))).toEqual([
      { band: '16–29', voters: 123 },
      { band: '30–44', voters: 250 },
      { band: '45–59', voters: 40 },
      { band: '60+', voters: 12 },
    ]);
    expect(mergeSmallBands(bands(30, 120, 250, 40, 4))).toEqual([
      ...bands(30, 120, 250).slice(0, 3),
      { band: '45+', voters: 44 },
    ]);
    expect(mergeSmallBands(bands(30, 120, 5, 40, 100))).toEqual([
      { band: '16–17', voters: 30 },
      { band: '18–29', voters: 120 },
      { band: '30–59', voters: 45 },
      { band: '60+', voters: 100 },
    ]);
  });

  it('withholds everything when the whole edition has fewer than 10 voters', () => {
    expect(mergeSmallBands(bands(1, 2, 3, 0, 0))).toEqual([]);
  });

  it('keeps the total and leaves no band of 1–9, for any counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 5, maxLength: 5 }), (n) => {
        const out = mergeSmallBands(bands(...n));
        const total = n.reduce((s, x) => s + x, 0);
        if (out.length === 0) return total < 10;
        return (
          out.every((b) => b.voters === 0 || b.voters >= 10) &&
          out.reduce((s, b) => s + b.voters, 0) === total
        );
      }),
    );
  });
});

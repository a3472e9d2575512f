import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeSmallBands, mergeSmallLocations, OTHER_LOCATIONS } from './report.js';

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

describe('ЦНАП locations never single out fewer than 10 people', () => {
  const loc = (id: number, voters: number) => ({ id, name: `ЦНАП ${id}`, voters, votes: voters * 2 });
  const size = (l: { voters: number }) => l.voters;

  it('leaves locations of 10 or more alone, and empty ones', () => {
    expect(mergeSmallLocations([loc(1, 10), loc(2, 300)], size)).toEqual([loc(1, 10), loc(2, 300)]);
    expect(mergeSmallLocations([loc(1, 0), loc(2, 300)], size)).toEqual([loc(1, 0), loc(2, 300)]);
  });

  it('sums the small ones into one row, every count summed', () => {
    expect(mergeSmallLocations([loc(1, 4), loc(2, 300), loc(3, 7)], size)).toEqual([
      loc(2, 300),
      { id: null, name: OTHER_LOCATIONS, voters: 11, votes: 22 },
    ]);
  });

  it('adds the smallest large location while the small ones together are still too few', () => {
    expect(mergeSmallLocations([loc(1, 3), loc(2, 300), loc(3, 12)], size)).toEqual([
      loc(2, 300),
      { id: null, name: OTHER_LOCATIONS, voters: 15, votes: 30 },
    ]);
  });

  it('withholds everything when all the locations together have fewer than 10 people', () => {
    expect(mergeSmallLocations([loc(1, 1), loc(2, 5)], size)).toEqual([]);
  });

  it('keeps the total and shows no row of 1–9 people, for any counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { maxLength: 8 }), (n) => {
        const out = mergeSmallLocations(
          n.map((v, i) => loc(i + 1, v)),
          size,
        );
        const total = n.reduce((s, x) => s + x, 0);
        expect(out.every((l) => l.voters >= 10 || l.voters === 0)).toBe(true);
        if (out.length > 0) expect(out.reduce((s, l) => s + l.voters, 0)).toBe(total);
        else expect(n.length === 0 || total < 10).toBe(true);
        // A location shown by name is shown with its own figures.
        for (const l of out) if (l.id !== null) expect(l).toEqual(loc(l.id, n[l.id - 1]!));
      }),
    );
  });
});

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
  // Each row its own people: a group's people are the sum of its rows'.
  const sum = (group: { voters: number }[]) => group.reduce((n, l) => n + l.voters, 0);

  it('leaves locations of 10 or more alone, and empty ones', () => {
    expect(mergeSmallLocations([loc(1, 10), loc(2, 300)], sum)).toEqual([loc(1, 10), loc(2, 300)]);
    expect(mergeSmallLocations([loc(1, 0), loc(2, 300)], sum)).toEqual([loc(1, 0), loc(2, 300)]);
  });

  it('sums the small ones into one row, every count summed', () => {
    expect(mergeSmallLocations([loc(1, 4), loc(2, 300), loc(3, 7)], sum)).toEqual([
      loc(2, 300),
      { id: null, name: OTHER_LOCATIONS, voters: 11, votes: 22 },
    ]);
  });

  it('adds the smallest large location while the small ones together are still too few', () => {
    expect(mergeSmallLocations([loc(1, 3), loc(2, 300), loc(3, 12)], sum)).toEqual([
      loc(2, 300),
      { id: null, name: OTHER_LOCATIONS, voters: 15, votes: 30 },
    ]);
  });

  it('withholds everything when all the locations together have fewer than 10 people', () => {
    expect(mergeSmallLocations([loc(1, 1), loc(2, 5)], sum)).toEqual([]);
  });

  it('counts a person at two small locations once, and takes in another location for it', () => {
    // Six people voted at ЦНАП 1, five at ЦНАП 3; two of them at both: nine people, not eleven.
    const at = new Map([
      [1, [1, 2, 3, 4, 5, 6]],
      [2, Array.from({ length: 300 }, (_, i) => 100 + i)],
      [3, [5, 6, 7, 8, 9]],
      [4, [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]],
    ]);
    const rows = [...at].map(([id, people]) => loc(id, people.length));
    const peopleIn = (group: { id: number }[]) => new Set(group.flatMap((l) => at.get(l.id)!)).size;
    expect(mergeSmallLocations(rows, peopleIn, { voters: peopleIn })).toEqual([
      loc(2, 300),
      { id: null, name: OTHER_LOCATIONS, voters: 21, votes: 2 * (6 + 5 + 12) },
    ]);
    // With the sum, the two small ones would have passed as 11 people and stood alone as a group of nine.
    expect(mergeSmallLocations(rows, sum)).toEqual([
      loc(2, 300),
      loc(4, 12),
      { id: null, name: OTHER_LOCATIONS, voters: 11, votes: 22 },
    ]);
  });

  it('shows no group of 1–9 distinct people when people voted at several locations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 25 }), { maxLength: 7 }),
        (people) => {
          const at = new Map(people.map((p, i) => [i + 1, p]));
          const peopleIn = (group: { id: number }[]) => new Set(group.flatMap((l) => at.get(l.id)!)).size;
          const out = mergeSmallLocations(
            people.map((p, i) => loc(i + 1, p.length)),
            peopleIn,
            { voters: peopleIn },
          );
          const named = out.flatMap((l) => (l.id === null ? [] : [{ ...l, id: l.id }]));
          for (const l of named) expect(l).toEqual(loc(l.id, people[l.id - 1]!.length));
          const other = out.find((l) => l.id === null);
          if (other) {
            const rest = [...at.keys()].filter((id) => !named.some((l) => l.id === id));
            expect(other.voters).toBe(new Set(rest.flatMap((id) => at.get(id)!)).size);
            expect(other.voters).toBeGreaterThanOrEqual(10);
          }
          for (const l of out) expect(l.voters === 0 || l.voters >= 10).toBe(true);
          if (out.length === 0) expect(people.length === 0 || new Set(people.flat()).size < 10).toBe(true);
        },
      ),
    );
  });

  it('keeps the total and shows no row of 1–9 people, for any counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { maxLength: 8 }), (n) => {
        const out = mergeSmallLocations(
          n.map((v, i) => loc(i + 1, v)),
          sum,
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

import { describe, expect, it } from 'vitest';
import { explanationText, tally, type TallyInput } from '../src/index.js';

/** Category "c" with a fund of 500 000,00 грн and costs in kopiykas. */
function input(over: Partial<TallyInput> = {}): TallyInput {
  return {
    rule: 'greedy',
    tieBreak: 'earlier_submission',
    categories: [{ id: 'c', fund: 50_000_000 }],
    projects: [
      { id: 'late', categoryId: 'c', cost: 12_000_000, submittedAt: 20 },
      { id: 'early', categoryId: 'c', cost: 30_000_000, submittedAt: 10 },
      { id: 'big', categoryId: 'c', cost: 40_000_000, submittedAt: 5 },
      { id: 'small', categoryId: 'c', cost: 1_000_000, submittedAt: 30 },
    ],
    // early and late tie on 2 votes; big has 1; small has 1.
    votes: {
      voters: ['u1', 'u2', 'u1', 'u2', 'u3', 'u4'],
      projects: ['early', 'early', 'late', 'late', 'big', 'small'],
    },
    ...over,
  };
}

describe('greedy tally', () => {
  it('breaks a tie by earlier submission, skips what does not fit, funds a cheaper project after', () => {
    const [cat] = tally(input()).categories;
    expect(cat!.selected).toEqual(['early', 'late', 'small']);
    expect(cat!.allocated).toBe(43_000_000);
    expect(cat!.projects.map((p) => [p.projectId, p.rank, p.selected, p.explanation.code])).toEqual([
      ['early', 1, true, 'funded'],
      ['late', 2, true, 'funded'],
      ['big', 3, false, 'skipped_no_funds'],
      ['small', 4, true, 'funded'],
    ]);
    expect(cat!.projects[0]!.explanation.text).toBe(
      'Переміг: 2 голоси, профінансовано 300\u202f000,00 грн із залишку 500\u202f000,00 грн',
    );
    expect(cat!.projects[2]!.explanation.text).toBe(
      'Не вистачило коштів: 1 голос, вартість 400\u202f000,00 грн, залишок 80\u202f000,00 грн',
    );
  });

  it('breaks the same tie by cost under cost_then_id', () => {
    expect(tally(input({ tieBreak: 'cost_then_id' })).categories[0]!.selected).toEqual([
      'late',
      'early',
      'small',
    ]);
  });

  it('lottery: the seed is required, echoed, and decides reproducibly', () => {
    expect(() => tally(input({ tieBreak: 'lottery' }))).toThrow(/needs a seed/);
    const winners = new Set<string>();
    for (let s = 0; s < 40; s++) {
      const seed = `seed-${s}`;
      const a = tally(input({ tieBreak: 'lottery', seed }));
      expect(a.seed).toBe(seed);
      expect(tally(input({ tieBreak: 'lottery', seed }))).toEqual(a);
      winners.add(a.categories[0]!.selected[0]!);
    }
    // Both tied projects win under some seed: the draw is not a disguised fixed order.
    expect(winners).toEqual(new Set(['early', 'late']));
  });

  it('applies the minimum vote threshold', () => {
    const [cat] = tally(input({ minVotes: 2 })).categories;
    expect(cat!.selected).toEqual(['early', 'late']);
    expect(cat!.projects.find((p) => p.projectId === 'small')!.explanation).toMatchObject({
      code: 'below_threshold',
      votes: 1,
      minVotes: 2,
    });
  });

  it('keeps categories apart, each within its own fund', () => {
    const res = tally({
      ...input(),
      categories: [
        { id: 'c', fund: 50_000_000 },
        { id: 'd', fund: 100 },
      ],
      projects: [...input().projects, { id: 'd1', categoryId: 'd', cost: 101, submittedAt: 1 }],
      votes: { voters: ['u1', 'u9'], projects: ['d1', 'early'] },
    });
    // In c only "early" has a vote; the rest rank by submission and fill what is left.
    expect(res.categories.map((c) => c.selected)).toEqual([['early', 'late', 'small'], []]);
    expect(res.categories[1]!.projects[0]!.explanation).toMatchObject({
      code: 'skipped_no_funds',
      cost: 101,
      remaining: 100,
    });
  });

  it.each([
    [
      'a float cost',
      { projects: [{ id: 'x', categoryId: 'c', cost: 10.5, submittedAt: 1 }] },
      /whole number of minor units/,
    ],
    [
      'an unknown project in a vote',
      { votes: { voters: ['u'], projects: ['ghost'] } },
      /Vote #1 names unknown project "ghost"/,
    ],
    [
      'a double vote',
      { votes: { voters: ['u', 'u'], projects: ['early', 'early'] } },
      /approves project "early" more than once/,
    ],
    [
      'a missing submission time',
      { projects: [{ id: 'x', categoryId: 'c', cost: 1 }], votes: { voters: [], projects: [] } },
      /no submission time/,
    ],
    [
      'an unknown category',
      { projects: [{ id: 'x', categoryId: 'zz', cost: 1, submittedAt: 1 }] },
      /unknown category "zz"/,
    ],
  ])('refuses %s', (_, over, message) => {
    expect(() => tally(input(over as Partial<TallyInput>))).toThrow(message);
  });
});

describe('explanations', () => {
  it('agree in number with the count in Ukrainian', () => {
    const text = (votes: number) =>
      explanationText({ code: 'funded', votes, cost: 100, remainingBefore: 100 });
    expect([1, 2, 5, 11, 21, 22, 1234].map((n) => text(n).split(',')[0])).toEqual([
      'Переміг: 1 голос',
      'Переміг: 2 голоси',
      'Переміг: 5 голосів',
      'Переміг: 11 голосів',
      'Переміг: 21 голос',
      'Переміг: 22 голоси',
      'Переміг: 1\u202f234 голоси',
    ]);
  });
  it('exist in English too', () => {
    expect(explanationText({ code: 'skipped_no_funds', votes: 1, cost: 12345, remaining: 0 }, 'en')).toBe(
      'Not enough funds: 1 vote, cost UAH 123.45, remaining UAH 0.00',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tally, type TallyInput, type TieBreak } from '../src/index.js';

/** Random one-category editions through the public entry point. */
const edition = fc
  .record({
    costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }),
    fund: fc.integer({ min: 0, max: 200 }),
    ballots: fc.array(fc.uniqueArray(fc.nat(7), { maxLength: 4 }), { maxLength: 15 }),
    minVotes: fc.integer({ min: 0, max: 3 }),
    tieBreak: fc.constantFrom<TieBreak>('earlier_submission', 'lottery', 'cost_then_id'),
    seed: fc.string({ minLength: 1, maxLength: 6 }),
  })
  .map(({ costs, fund, ballots, minVotes, tieBreak, seed }): TallyInput => {
    const voters: string[] = [];
    const projects: string[] = [];
    ballots.forEach((b, v) =>
      b.filter((p) => p < costs.length).forEach((p) => (voters.push(`v${v}`), projects.push(`p${p}`))),
    );
    return {
      rule: 'greedy',
      tieBreak,
      seed,
      minVotes,
      categories: [{ id: 'c', fund }],
      // Submission times collide on purpose (i % 3), so the id fallback is exercised too.
      projects: costs.map((cost, i) => ({ id: `p${i}`, categoryId: 'c', cost, submittedAt: i % 3 })),
      votes: { voters, projects },
    };
  });

const outcome = (input: TallyInput) => tally(input).categories[0]!;

describe('greedy laws', () => {
  it('never overspends, and the allocation is exhaustive: no eligible loser fits what is left', () => {
    fc.assert(
      fc.property(edition, (input) => {
        const cat = outcome(input);
        const spent = cat.projects.filter((p) => p.selected).reduce((s, p) => s + p.cost, 0);
        expect(spent).toBe(cat.allocated);
        expect(spent).toBeLessThanOrEqual(cat.fund);
        for (const p of cat.projects) {
          if (!p.selected && p.votes >= input.minVotes!) expect(p.cost).toBeGreaterThan(cat.fund - spent);
          if (p.votes < input.minVotes!) expect(p.selected).toBe(false);
        }
      }),
    );
  });

  it('publishes projects by votes, each winner funded from the fund minus the winners ranked above it', () => {
    fc.assert(
      fc.property(edition, (input) => {
        const cat = outcome(input);
        for (let i = 1; i < cat.projects.length; i++)
          expect(cat.projects[i - 1]!.votes).toBeGreaterThanOrEqual(cat.projects[i]!.votes);
        for (const p of cat.projects.filter((x) => x.selected)) {
          const before = p.explanation.code === 'funded' ? p.explanation.remainingBefore : -1;
          expect(before).toBe(
            cat.fund -
              cat.projects.filter((x) => x.selected && x.rank < p.rank).reduce((s, x) => s + x.cost, 0),
          );
        }
      }),
    );
  });

  it('the winners never change when a loser loses votes', () => {
    // Law: take any project that was not selected and withdraw any subset of its votes. It only
    // moves down the ranking, where the fund left is no larger, and never spent money before, so
    // every other decision, and the order of selection, stays the same.
    fc.assert(
      fc.property(edition, fc.nat(), fc.array(fc.boolean(), { maxLength: 20 }), (input, pick, drop) => {
        const before = outcome(input);
        const losers = before.projects.filter((p) => !p.selected);
        fc.pre(losers.length > 0);
        const loser = losers[pick % losers.length]!.projectId;
        const voters: string[] = [];
        const projects: string[] = [];
        let j = 0;
        for (let k = 0; k < input.votes.projects.length; k++) {
          if (input.votes.projects[k] === loser && (drop[j++] ?? true)) continue;
          voters.push(String(input.votes.voters[k]));
          projects.push(input.votes.projects[k]!);
        }
        expect(outcome({ ...input, votes: { voters, projects } }).selected).toEqual(before.selected);
      }),
    );
  });

  it('a winner that gains a vote stays a winner', () => {
    fc.assert(
      fc.property(edition, fc.nat(), (input, pick) => {
        const before = outcome(input);
        const winners = before.projects.filter((p) => p.selected);
        fc.pre(winners.length > 0);
        const w = winners[pick % winners.length]!.projectId;
        const votes = {
          voters: [...Array.from(input.votes.voters, String), 'newcomer'],
          projects: [...Array.from(input.votes.projects), w],
        };
        expect(outcome({ ...input, votes }).selected).toContain(w);
      }),
    );
  });

  it('is deterministic for a given seed and blind to the order of projects and votes', () => {
    fc.assert(
      fc.property(edition, (input) => {
        const a = tally(input);
        expect(tally(input)).toEqual(a);
        const reversed: TallyInput = {
          ...input,
          projects: [...input.projects].reverse(),
          votes: {
            voters: Array.from(input.votes.voters).reverse(),
            projects: Array.from(input.votes.projects).reverse(),
          },
        };
        expect(tally(reversed).categories[0]!.selected).toEqual(a.categories[0]!.selected);
      }),
    );
  });
});

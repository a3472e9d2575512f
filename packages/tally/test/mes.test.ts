import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyCore } from '../src/core/greedy.js';
import { mesCore } from '../src/core/mes-completion.js';
import type { DenseCategory } from '../src/core/dense.js';
import { groupBallots, mesRun, type BallotGroups } from '../src/core/mes.js';
import { parsePb } from '../src/index.js';
import { pbCategory } from '../src/pb/tally-pb.js';
import { dense, pabulib } from './helpers.js';
import { naiveMes, naiveMesWithCompletion } from './reference-mes.js';

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('MES, hand-computed examples', () => {
  it('is proportional where greedy is not: 6 voters share 3 projects, 4 voters share 1', () => {
    // 10 voters × 10 = fund 100. p0..p2 (30 each) are liked by voters 0–5, p3 (30) by voters 6–9.
    // Round 1: p0 costs 5 per supporter (ρ = 1/6) against 7.5 for p3 (ρ = 1/4): p0, tie by id.
    // Round 2: voters 0–5 hold 5, p1 again 5 each (ρ = 1/6): p1. They are now spent, so p2 is
    // unaffordable; p3 at 7.5 each: p3. 90 spent, p2 does not fit the 10 left: exhaustive.
    const cat = dense(
      100,
      [30, 30, 30, 30],
      [...range(0, 6).map(() => [0, 1, 2]), ...range(0, 4).map(() => [3])],
    );
    const mes = mesCore(cat, 0);
    expect(mes.selected).toEqual([0, 1, 3]);
    expect(mes.increments).toBe(0);
    expect(mes.reasons[0]).toMatchObject({
      code: 'mes_funded',
      payers: 6,
      price: { num: '5', den: '1' },
      priceRounded: 5,
    });
    expect(mes.reasons[3]).toMatchObject({
      code: 'mes_funded',
      payers: 4,
      price: { num: '15', den: '2' },
      priceRounded: 8,
    });
    expect(mes.reasons[2]).toMatchObject({ code: 'skipped_no_funds', cost: 30, remaining: 10 });
    expect(greedyCore(cat, 0).selected).toEqual([0, 1, 2]);
  });

  it('raises every voter budget by one unit per round until the outcome is exhaustive', () => {
    // fund 10, 2 voters × 5. p0 (8) by both, p1 (3) by voter 0, p2 (2) by voter 1.
    // Budget 5: p0 at 4 each; 1 left each buys nothing; p2 still fits the fund: not exhaustive.
    // Budget 6: p0 at 4 each, voter 1 pays 2 for p2; 10 spent, p1 cannot fit: exhaustive.
    const cat = dense(
      10,
      [8, 3, 2],
      [
        [0, 1],
        [0, 2],
      ],
    );
    const mes = mesCore(cat, 0, { voterBudgetIncrement: 1 });
    expect(mes.selected).toEqual([0, 2]);
    expect(mes.increments).toBe(1);
    expect(mes.reasons[2]).toMatchObject({ code: 'mes_funded', payers: 1, price: { num: '2', den: '1' } });
    // Without the increase, p2 comes from the greedy completion instead.
    const plain = mesCore(cat, 0, { voterBudgetIncrement: 0 });
    expect(plain.selected).toEqual([0, 2]);
    expect(plain.reasons[2]).toMatchObject({ code: 'mes_completion_greedy', remainingBefore: 2 });
  });

  it('keeps the last outcome within the fund when the next increase would overspend', () => {
    // As above but p1 costs 2. Budget 6 buys p0, p1 and p2: 12 > 10, so budget 5's {p0} is kept
    // and greedy completes with p1 (1 vote, tie with p2 on cost, id p1 first).
    const cat = dense(
      10,
      [8, 2, 2],
      [
        [0, 1],
        [0, 2],
      ],
    );
    const mes = mesCore(cat, 0, { voterBudgetIncrement: 1 });
    expect(mes.increments).toBe(0);
    expect(mes.selected).toEqual([0, 1]);
    expect(mes.reasons[1]).toMatchObject({ code: 'mes_completion_greedy' });
    expect(mes.reasons[2]).toMatchObject({ code: 'skipped_no_funds', remaining: 0 });
  });

  it('charges the poor all they have and the rest an exact fractional share', () => {
    // fund 9, 3 voters × 3; p0 (7) by all: 7/3 each. Then p1 (2) by voters 0, 1 holding 2/3 each:
    // unaffordable (4/3 < 2). Plain MES funds only p0, at the exact price 7/3.
    const cat = dense(9, [7, 2], [[0, 1], [0, 1], [0]]);
    const out = mesRun(cat, [0, 1], 9n);
    expect(out).toEqual([{ project: 0, payers: 3, priceNum: 7n, priceDen: 3n }]);
  });
});

/** Random small approval elections: up to 7 projects, 12 voters, with ties likely. */
const election = fc
  .record({
    costs: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 7 }),
    fund: fc.integer({ min: 0, max: 150 }),
    ballots: fc.array(fc.array(fc.nat(6), { maxLength: 5 }), { maxLength: 12 }),
    minVotes: fc.integer({ min: 0, max: 2 }),
    inc: fc.constantFrom(0, 1, 3),
  })
  .map(({ costs, ballots, ...rest }) => ({
    ...rest,
    costs,
    ballots: ballots.map((b) => [...new Set(b.filter((p) => p < costs.length))]),
  }));

describe('MES properties', () => {
  it('agrees with the naive exact oracle (pabutools transcribed), completion included', () => {
    fc.assert(
      fc.property(election, ({ costs, fund, ballots, minVotes, inc }) => {
        const cat = dense(fund, costs, ballots, minVotes);
        expect(mesCore(cat, minVotes, { voterBudgetIncrement: inc }).selected).toEqual(
          naiveMesWithCompletion(cat, inc),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('never overspends, funds each project once, and explains every project', () => {
    fc.assert(
      fc.property(election, ({ costs, fund, ballots, minVotes, inc }) => {
        const cat = dense(fund, costs, ballots, minVotes);
        const out = mesCore(cat, minVotes, { voterBudgetIncrement: inc });
        const spent = out.selected.reduce((s, p) => s + costs[p]!, 0);
        expect(spent).toBe(out.allocated);
        expect(spent).toBeLessThanOrEqual(fund);
        expect(new Set(out.selected).size).toBe(out.selected.length);
        expect(out.reasons.filter(Boolean)).toHaveLength(costs.length);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the oracle on real Żoliborz ballots (first 400 voters, fund scaled)', () => {
    // The oracle is too slow for all 2506 ballots × 268 budget rounds; two budget levels over 400
    // real ballots keep the real overlap structure, and the oracle checks every payment exactly.
    const pb = parsePb(pabulib('Poland_Warszawa_2023_Zoliborz.pb'));
    const sub = {
      ...pb,
      votes: pb.votes.slice(0, 400),
      meta: { ...pb.meta, budget: String(Math.round((2022616 * 400) / 2506)) },
    };
    const cat = pbCategory(sub, 0);
    const cands = range(0, cat.costs.length).filter((p) => cat.votes[p]! > 0);
    for (const extra of [0, 150]) {
      const start = BigInt(cat.fund + extra * cat.nVoters);
      expect(mesRun(cat, cands, start).map((s) => s.project)).toEqual(
        naiveMes(cat, cands, [start, BigInt(cat.nVoters)]),
      );
    }
  }, 60_000);
});

/** One group per voter: the engine without ballot grouping, every voter's budget tracked alone. */
function perVoter(cat: DenseCategory, candidates: readonly number[]): BallotGroups {
  const start = new Int32Array(cat.costs.length + 1);
  const list: number[] = [];
  const isCand = new Set(candidates);
  for (let p = 0; p < cat.costs.length; p++) {
    if (isCand.has(p)) list.push(...cat.supVoters.subarray(cat.supStart[p], cat.supStart[p + 1]));
    start[p + 1] = list.length;
  }
  return {
    size: new Int32Array(cat.nVoters).fill(1),
    start,
    groups: Int32Array.from(list),
    nGroups: cat.nVoters,
  };
}

/**
 * Elections with many identical ballots (few projects, many voters) and money up to the largest
 * safe integer, so prices, budgets and the common denominator run far past 2^53.
 */
const crowded = fc
  .record({
    costs: fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 2 ** 52, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 2 ** 40 }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    ballotKinds: fc.array(fc.uniqueArray(fc.nat(5), { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
    picks: fc.array(fc.nat(), { maxLength: 40 }),
    fund: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
    extra: fc.bigInt({ min: 0n, max: 2n ** 60n }),
  })
  .map(({ costs, ballotKinds, picks, ...rest }) => ({
    ...rest,
    costs,
    ballots: picks.map((i) => ballotKinds[i % ballotKinds.length]!.filter((p) => p < costs.length)),
  }));

describe('MES ballot grouping', () => {
  it('groups voters exactly by the candidates they approve', () => {
    const cat = dense(100, [10, 20, 30], [[0, 1], [1, 0], [2], [], [0, 1], [2, 1], [2]]);
    const g = groupBallots(cat, [0, 1, 2]);
    const sizes = [...g.size].filter((s) => s > 0).sort();
    expect(sizes).toEqual([1, 1, 2, 3]); // {0,1}×3, {2}×2, {1,2}×1, {}×1
    // Without project 2 among the candidates: {0,1}×3, {}×3 (voters 2, 3, 6), {1}×1 (voter 5).
    const h = groupBallots(cat, [0, 1]);
    expect([...h.size].filter((s) => s > 0).sort()).toEqual([1, 3, 3]);
  });

  it('gives the same selections, payers and exact prices as one budget per voter, past 2^53', () => {
    fc.assert(
      fc.property(crowded, ({ costs, ballots, fund, extra }) => {
        const cat = dense(fund, costs, ballots);
        const cands = range(0, costs.length).filter((p) => cat.votes[p]! > 0);
        const startNum = BigInt(fund) + extra * BigInt(cat.nVoters);
        const grouped = mesRun(cat, cands, startNum, groupBallots(cat, cands));
        expect(grouped).toEqual(mesRun(cat, cands, startNum, perVoter(cat, cands)));
        expect(grouped.map((s) => s.project)).toEqual(
          naiveMes(cat, cands, [startNum, BigInt(Math.max(1, cat.nVoters))]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the oracle with the completion on crowded elections', () => {
    fc.assert(
      fc.property(crowded, fc.constantFrom(1, 7), ({ costs, ballots, fund }, inc) => {
        const small = costs.map((c) => (c > 1000 ? 1 + (c % 97) : c)); // keep the increment loop short
        const cat = dense(Math.min(fund, 400), small, ballots);
        expect(mesCore(cat, 0, { voterBudgetIncrement: inc }).selected).toEqual(
          naiveMesWithCompletion(cat, inc),
        );
      }),
      { numRuns: 200 },
    );
  });
});

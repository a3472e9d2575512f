import type { Explanation, MesOptions } from '../types.js';
import { rankOrder, type DenseCategory } from './dense.js';
import type { CoreOutcome } from './greedy.js';
import { groupBallots, lowestTerms, mesRunUnreduced, type MesSelection } from './mes.js';

export interface MesOutcome extends CoreOutcome {
  /** Budget increments the "Add1" completion kept (0 = plain MES was already exhaustive). */
  increments: number;
}

/**
 * MES as run by cities in practice (pabutools `completion_by_rule_combination` of
 * `method_of_equal_shares(voter_budget_increment=1)` then greedy by votes):
 * 1. rerun MES with every voter's budget raised by `voterBudgetIncrement` per round, stopping at
 *    the first outcome that is exhaustive (no supported project still fits the real fund) or that
 *    overspends the real fund — in the latter case the previous outcome is kept;
 * 2. fund what still fits greedily, in ranking order.
 */
export function mesCore(cat: DenseCategory, minVotes: number, opts: MesOptions = {}): MesOutcome {
  const inc = opts.voterBudgetIncrement ?? 1;
  const maxRounds = opts.maxRounds ?? 100_000;
  if (!Number.isSafeInteger(inc) || inc < 0)
    throw new Error(`voterBudgetIncrement must be a non-negative integer, got ${inc}`);
  const k = cat.costs.length;
  const order = rankOrder(cat);
  const supported = (p: number) => cat.eligible[p] === 1 && cat.votes[p]! > 0;
  // pabutools hands free supported projects to MES as already chosen; they cost nobody anything.
  const free = [...order].filter((p) => supported(p) && cat.costs[p] === 0);
  const candidates = [...order].filter((p) => supported(p) && cat.costs[p]! > 0);
  const costOf = (sel: MesSelection[]) => sel.reduce((s, x) => s + cat.costs[x.project]!, 0);
  const exhaustive = (sel: MesSelection[]) => {
    const left = cat.fund - costOf(sel);
    const chosen = new Set(sel.map((x) => x.project));
    return candidates.every((p) => chosen.has(p) || cat.costs[p]! > left);
  };

  const n = BigInt(cat.nVoters);
  const groups = groupBallots(cat, candidates);
  let t = 0;
  let kept = mesRunUnreduced(cat, candidates, BigInt(cat.fund), groups);
  while (inc > 0 && !exhaustive(kept)) {
    if (t + 1 > maxRounds)
      throw new Error(`MES completion did not settle within ${maxRounds} budget increments`);
    const next = mesRunUnreduced(cat, candidates, BigInt(cat.fund) + BigInt(t + 1) * BigInt(inc) * n, groups);
    if (costOf(next) > cat.fund) break;
    kept = next;
    t++;
  }

  const reasons = new Array<Explanation>(k);
  const selected: number[] = [];
  let remaining = cat.fund;
  for (const p of free) {
    selected.push(p);
    reasons[p] = mesFunded(cat, { project: p, payers: 0, priceNum: 0n, priceDen: 1n });
  }
  for (const s of kept) {
    selected.push(s.project);
    reasons[s.project] = mesFunded(cat, lowestTerms(s));
    remaining -= cat.costs[s.project]!;
  }
  const chosen = new Set(selected);
  for (const p of order) {
    if (chosen.has(p)) continue;
    const votes = cat.votes[p]!;
    const cost = cat.costs[p]!;
    if (!cat.eligible[p]) reasons[p] = { code: 'below_threshold', votes, minVotes };
    else if (cost <= remaining) {
      reasons[p] = { code: 'mes_completion_greedy', votes, cost, remainingBefore: remaining };
      remaining -= cost;
      selected.push(p);
    } else reasons[p] = { code: 'skipped_no_funds', votes, cost, remaining };
  }
  return { selected, reasons, allocated: cat.fund - remaining, increments: t };
}

function mesFunded(cat: DenseCategory, s: MesSelection): Explanation {
  const rounded = (s.priceNum * 2n + s.priceDen) / (2n * s.priceDen); // half up
  return {
    code: 'mes_funded',
    votes: cat.votes[s.project]!,
    cost: cat.costs[s.project]!,
    payers: s.payers,
    price: { num: s.priceNum.toString(), den: s.priceDen.toString() },
    priceRounded: Number(rounded),
  };
}

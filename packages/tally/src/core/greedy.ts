import type { Explanation } from '../types.js';
import { rankOrder, type DenseCategory } from './dense.js';

export interface CoreOutcome {
  /** Project indices in order of selection. */
  selected: number[];
  /** Why each project (by index) was or was not selected. */
  reasons: Explanation[];
  allocated: number;
}

/**
 * The standard rule (docs/rules.md §4): walk the ranking and fund every eligible project that the
 * remaining fund still covers. A project that does not fit is skipped, not a stop, so a cheaper
 * project further down can still be funded.
 */
export function greedyCore(cat: DenseCategory, minVotes: number): CoreOutcome {
  const reasons = new Array<Explanation>(cat.costs.length);
  const selected: number[] = [];
  let remaining = cat.fund;
  for (const p of rankOrder(cat)) {
    const votes = cat.votes[p]!;
    const cost = cat.costs[p]!;
    if (!cat.eligible[p]) {
      reasons[p] = { code: 'below_threshold', votes, minVotes };
    } else if (cost <= remaining) {
      reasons[p] = { code: 'funded', votes, cost, remainingBefore: remaining };
      remaining -= cost;
      selected.push(p);
    } else {
      reasons[p] = { code: 'skipped_no_funds', votes, cost, remaining };
    }
  }
  return { selected, reasons, allocated: cat.fund - remaining };
}

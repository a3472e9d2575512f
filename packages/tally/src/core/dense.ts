/**
 * The engine's internal shape of one category: projects and voters mapped to dense integer
 * indices once, so the rules run on typed arrays without per-vote objects.
 */
export interface DenseCategory {
  fund: number;
  /** Whole minor units; validated as safe integers on the way in. */
  costs: Float64Array;
  votes: Int32Array;
  /** Tie-break position of each project: smaller wins a tie. */
  tieRank: Int32Array;
  /** 0 where the project is below the vote threshold. */
  eligible: Uint8Array;
  /** The n of MES's equal shares: voters holding a ballot in this category. */
  nVoters: number;
  /** Supporters of project p are supVoters[supStart[p] .. supStart[p+1]), voter indices < nVoters. */
  supStart: Int32Array;
  supVoters: Int32Array;
}

/** Projects by votes descending, ties by tie-break rank: the ranking both rules publish. */
export function rankOrder(cat: DenseCategory): Int32Array {
  const order = Int32Array.from({ length: cat.costs.length }, (_, i) => i);
  order.sort((a, b) => cat.votes[b]! - cat.votes[a]! || cat.tieRank[a]! - cat.tieRank[b]!);
  return order;
}

/**
 * Builds the supporter index from parallel (project, voter) columns in two passes (count, fill),
 * and rejects a voter approving one project twice: the database forbids it (docs/rules.md §1), so
 * seeing it here means the input is corrupt, not something to count.
 */
export function buildSupporters(
  k: number,
  nVoters: number,
  proj: Int32Array,
  voter: Int32Array,
): Pick<DenseCategory, 'supStart' | 'supVoters' | 'votes'> {
  const votes = new Int32Array(k);
  for (let j = 0; j < proj.length; j++) votes[proj[j]!]!++;
  const supStart = new Int32Array(k + 1);
  for (let p = 0; p < k; p++) supStart[p + 1] = supStart[p]! + votes[p]!;
  const fill = supStart.slice(0, k);
  const supVoters = new Int32Array(proj.length);
  for (let j = 0; j < proj.length; j++) supVoters[fill[proj[j]!]!++] = voter[j]!;
  const stamp = new Int32Array(nVoters).fill(-1);
  for (let p = 0; p < k; p++) {
    for (let j = supStart[p]!; j < supStart[p + 1]!; j++) {
      const v = supVoters[j]!;
      if (stamp[v] === p) throw new DuplicateVoteError(p, v);
      stamp[v] = p;
    }
  }
  return { supStart, supVoters, votes };
}

export class DuplicateVoteError extends Error {
  constructor(
    readonly project: number,
    readonly voter: number,
  ) {
    super(`voter #${voter} approves project #${project} twice`);
  }
}

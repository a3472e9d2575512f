import { buildSupporters, DuplicateVoteError, rankOrder, type DenseCategory } from './core/dense.js';
import { explanationText } from './core/format.js';
import { greedyCore, type CoreOutcome } from './core/greedy.js';
import { mesCore } from './core/mes-completion.js';
import { tieRanks } from './core/tiebreak.js';
import type { CategoryOutcome, TallyInput, TallyProject, TallyResult } from './types.js';

/**
 * Tallies every category of an edition with one rule. Pure: the same input always gives the same
 * result (the lottery too, through its seed), so a published result can be recomputed by anyone.
 */
export function tally(input: TallyInput): TallyResult {
  const minVotes = input.minVotes ?? 0;
  assertCount(minVotes, 'minVotes');
  if (input.rule !== 'greedy' && input.rule !== 'mes')
    throw new Error(`Unknown tally rule "${String(input.rule)}"`);
  const catIndex = new Map<string, number>();
  for (const c of input.categories) {
    if (catIndex.has(c.id)) throw new Error(`Duplicate category id "${c.id}"`);
    assertMoney(c.fund, `fund of category "${c.id}"`);
    catIndex.set(c.id, catIndex.size);
  }
  const projIndex = new Map<string, number>();
  const byCat: TallyProject[][] = input.categories.map(() => []);
  const localOf = new Int32Array(input.projects.length);
  const catOf = new Int32Array(input.projects.length);
  input.projects.forEach((p, i) => {
    if (projIndex.has(p.id)) throw new Error(`Duplicate project id "${p.id}"`);
    const c = catIndex.get(p.categoryId);
    if (c === undefined) throw new Error(`Project "${p.id}" names unknown category "${p.categoryId}"`);
    assertMoney(p.cost, `cost of project "${p.id}"`);
    projIndex.set(p.id, i);
    catOf[i] = c;
    localOf[i] = byCat[c]!.push(p) - 1;
  });

  // One pass over the votes: dense project and voter indices, no per-vote object.
  const { voters, projects } = input.votes;
  if (voters.length !== projects.length) throw new Error('votes.voters and votes.projects differ in length');
  const m = voters.length;
  const voteProj = new Int32Array(m);
  const voteVoter = new Int32Array(m);
  const voterIndex = new Map<string | number, number>();
  const perCat = new Int32Array(input.categories.length);
  for (let k = 0; k < m; k++) {
    const p = projIndex.get(projects[k]!);
    if (p === undefined) throw new Error(`Vote #${k + 1} names unknown project "${projects[k]}"`);
    let v = voterIndex.get(voters[k]!);
    if (v === undefined) voterIndex.set(voters[k]!, (v = voterIndex.size));
    voteProj[k] = p;
    voteVoter[k] = v;
    perCat[catOf[p]!]!++;
  }

  const categories = input.categories.map((cat, c): CategoryOutcome => {
    const list = byCat[c]!;
    const proj = new Int32Array(perCat[c]!);
    const voter = new Int32Array(perCat[c]!);
    const local = new Int32Array(voterIndex.size).fill(-1);
    let n = 0;
    let at = 0;
    for (let k = 0; k < m; k++) {
      const p = voteProj[k]!;
      if (catOf[p] !== c) continue;
      const g = voteVoter[k]!;
      if (local[g] === -1) local[g] = n++;
      proj[at] = localOf[p]!;
      voter[at++] = local[g]!;
    }
    let sup;
    try {
      sup = buildSupporters(list.length, n, proj, voter);
    } catch (e) {
      if (e instanceof DuplicateVoteError)
        throw new Error(`A voter approves project "${list[e.project]!.id}" more than once`, { cause: e });
      throw e;
    }
    const dense: DenseCategory = {
      fund: cat.fund,
      costs: Float64Array.from(list, (p) => p.cost),
      tieRank: tieRanks(list, input.tieBreak, input.seed, cat.id),
      eligible: Uint8Array.from(sup.votes, (v) => (v >= minVotes ? 1 : 0)),
      nVoters: n,
      ...sup,
    };
    const ids = list.map((p) => p.id);
    if (input.rule === 'greedy') return present(cat.id, dense, ids, greedyCore(dense, minVotes));
    const outcome = mesCore(dense, minVotes, input.mes);
    return { ...present(cat.id, dense, ids, outcome), mes: { increments: outcome.increments, voters: n } };
  });
  return {
    rule: input.rule,
    tieBreak: input.tieBreak,
    ...(input.seed !== undefined && { seed: input.seed }),
    minVotes,
    categories,
  };
}

/** Turns index-based core outcomes into the published shape, projects ordered by rank. */
export function present(
  categoryId: string,
  cat: DenseCategory,
  ids: string[],
  o: CoreOutcome,
): CategoryOutcome {
  const selected = new Set(o.selected);
  return {
    categoryId,
    fund: cat.fund,
    allocated: o.allocated,
    selected: o.selected.map((p) => ids[p]!),
    projects: [...rankOrder(cat)].map((p, r) => {
      const e = o.reasons[p]!;
      return {
        projectId: ids[p]!,
        votes: cat.votes[p]!,
        cost: cat.costs[p]!,
        selected: selected.has(p),
        rank: r + 1,
        explanation: { ...e, text: explanationText(e) },
      };
    }),
  };
}

function assertMoney(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0)
    throw new Error(`The ${what} must be a non-negative whole number of minor units, got ${x}`);
}

function assertCount(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new Error(`${what} must be a non-negative integer, got ${x}`);
}

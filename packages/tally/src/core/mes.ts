import type { DenseCategory } from './dense.js';

export interface MesSelection {
  project: number;
  /** Supporters who paid a positive amount. */
  payers: number;
  /** Exact per-voter price paid by every supporter who could afford it: priceNum / priceDen. */
  priceNum: bigint;
  priceDen: bigint;
}

/**
 * The voters of one category grouped by ballot: voters who approve exactly the same candidates
 * start with the same budget and pay the same amount for every project MES funds, so they hold the
 * same budget at every step of every run. MES needs only one budget per group and the group's
 * size. Built once per category and reused by every run of the budget-increase completion.
 */
export interface BallotGroups {
  /** Voters per group. */
  size: Int32Array;
  /** The groups approving candidate p are groups[start[p] .. start[p+1]) (empty for non-candidates). */
  start: Int32Array;
  groups: Int32Array;
  nGroups: number;
}

/**
 * Splits the voters by the set of `candidates` they approve, one candidate at a time (the group of
 * every supporter of p is split into "approves p" and "does not"): O(votes), no string keys.
 */
export function groupBallots(cat: DenseCategory, candidates: readonly number[]): BallotGroups {
  const { supStart, supVoters, nVoters: n } = cat;
  const k = cat.costs.length;
  const groupOf = new Int32Array(n); // everyone starts in group 0: "approves none so far"
  let nGroups = 1;
  let splitTo = new Int32Array(16);
  let splitStamp = new Int32Array(16).fill(-1);
  candidates.forEach((p, i) => {
    for (let j = supStart[p]!; j < supStart[p + 1]!; j++) {
      const v = supVoters[j]!;
      const g = groupOf[v]!;
      if (splitStamp[g] !== i) {
        if (nGroups >= splitTo.length) {
          splitTo = grow(splitTo, nGroups * 2, 0);
          splitStamp = grow(splitStamp, nGroups * 2, -1);
        }
        splitStamp[g] = i;
        splitTo[g] = nGroups++;
      }
      groupOf[v] = splitTo[g]!;
    }
  });
  const size = new Int32Array(nGroups);
  for (let v = 0; v < n; v++) size[groupOf[v]!]!++;
  const start = new Int32Array(k + 1);
  const isCand = new Uint8Array(k);
  for (const p of candidates) isCand[p] = 1;
  const seen = new Int32Array(nGroups).fill(-1);
  const list: number[] = [];
  for (let p = 0; p < k; p++) {
    if (isCand[p]) {
      for (let j = supStart[p]!; j < supStart[p + 1]!; j++) {
        const g = groupOf[supVoters[j]!]!;
        if (seen[g] !== p) {
          seen[g] = p;
          list.push(g);
        }
      }
    }
    start[p + 1] = list.length;
  }
  return { size, start, groups: Int32Array.from(list), nGroups };
}

function grow(a: Int32Array, len: number, fill: number) {
  const b = new Int32Array(len).fill(fill);
  b.set(a);
  return b;
}

/**
 * One run of the Method of Equal Shares with cost utilities (pabutools `method_of_equal_shares`,
 * `Cost_Sat`), every voter starting with `startNum / n`.
 *
 * Exactness without a bigint per voter: a voter's budget is always the start minus a sum of
 * prices, so voters share few distinct budgets. Voters with the same ballot are one group (see
 * groupBallots); each group holds a class id; each class holds one budget as a bigint numerator
 * over the common denominator `den`. A price with a new denominator rescales the class table,
 * never the voters. No float enters a decision.
 *
 * Choice per round, as pabutools: among projects whose supporters together still hold the cost,
 * take the least ρ, where each supporter pays min(budget, ρ·cost); with cost utilities
 * ρ = price / cost. Equal ρ goes to the smaller `tieRank`. Like pabutools, projects are visited
 * by their last known ρ (which only grows) and the visit stops once it exceeds the best.
 */
export function mesRun(
  cat: DenseCategory,
  candidates: readonly number[],
  startNum: bigint,
  groups: BallotGroups = groupBallots(cat, candidates),
): MesSelection[] {
  return mesRunUnreduced(cat, candidates, startNum, groups).map(lowestTerms);
}

/** A selection's price in lowest terms. */
export function lowestTerms(s: MesSelection): MesSelection {
  const g = gcdBig(s.priceNum, s.priceDen);
  return g === 1n ? s : { ...s, priceNum: s.priceNum / g, priceDen: s.priceDen / g };
}

/**
 * mesRun with every price over the run's common denominator at the time it was paid, not in
 * lowest terms: the completion reduces only the prices of the outcome it keeps.
 */
export function mesRunUnreduced(
  cat: DenseCategory,
  candidates: readonly number[],
  startNum: bigint,
  groups: BallotGroups,
): MesSelection[] {
  const { costs, tieRank, nVoters: n } = cat;
  const { size, start: supStart, groups: supGroups, nGroups } = groups;
  const k = costs.length;
  let den = BigInt(n);
  const classVal: bigint[] = [0n, startNum]; // class 0 is "spent everything"
  let classPop = new Int32Array(Math.max(16, 2 * nGroups + 2)); // voters per class
  classPop[1] = n;
  const groupClass = new Int32Array(nGroups).fill(1);
  let rankOf = new Int32Array(classPop.length);
  let mapTo = new Int32Array(classPop.length);
  let mapStamp = new Int32Array(classPop.length).fill(-1);
  // Last known ρ = rhoNum / rhoDen; pabutools starts every project at 1/(number of supporters).
  const rhoNum = new Array<bigint>(k).fill(0n);
  const rhoDen = new Array<bigint>(k).fill(1n);
  const evalX = new Array<bigint>(k).fill(0n);
  const evalRich = new Int32Array(k);
  let maxSupporters = 0;
  for (const p of candidates) {
    rhoNum[p] = 1n;
    let s = 0;
    for (let j = supStart[p]!; j < supStart[p + 1]!; j++) s += size[supGroups[j]!]!;
    rhoDen[p] = BigInt(s);
    if (s > maxSupporters) maxSupporters = s;
  }
  /** Sign of ρ(a) − ρ(b), by one exact cross-multiplication. */
  const cmp = (a: number, b: number): number => {
    const x = rhoNum[a]! * rhoDen[b]!;
    const y = rhoNum[b]! * rhoDen[a]!;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  // Unfunded projects by last known ρ, ascending (in any order among equal ρ: the visit below
  // evaluates every project whose last known ρ is at most the best, so ties never depend on it).
  let remaining = [...candidates].sort(cmp);
  // Class ids by ascending budget, "spent everything" first; kept sorted by merging in pay().
  let sorted: number[] = [0, 1];
  const rankVal: bigint[] = [];
  let cnt = new Int32Array(16);
  const out: MesSelection[] = [];
  // BigInt(i) for every count of supporters, made once instead of at every step of every walk.
  const big = smallBigInts(maxSupporters);

  while (remaining.length > 0) {
    // Rank the budget classes by value, so a project's supporters can be bucketed by rank.
    const live = sorted;
    rankVal.length = live.length;
    for (let r = 0; r < live.length; r++) {
      rankOf[live[r]!] = r;
      rankVal[r] = classVal[live[r]!]!;
    }
    if (cnt.length < live.length) cnt = new Int32Array(live.length * 2);

    let best = -1;
    let tied: number[] = [];
    const keep: number[] = []; // visited and still affordable: their ρ was just updated
    let stop = remaining.length;
    for (let i = 0; i < remaining.length; i++) {
      const p = remaining[i]!;
      if (best >= 0 && cmp(best, p) < 0) {
        stop = i;
        break;
      }
      // Bucket supporters by budget rank, then walk from the poorest: the poor pay all they
      // have, and the first rank whose budget covers the equal share of the rest sets the price.
      let lo = live.length;
      let hi = -1;
      let rich = 0;
      for (let j = supStart[p]!; j < supStart[p + 1]!; j++) {
        const g = supGroups[j]!;
        const r = rankOf[groupClass[g]!]!;
        const w = size[g]!;
        cnt[r]! += w;
        rich += w;
        if (r < lo) lo = r;
        if (r > hi) hi = r;
      }
      const costD = BigInt(costs[p]!) * den;
      // Rank 0 is "spent everything" (budget 0): its supporters pay nothing and never set the
      // price (what is left to pay is still the whole positive cost there).
      if (lo === 0 && costD > 0n) {
        rich -= cnt[0]!;
        lo = 1;
      }
      let rem = costD; // cost still to cover by the supporters from rank r up
      let found = false;
      for (let r = lo; r <= hi; r++) {
        const c = cnt[r]!;
        if (c === 0) continue;
        const val = rankVal[r]!;
        if (rem <= big[rich]! * val) {
          found = true;
          break;
        }
        rem -= big[c]! * val;
        rich -= c;
      }
      cnt.fill(0, 0, hi + 1);
      if (!found) continue; // supporters cannot afford it now, nor later: budgets only shrink
      keep.push(p);
      evalX[p] = rem;
      evalRich[p] = rich;
      rhoNum[p] = rem;
      rhoDen[p] = big[rich]! * costD;
      const c = best < 0 ? -1 : cmp(p, best);
      if (c < 0) {
        best = p;
        tied = [p];
      } else if (c === 0) tied.push(p);
    }
    if (tied.length === 0) break;
    let sel = tied[0]!;
    for (const p of tied) if (tieRank[p]! < tieRank[sel]!) sel = p;
    // The projects not visited keep their ρ and their order; the visited ones go back in by
    // binary search on their new ρ (a handful per round, instead of re-sorting everything).
    const next = remaining.slice(stop);
    for (const p of keep) {
      if (p === sel) continue;
      let lo = 0;
      let hi = next.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(next[mid]!, p) <= 0) lo = mid + 1;
        else hi = mid;
      }
      next.splice(lo, 0, p);
    }
    remaining = next;
    out.push(pay(sel, evalX[sel]!, evalRich[sel]!, out.length));
  }
  return out;

  /** Charges price x / (rich · den) to each supporter; the poorer ones give all they have. */
  function pay(p: number, x: bigint, rich: number, stamp: number): MesSelection {
    const g = gcdSmall(Number(x % BigInt(rich)), rich);
    const scale = rich / g;
    if (scale > 1) {
      den *= BigInt(scale);
      const s = BigInt(scale);
      for (let i = 1; i < sorted.length; i++) classVal[sorted[i]!]! *= s;
    }
    const price = x / BigInt(g);
    // Classes this pay can create: at most one per live class.
    const need = classVal.length + sorted.length;
    if (need > classPop.length) {
      const len = need * 2;
      classPop = grow(classPop, len, 0);
      rankOf = grow(rankOf, len, 0);
      mapTo = grow(mapTo, len, 0);
      mapStamp = grow(mapStamp, len, -1);
    }
    let payers = 0;
    for (let j = supStart[p]!; j < supStart[p + 1]!; j++) {
      const grp = supGroups[j]!;
      const c = groupClass[grp]!;
      if (c === 0) continue;
      const w = size[grp]!;
      payers += w;
      let t: number;
      if (mapStamp[c] === stamp) t = mapTo[c]!;
      else {
        const left = classVal[c]! - price;
        t = left <= 0n ? 0 : classVal.push(left) - 1;
        mapStamp[c] = stamp;
        mapTo[c] = t;
      }
      classPop[c]! -= w;
      classPop[t]! += w;
      groupClass[grp] = t;
    }
    // Everyone who paid the full price moved down by the same amount, so the moved classes keep
    // their order among themselves: a merge with the unmoved ones restores the sort in O(classes).
    const moved: number[] = [];
    const stay: number[] = [];
    for (let i = 1; i < sorted.length; i++) {
      const c = sorted[i]!;
      if (mapStamp[c] === stamp && mapTo[c] !== 0) moved.push(mapTo[c]!);
      if (classPop[c]! > 0) stay.push(c);
    }
    const next = [0];
    let i = 0;
    let j = 0;
    while (i < stay.length && j < moved.length) {
      if (classVal[stay[i]!]! <= classVal[moved[j]!]!) next.push(stay[i++]!);
      else next.push(moved[j++]!);
    }
    while (i < stay.length) next.push(stay[i++]!);
    while (j < moved.length) next.push(moved[j++]!);
    sorted = next;
    return { project: p, payers, priceNum: price, priceDen: den };
  }
}

let bigCache: bigint[] = [0n];
function smallBigInts(n: number): readonly bigint[] {
  if (bigCache.length <= n) {
    const next = bigCache.slice();
    for (let i = next.length; i <= n; i++) next.push(BigInt(i));
    bigCache = next;
  }
  return bigCache;
}

function gcdSmall(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a === 0 ? 1 : a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

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
 * One run of the Method of Equal Shares with cost utilities (pabutools `method_of_equal_shares`,
 * `Cost_Sat`), every voter starting with `startNum / n`.
 *
 * Exactness without a bigint per voter: a voter's budget is always the start minus a sum of
 * prices, so voters share few distinct budgets. Each voter holds a class id; each class holds one
 * budget as a bigint numerator over the common denominator `den`. A price with a new denominator
 * rescales the class table, never the voters. No float enters a decision.
 *
 * Choice per round, as pabutools: among projects whose supporters together still hold the cost,
 * take the least ρ, where each supporter pays min(budget, ρ·cost); with cost utilities
 * ρ = price / cost. Equal ρ goes to the smaller `tieRank`. Like pabutools, projects are visited
 * by their last known ρ (which only grows) and the visit stops once it exceeds the best.
 */
export function mesRun(cat: DenseCategory, candidates: readonly number[], startNum: bigint): MesSelection[] {
  const { costs, supStart, supVoters, tieRank, nVoters: n } = cat;
  const k = costs.length;
  let den = BigInt(n);
  const classVal: bigint[] = [0n, startNum]; // class 0 is "spent everything"
  const classPop: number[] = [0, n];
  const voterClass = new Int32Array(n).fill(1);
  let rankOf = new Int32Array(16);
  // Last known ρ = rhoNum / rhoDen; pabutools starts every project at 1/(number of supporters).
  const rhoNum: bigint[] = new Array(k).fill(0n);
  const rhoDen: bigint[] = new Array(k).fill(1n);
  const evalX: bigint[] = new Array(k).fill(0n);
  const evalRich = new Int32Array(k);
  for (const p of candidates) {
    rhoNum[p] = 1n;
    rhoDen[p] = BigInt(supStart[p + 1]! - supStart[p]!);
  }
  const less = (a: number, b: number): boolean => rhoNum[a]! * rhoDen[b]! < rhoNum[b]! * rhoDen[a]!;
  let remaining = [...candidates];
  // Class ids by ascending budget, "spent everything" first; kept sorted by merging in pay().
  let sorted: number[] = [0, 1];
  const out: MesSelection[] = [];

  while (remaining.length > 0) {
    // Rank the budget classes by value, so a project's supporters can be bucketed by rank.
    if (rankOf.length < classVal.length) rankOf = new Int32Array(classVal.length * 2);
    const rankVal = sorted.map((c) => classVal[c]!);
    sorted.forEach((c, r) => (rankOf[c] = r));
    const live = sorted;
    const cnt = new Int32Array(live.length);

    remaining.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
    let best = -1;
    let tied: number[] = [];
    const keep: number[] = [];
    for (let i = 0; i < remaining.length; i++) {
      const p = remaining[i]!;
      if (best >= 0 && less(best, p)) {
        for (let j = i; j < remaining.length; j++) keep.push(remaining[j]!);
        break;
      }
      // Bucket supporters by budget rank, then walk from the poorest: the poor pay all they
      // have, and the first rank whose budget covers the equal share of the rest sets the price.
      let lo = live.length;
      let hi = -1;
      for (let j = supStart[p]!; j < supStart[p + 1]!; j++) {
        const r = rankOf[voterClass[supVoters[j]!]!]!;
        cnt[r]!++;
        if (r < lo) lo = r;
        if (r > hi) hi = r;
      }
      const costD = BigInt(costs[p]!) * den;
      let paid = 0n;
      let rich = supStart[p + 1]! - supStart[p]!;
      let found = false;
      for (let r = lo; r <= hi; r++) {
        const c = cnt[r]!;
        if (c === 0) continue;
        if (costD - paid <= BigInt(rich) * rankVal[r]!) {
          found = true;
          break;
        }
        paid += BigInt(c) * rankVal[r]!;
        rich -= c;
      }
      if (hi >= lo) cnt.fill(0, lo, hi + 1);
      if (!found) continue; // supporters cannot afford it now, nor later: budgets only shrink
      keep.push(p);
      evalX[p] = costD - paid;
      evalRich[p] = rich;
      rhoNum[p] = costD - paid;
      rhoDen[p] = BigInt(rich) * costD;
      if (best < 0 || less(p, best)) {
        best = p;
        tied = [p];
      } else if (!less(best, p)) tied.push(p);
    }
    if (tied.length === 0) break;
    let sel = tied[0]!;
    for (const p of tied) if (tieRank[p]! < tieRank[sel]!) sel = p;
    remaining = keep.filter((p) => p !== sel);
    out.push(pay(sel, evalX[sel]!, evalRich[sel]!));
  }
  return out;

  /** Charges price x / (rich · den) to each supporter; the poorer ones give all they have. */
  function pay(p: number, x: bigint, rich: number): MesSelection {
    const g = gcdSmall(Number(x % BigInt(rich)), rich);
    const scale = rich / g;
    if (scale > 1) {
      den *= BigInt(scale);
      const s = BigInt(scale);
      for (const c of sorted) classVal[c]! *= s;
    }
    const price = x / BigInt(g);
    const mapTo = new Map<number, number>();
    let payers = 0;
    for (let j = supStart[p]!; j < supStart[p + 1]!; j++) {
      const v = supVoters[j]!;
      const c = voterClass[v]!;
      if (c === 0) continue;
      payers++;
      let t = mapTo.get(c);
      if (t === undefined) {
        const left = classVal[c]! - price;
        t = left <= 0n ? 0 : classVal.push(left) - 1;
        if (t !== 0) classPop.push(0);
        mapTo.set(c, t);
      }
      classPop[c]!--;
      classPop[t]!++;
      voterClass[v] = t;
    }
    // Everyone who paid the full price moved down by the same amount, so the moved classes keep
    // their order among themselves: a merge with the unmoved ones restores the sort in O(classes).
    const moved: number[] = [];
    const stay: number[] = [];
    for (const c of sorted) {
      if (c === 0) continue;
      const t = mapTo.get(c);
      if (t !== undefined && t !== 0) moved.push(t);
      if (classPop[c]! > 0) stay.push(c);
    }
    const next = [0];
    let i = 0;
    let j = 0;
    while (i < stay.length || j < moved.length) {
      if (j === moved.length || (i < stay.length && classVal[stay[i]!]! <= classVal[moved[j]!]!)) next.push(stay[i++]!);
      else next.push(moved[j++]!);
    }
    sorted = next;
    const g2 = gcdBig(price, den);
    return { project: p, payers, priceNum: price / g2, priceDen: den / g2 };
  }
}

function gcdSmall(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a === 0 ? 1 : a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

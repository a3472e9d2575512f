/**
 * Test oracle: the Method of Equal Shares transcribed naively from pabutools (`naive_mes` plus the
 * `voter_budget_increment` loop and greedy completion), one exact rational per voter and every
 * project re-evaluated every round. Slow and obviously right; the fast engine must agree with it.
 */
import type { DenseCategory } from '../src/core/dense.js';

type Q = [bigint, bigint]; // num/den, den > 0
const q = (n: bigint, d = 1n): Q => (d < 0n ? [-n, -d] : [n, d]);
const sub = (a: Q, b: Q): Q => q(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const add = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const cmp = (a: Q, b: Q) => (a[0] * b[1] < b[0] * a[1] ? -1 : a[0] * b[1] > b[0] * a[1] ? 1 : 0);
const min = (a: Q, b: Q) => (cmp(a, b) <= 0 ? a : b);

function supporters(cat: DenseCategory, p: number): number[] {
  return Array.from(cat.supVoters.subarray(cat.supStart[p], cat.supStart[p + 1]));
}

/** One MES run; asserts that every chosen project is paid in full and no budget goes negative. */
export function naiveMes(cat: DenseCategory, candidates: number[], perVoter: Q): number[] {
  const budget: Q[] = Array.from({ length: cat.nVoters }, () => perVoter);
  const left = new Set(candidates);
  const out: number[] = [];
  for (;;) {
    let best: { p: number; price: Q; rho: Q } | undefined;
    for (const p of [...left]) {
      const sup = supporters(cat, p).sort((a, b) => cmp(budget[a]!, budget[b]!));
      const cost = q(BigInt(cat.costs[p]!));
      let paid = q(0n);
      let price: Q | undefined;
      for (let i = 0; i < sup.length; i++) {
        const share = q(sub(cost, paid)[0], sub(cost, paid)[1] * BigInt(sup.length - i));
        if (cmp(share, budget[sup[i]!]!) <= 0) {
          price = share;
          break;
        }
        paid = add(paid, budget[sup[i]!]!);
      }
      if (!price) {
        left.delete(p);
        continue;
      }
      const rho = q(price[0], price[1] * cost[0]);
      const c = best ? cmp(rho, best.rho) : -1;
      if (c < 0 || (c === 0 && cat.tieRank[p]! < cat.tieRank[best!.p]!)) best = { p, price, rho };
    }
    if (!best) return out;
    let total = q(0n);
    for (const v of supporters(cat, best.p)) {
      const pay = min(budget[v]!, best.price);
      budget[v] = sub(budget[v]!, pay);
      total = add(total, pay);
      if (budget[v][0] < 0n) throw new Error('negative budget');
    }
    if (cmp(total, q(BigInt(cat.costs[best.p]!))) !== 0)
      throw new Error(`project ${best.p} not paid in full`);
    out.push(best.p);
    left.delete(best.p);
  }
}

/** MES + per-voter budget increments + greedy completion, as pabutools' rule combination. */
export function naiveMesWithCompletion(cat: DenseCategory, inc: number): number[] {
  const k = cat.costs.length;
  const order = [...Array(k).keys()].sort(
    (a, b) => cat.votes[b]! - cat.votes[a]! || cat.tieRank[a]! - cat.tieRank[b]!,
  );
  const ok = (p: number) => cat.eligible[p] === 1 && cat.votes[p]! > 0;
  const free = order.filter((p) => ok(p) && cat.costs[p] === 0);
  const cands = order.filter((p) => ok(p) && cat.costs[p]! > 0);
  const cost = (s: number[]) => s.reduce((a, p) => a + cat.costs[p]!, 0);
  const exhaustive = (s: number[]) => cands.every((p) => s.includes(p) || cost(s) + cat.costs[p]! > cat.fund);
  const n = BigInt(cat.nVoters);
  let kept = naiveMes(cat, cands, q(BigInt(cat.fund), n));
  for (let t = 1; inc > 0 && !exhaustive(kept); t++) {
    const next = naiveMes(cat, cands, q(BigInt(cat.fund) + BigInt(t * inc) * n, n));
    if (cost(next) > cat.fund) break;
    kept = next;
  }
  const sel = [...free, ...kept];
  let rem = cat.fund - cost(kept);
  for (const p of order) {
    if (sel.includes(p) || !cat.eligible[p] || cat.costs[p]! > rem) continue;
    sel.push(p);
    rem -= cat.costs[p]!;
  }
  return sel;
}

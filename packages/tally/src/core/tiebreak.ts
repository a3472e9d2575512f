import type { TieBreak } from '../types.js';

interface TieProject {
  id: string;
  cost: number;
  submittedAt?: number;
}

/** Plain string order (UTF-16 code units), locale-free so every machine agrees. */
const byId = (a: TieProject, b: TieProject) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Position of each project in the tie-break order (0 wins every tie). Computed once per category,
 * so the rules compare two integers instead of re-deriving the rule at every tie.
 */
export function tieRanks(
  projects: readonly TieProject[],
  rule: TieBreak,
  seed: string | undefined,
  scope: string,
): Int32Array {
  const idx = projects.map((_, i) => i);
  let cmp: (a: number, b: number) => number;
  if (rule === 'cost_then_id') {
    cmp = (a, b) => projects[a]!.cost - projects[b]!.cost || byId(projects[a]!, projects[b]!);
  } else if (rule === 'earlier_submission') {
    for (const p of projects) {
      if (p.submittedAt === undefined || !Number.isFinite(p.submittedAt)) {
        throw new Error(
          `Project "${p.id}" has no submission time, required by tie-break "earlier_submission"`,
        );
      }
    }
    cmp = (a, b) => projects[a]!.submittedAt! - projects[b]!.submittedAt! || byId(projects[a]!, projects[b]!);
  } else {
    if (seed === undefined || seed === '')
      throw new Error('Tie-break "lottery" needs a seed, so that the draw can be recorded and repeated');
    // Draw in id order, so the keys depend on the seed and the projects, not on input order.
    const rand = prng(`${seed}\u0000${scope}`);
    const key = new Float64Array(projects.length);
    [...idx].sort((a, b) => byId(projects[a]!, projects[b]!)).forEach((i) => (key[i] = rand()));
    cmp = (a, b) => key[a]! - key[b]! || byId(projects[a]!, projects[b]!);
  }
  idx.sort(cmp);
  const rank = new Int32Array(projects.length);
  idx.forEach((p, r) => (rank[p] = r));
  return rank;
}

/**
 * Seeded PRNG returning integers in [0, 2^32): FNV-1a of the seed, then mulberry32. Not for
 * secrecy — for a draw anyone can replay from the published seed.
 */
export function prng(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let s = h >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
}

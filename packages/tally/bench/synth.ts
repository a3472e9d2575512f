import { prng } from '../src/index.js';
import type { TallyCategory, TallyProject, VoteColumns } from '../src/index.js';

export interface Synthetic {
  categories: TallyCategory[];
  projects: TallyProject[];
  votes: VoteColumns;
}

/**
 * A seeded edition shaped like Ivano-Frankivsk 2023 (docs/rules.md, "Scale to design for"): 4 categories, 150 projects, costs of
 * 50 000–1 500 000 UAH in kopiykas, popularity skewed like real results (Zipf, s = 1). Each voter
 * takes part in a category with probability `turnout` and approves 1 project (70 %) or 2 (30 %);
 * the default turnout gives ≈ 3.33 votes per voter, i.e. 1 000 000 votes from 300 000 voters.
 */
export function synthesize(voters: number, seed = 'bench', turnout = 0.655): Synthetic {
  const rand = prng(seed);
  const u = () => rand() / 2 ** 32;
  const categories: TallyCategory[] = [0, 1, 2, 3].map((c) => ({
    id: `cat${c}`,
    fund: 600_000_000 + c * 100_000_000,
  }));
  const projects: TallyProject[] = [];
  for (let i = 0; i < 150; i++) {
    projects.push({
      id: `p${i}`,
      categoryId: `cat${i % 4}`,
      cost: (50_000 + Math.floor(u() * 1_450_000)) * 100,
      submittedAt: i,
    });
  }
  const perCat = categories.map((c) => projects.filter((p) => p.categoryId === c.id).map((p) => p.id));
  // Cumulative Zipf weights over a shuffled popularity order, so popularity is not cost order.
  const cdf = perCat.map((ids) => {
    const w = ids.map((_, r) => 1 / (r + 1));
    const total = w.reduce((a, b) => a + b, 0);
    let acc = 0;
    return w.map((x) => (acc += x / total));
  });
  const pick = (c: number) => {
    const x = u();
    const table = cdf[c]!;
    let i = 0;
    while (table[i]! < x) i++;
    return perCat[c]![Math.min(i, table.length - 1)]!;
  };
  const vv: number[] = [];
  const vp: string[] = [];
  for (let v = 0; v < voters; v++) {
    for (let c = 0; c < 4; c++) {
      if (u() >= turnout) continue;
      const a = pick(c);
      vv.push(v);
      vp.push(a);
      if (u() < 0.3) {
        const b = pick(c);
        if (b !== a) {
          vv.push(v);
          vp.push(b);
        }
      }
    }
  }
  return { categories, projects, votes: { voters: Int32Array.from(vv), projects: vp } };
}

import { tally } from '@bu/tally';
import type { Result } from '@bu/shared';
import { inputsDigest } from './results.digest.js';

/** MES budget increase per round: 1 UAH, as pabutools' 1 currency unit on an exported .pb in UAH. */
const MES_INCREMENT_KOP = 100;

export interface StoredResultCategory {
  categoryId: number;
  name: string;
  fund: number;
  allocated: number;
  projects: Result['categories'][number]['projects'];
}

/** Everything a tally reads from the database: plain data, so it can cross to a worker thread. */
export interface TallyInputs {
  rule: 'greedy' | 'mes';
  tieBreak: 'earlier_submission' | 'lottery';
  minVotes: number;
  categories: { id: number; name: string; fund: number }[];
  projects: { id: number; categoryId: number; title: string; cost: number; submittedAt: Date | null }[];
  /** Columns sorted by (project, voter): a city-wide vote is a million rows. */
  votes: { voters: Int32Array<ArrayBuffer>; projects: Int32Array<ArrayBuffer> };
}

export interface TallyComputed {
  inputsDigest: string;
  seed: string | null;
  categories: StoredResultCategory[];
}

/**
 * The whole CPU-heavy part of a tally, pure: the inputs' digest, the engine, and the result as it is
 * stored. It runs in a worker thread (tally.worker.ts) so a city-wide MES never blocks the API.
 */
export function computeTally(inputs: TallyInputs): TallyComputed {
  const digest = inputsDigest(inputs);
  // The lottery's seed is the digest: recorded with the result, and the same votes draw the same.
  const seed = inputs.tieBreak === 'lottery' ? digest : undefined;
  const outcome = tally({
    rule: inputs.rule,
    tieBreak: inputs.tieBreak,
    seed,
    minVotes: inputs.minVotes,
    categories: inputs.categories.map((c) => ({ id: String(c.id), fund: c.fund })),
    projects: inputs.projects.map((p) => ({
      id: String(p.id),
      categoryId: String(p.categoryId),
      cost: p.cost,
      submittedAt: p.submittedAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
    })),
    votes: { voters: inputs.votes.voters, projects: Array.from(inputs.votes.projects, String) },
    mes: { voterBudgetIncrement: MES_INCREMENT_KOP },
  });
  const titles = new Map(inputs.projects.map((p) => [String(p.id), p.title]));
  const names = new Map(inputs.categories.map((c) => [String(c.id), c.name]));
  const categories = outcome.categories.map((c) => ({
    categoryId: Number(c.categoryId),
    name: names.get(c.categoryId) ?? '',
    fund: c.fund,
    allocated: c.allocated,
    projects: c.projects.map((p) => {
      const { text, ...reason } = p.explanation;
      return {
        projectId: Number(p.projectId),
        title: titles.get(p.projectId) ?? '',
        votes: p.votes,
        cost: p.cost,
        selected: p.selected,
        rank: p.rank,
        explanation: text,
        reason,
      };
    }),
  }));
  return { inputsDigest: digest, seed: seed ?? null, categories };
}

import { readFileSync } from 'node:fs';
import { buildSupporters, type DenseCategory } from '../src/core/dense.js';
import { tieRanks } from '../src/core/tiebreak.js';

export const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/**
 * The real pabulib elections and pabutools' answers for them, committed in fixtures/ (see its
 * README for source and licence). A missing file throws, so a test fails instead of skipping.
 */
export const pabulib = fixture;

/** Winning ids for a real instance as computed by pabutools (fixtures/pabutools-results.json). */
export const pabutools = (instance: string, rule: string): string[] => {
  const all = JSON.parse(fixture('pabutools-results.json')) as Record<string, Record<string, string[]>>;
  const ids = all[instance]?.[rule];
  if (!ids) throw new Error(`pabutools-results.json has no ${rule} for ${instance}`);
  return ids;
};

/** A dense category from ballots (lists of project indices); ids are p0, p1, ... */
export function dense(fund: number, costs: number[], ballots: number[][], minVotes = 0): DenseCategory {
  const proj: number[] = [];
  const voter: number[] = [];
  ballots.forEach((b, v) => b.forEach((p) => (proj.push(p), voter.push(v))));
  const sup = buildSupporters(costs.length, ballots.length, Int32Array.from(proj), Int32Array.from(voter));
  const projects = costs.map((cost, i) => ({ id: `p${i}`, cost }));
  return {
    fund,
    costs: Float64Array.from(costs),
    tieRank: tieRanks(projects, 'cost_then_id', undefined, ''),
    eligible: Uint8Array.from(sup.votes, (n) => (n >= minVotes ? 1 : 0)),
    nVoters: ballots.length,
    ...sup,
  };
}

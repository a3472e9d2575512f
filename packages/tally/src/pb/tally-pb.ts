import { buildSupporters, type DenseCategory } from '../core/dense.js';
import { greedyCore } from '../core/greedy.js';
import { mesCore } from '../core/mes-completion.js';
import { tieRanks } from '../core/tiebreak.js';
import type { TallyRule } from '../types.js';
import { parsePb, type PbInstance } from './parse.js';

/**
 * Tallies a pabulib instance with the engine the app uses; what `pnpm cli tally --pb` prints.
 * Ties break `cost_then_id` (pabulib files carry no submission times) unless the file says how the
 * platform broke them (see pbTieRanks). For greedy, META
 * `min_project_score_threshold` is the minimum number of votes. MES follows pabutools: n counts
 * every ballot, empty ones included, and the budget rises by 1 currency unit per voter per round.
 */
export function tallyPb(text: string, opts: { rule: TallyRule }): { selected: string[] } {
  const pb = parsePb(text);
  const minVotes = opts.rule === 'greedy' ? threshold(pb) : 0;
  const cat = pbCategory(pb, minVotes);
  const outcome =
    opts.rule === 'greedy' ? greedyCore(cat, minVotes) : mesCore(cat, minVotes, { voterBudgetIncrement: 1 });
  return { selected: outcome.selected.map((p) => pb.projects[p]!.id) };
}

/** Refuses what the engine cannot tally, with the reason a researcher needs to see. */
export function pbCategory(pb: PbInstance, minVotes: number): DenseCategory {
  const voteType = pb.meta['vote_type'];
  if (voteType !== 'approval') {
    throw new Error(
      voteType === undefined
        ? 'META has no vote_type: only approval ballots can be tallied'
        : `Unsupported vote_type "${voteType}": only approval ballots can be tallied`,
    );
  }
  const budgetText = pb.meta['budget'] ?? '';
  const fund = Number(budgetText);
  if (!/^\d+$/.test(budgetText) || !Number.isSafeInteger(fund))
    throw new Error(`META budget "${budgetText}" is not a whole number`);
  const index = new Map(pb.projects.map((p, i) => [p.id, i]));
  let m = 0;
  for (const v of pb.votes) m += v.projectIds.length;
  const proj = new Int32Array(m);
  const voter = new Int32Array(m);
  let at = 0;
  pb.votes.forEach((v, i) => {
    for (const id of v.projectIds) {
      proj[at] = index.get(id)!;
      voter[at++] = i;
    }
  });
  const sup = buildSupporters(pb.projects.length, pb.votes.length, proj, voter);
  return {
    fund,
    costs: Float64Array.from(pb.projects, (p) => p.cost),
    tieRank: pbTieRanks(pb),
    eligible: Uint8Array.from(sup.votes, (n) => (n >= minVotes ? 1 : 0)),
    nVoters: pb.votes.length,
    ...sup,
  };
}

/**
 * A .pb has no submission times, so ties break by lower cost, then id. Files this platform exports
 * say how the app broke ties, so that a researcher recomputes exactly the published winners:
 * META `tie_break;submission_order` with a PROJECTS column `submission_order` (1 = earliest), or
 * `tie_break;lottery` with the recorded `tie_break_seed` and `tie_break_scope` (the category id).
 */
function pbTieRanks(pb: PbInstance) {
  const rule = pb.meta['tie_break'];
  if (rule === 'submission_order') {
    const order = pb.projects.map((p) => Number(p['submission_order']));
    if (order.some((o) => !Number.isSafeInteger(o)))
      throw new Error('tie_break is submission_order but a project has no whole submission_order');
    return tieRanks(
      pb.projects.map((p, i) => ({ ...p, submittedAt: order[i] })),
      'earlier_submission',
      undefined,
      '',
    );
  }
  if (rule === 'lottery')
    return tieRanks(pb.projects, 'lottery', pb.meta['tie_break_seed'], pb.meta['tie_break_scope'] ?? '');
  return tieRanks(pb.projects, 'cost_then_id', undefined, '');
}

function threshold(pb: PbInstance): number {
  const t = pb.meta['min_project_score_threshold'];
  if (t === undefined || t === '') return 0;
  if (!/^\d+$/.test(t)) throw new Error(`META min_project_score_threshold "${t}" is not a whole number`);
  return Number(t);
}

/**
 * The CLI command without the process: `--pb FILE [--rule greedy|mes] [--json]`. apps/api wires
 * it to argv, the file system and stdout; returning the text keeps it testable here.
 */
export function runTallyCommand(
  args: string[],
  readFile: (path: string) => string,
): { code: number; stdout: string; stderr: string } {
  let file: string | undefined;
  let rule: TallyRule = 'greedy';
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--pb') file = args[++i];
    else if (a === '--rule') {
      const r = args[++i];
      if (r !== 'greedy' && r !== 'mes') return fail(`--rule must be greedy or mes, got "${r ?? ''}"`);
      rule = r;
    } else if (a === '--json') json = true;
    else return fail(`unknown argument "${a}"`);
  }
  if (!file) return fail('usage: tally --pb FILE [--rule greedy|mes] [--json]');
  try {
    const { selected } = tallyPb(readFile(file), { rule });
    return {
      code: 0,
      stdout: json ? JSON.stringify({ selected }) + '\n' : selected.map((id) => id + '\n').join(''),
      stderr: '',
    };
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
}

function fail(message: string) {
  return { code: 1, stdout: '', stderr: message + '\n' };
}

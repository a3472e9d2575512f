/**
 * Public types of the tally engine. Money is an integer number of minor units (kopiykas in the
 * app, whole currency units for pabulib files) and never a float (docs/rules.md §5).
 */

export type TallyRule = 'greedy' | 'mes';

/**
 * How equal ranks are ordered:
 * - `earlier_submission`: smaller `submittedAt` first (the default, docs/rules.md §4), then id;
 * - `lottery`: a seeded deterministic draw, so a recorded seed reproduces the result;
 * - `cost_then_id`: lower cost first, then id by plain string comparison (UTF-16 code units),
 *   for pabulib files, which carry no submission times.
 */
export type TieBreak = 'earlier_submission' | 'lottery' | 'cost_then_id';

export interface TallyProject {
  id: string;
  categoryId: string;
  cost: number;
  /** Any monotone submission key (epoch ms, sequence number); needed for `earlier_submission`. */
  submittedAt?: number;
}

export interface TallyCategory {
  id: string;
  fund: number;
}

/**
 * Columnar vote list: vote k says `voters[k]` approves `projects[k]`. Columns rather than one
 * object per vote, so a million votes cost two arrays and no per-vote allocation.
 */
export interface VoteColumns {
  voters: ArrayLike<string | number>;
  projects: ArrayLike<string>;
}

export interface TallyInput {
  rule: TallyRule;
  tieBreak: TieBreak;
  /** Required for `lottery`; echoed in the result so the draw can be recorded and replayed. */
  seed?: string;
  /** Projects with fewer votes are not eligible (docs/rules.md §4, optional threshold). */
  minVotes?: number;
  categories: TallyCategory[];
  projects: TallyProject[];
  votes: VoteColumns;
  mes?: MesOptions;
}

export interface MesOptions {
  /**
   * Amount added to every voter's budget per round of the "Add1" completion, in the same units as
   * costs. pabutools uses 1 currency unit; pass 100 when costs are kopiykas to mean 1 UAH.
   * 0 disables the budget increase (plain MES, then greedy completion).
   */
  voterBudgetIncrement?: number;
  /** Safety stop for the increase loop; exceeding it is an error, never a silent cut. */
  maxRounds?: number;
}

/** An exact non-negative rational, as decimal strings so that it survives JSON. */
export interface Fraction {
  num: string;
  den: string;
}

export type Explanation =
  | { code: 'funded'; votes: number; cost: number; remainingBefore: number }
  | { code: 'skipped_no_funds'; votes: number; cost: number; remaining: number }
  | { code: 'below_threshold'; votes: number; minVotes: number }
  | {
      code: 'mes_funded';
      votes: number;
      cost: number;
      /** Supporters who paid a positive amount. */
      payers: number;
      /** What each supporter who still had enough paid; poorer supporters paid all they had. */
      price: Fraction;
      /** `price` rounded half up to a whole minor unit, for display only. */
      priceRounded: number;
    }
  | { code: 'mes_completion_greedy'; votes: number; cost: number; remainingBefore: number };

export type ExplanationCode = Explanation['code'];

export interface ProjectOutcome {
  projectId: string;
  votes: number;
  cost: number;
  selected: boolean;
  /** 1-based position when ranked by votes, ties broken by the tie-break rule. */
  rank: number;
  explanation: Explanation & { text: string };
}

export interface CategoryOutcome {
  categoryId: string;
  fund: number;
  allocated: number;
  /** Selected project ids in order of selection. */
  selected: string[];
  /** Every project of the category, ordered by rank. */
  projects: ProjectOutcome[];
  /** MES only: how many budget increments the completion used, and voters counted. */
  mes?: { increments: number; voters: number };
}

export interface TallyResult {
  rule: TallyRule;
  tieBreak: TieBreak;
  seed?: string;
  minVotes: number;
  categories: CategoryOutcome[];
}

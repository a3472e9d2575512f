export const PHASES = ['upcoming', 'submission', 'review', 'voting', 'tally', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseDates {
  submissionStart: string;
  submissionEnd: string;
  reviewEnd: string;
  votingStart: string;
  votingEnd: string;
}

export const PHASE_ORDER: (keyof PhaseDates)[] = [
  'submissionStart',
  'submissionEnd',
  'reviewEnd',
  'votingStart',
  'votingEnd',
];

/**
 * The phase an edition is in at `now`. Review runs from the end of submission to reviewEnd; the gap
 * between reviewEnd and votingStart counts as review too (the list of admitted projects is being
 * published). After voting the edition is in `tally` until results are published, then `closed`.
 * Published results close the edition whatever the dates say: a result is never shown beside an
 * open vote (publication needs voting over, and the dates cannot move afterwards).
 */
export function computePhase(dates: PhaseDates, now: Date, resultsPublished = false): Phase {
  if (resultsPublished) return 'closed';
  const t = now.getTime();
  const at = (k: keyof PhaseDates) => Date.parse(dates[k]);
  if (t < at('submissionStart')) return 'upcoming';
  if (t < at('submissionEnd')) return 'submission';
  if (t < at('votingStart')) return 'review';
  if (t < at('votingEnd')) return 'voting';
  return 'tally';
}

/** Names of the dates that are out of order (each must be strictly after the one before). */
export function phaseOrderErrors(dates: Partial<PhaseDates>): (keyof PhaseDates)[] {
  const bad: (keyof PhaseDates)[] = [];
  let prev: number | undefined;
  for (const k of PHASE_ORDER) {
    const v = dates[k];
    if (v === undefined) continue;
    const t = Date.parse(v);
    if (prev !== undefined && !(t > prev)) bad.push(k);
    prev = t;
  }
  return bad;
}

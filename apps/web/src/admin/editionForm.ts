import { parseUah, PHASE_ORDER, type Edition, type PhaseDates } from '@bu/shared';
import { isoToLocalInput, localInputToIso } from '../lib/datetime';
import { kopToInput } from '../lib/money';

export { kopToInput };

/** What the edition form holds: text as typed, money in UAH, dates as datetime-local values. */
export interface EditionFormValues {
  title: string;
  description: string;
  totalFund: string;
  phases: Record<keyof PhaseDates, string>;
  minVoterAge: string;
  eligibility: Edition['eligibility'];
  tallyRule: Edition['tallyRule'];
  tieBreak: Edition['tieBreak'];
  minVotes: string;
  resultsVisibleDuringVoting: boolean;
  /**
   * The dates exactly as the server holds them (editing only): an unchanged field is sent back as
   * this instant rather than as the minute the input shows, so seconds stored by the server do not
   * turn a date the admin never touched into a change (which is refused once voting has started).
   */
  savedPhases?: PhaseDates;
}

export const emptyEditionForm: EditionFormValues = {
  title: '',
  description: '',
  totalFund: '',
  phases: { submissionStart: '', submissionEnd: '', reviewEnd: '', votingStart: '', votingEnd: '' },
  minVoterAge: '16',
  eligibility: 'residents',
  tallyRule: 'greedy',
  tieBreak: 'earlier_submission',
  minVotes: '0',
  resultsVisibleDuringVoting: false,
};

function mapPhases(f: (k: keyof PhaseDates) => string): PhaseDates {
  return {
    submissionStart: f('submissionStart'),
    submissionEnd: f('submissionEnd'),
    reviewEnd: f('reviewEnd'),
    votingStart: f('votingStart'),
    votingEnd: f('votingEnd'),
  };
}

export function editionToForm(e: Edition): EditionFormValues {
  return {
    title: e.title,
    description: e.description,
    totalFund: kopToInput(e.totalFund),
    phases: mapPhases((k) => isoToLocalInput(e.phases[k])),
    minVoterAge: String(e.minVoterAge),
    eligibility: e.eligibility,
    tallyRule: e.tallyRule,
    tieBreak: e.tieBreak,
    minVotes: String(e.minVotes),
    resultsVisibleDuringVoting: e.resultsVisibleDuringVoting,
    savedPhases: { ...e.phases },
  };
}

/** Empty stays undefined (the schema then says "required"); anything else becomes a number or NaN. */
const toInt = (s: string) => (s.trim() === '' ? undefined : Number(s));

/**
 * The body the shared schema will judge, plus the money fields that did not parse (reported in the
 * words of money rather than as a missing number).
 */
export function formToBody(v: EditionFormValues) {
  const moneyErrors: string[] = [];
  const totalFund = v.totalFund.trim() === '' ? undefined : parseUah(v.totalFund);
  if (totalFund === null) moneyErrors.push('totalFund');
  const body = {
    title: v.title,
    description: v.description,
    totalFund: totalFund ?? undefined,
    phases: mapPhases((k) => localInputToIso(v.phases[k]) ?? ''),
    minVoterAge: toInt(v.minVoterAge),
    eligibility: v.eligibility,
    tallyRule: v.tallyRule,
    tieBreak: v.tieBreak,
    minVotes: toInt(v.minVotes),
    resultsVisibleDuringVoting: v.resultsVisibleDuringVoting,
  };
  return { body, moneyErrors };
}

/** For PATCH: only what the admin changed; the phases go together because they are checked together. */
export function changedFields(initial: EditionFormValues, current: EditionFormValues) {
  const { body, moneyErrors } = formToBody(current);
  const out: Partial<typeof body> = {};
  const keys = [
    'title',
    'description',
    'totalFund',
    'minVoterAge',
    'eligibility',
    'tallyRule',
    'tieBreak',
    'minVotes',
    'resultsVisibleDuringVoting',
  ] as const;
  for (const k of keys) {
    if (initial[k] !== current[k]) (out as Record<string, unknown>)[k] = body[k];
  }
  if (PHASE_ORDER.some((k) => initial.phases[k] !== current.phases[k])) {
    const saved = initial.savedPhases;
    out.phases = mapPhases((k) =>
      saved && initial.phases[k] === current.phases[k] ? saved[k] : body.phases[k],
    );
  }
  return { body: out, moneyErrors: moneyErrors.filter((k) => k in out) };
}

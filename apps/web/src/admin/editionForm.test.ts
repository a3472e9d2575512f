import { describe, expect, it } from 'vitest';
import type { Edition } from '@bu/shared';
import { changedFields, editionToForm } from './editionForm';

const edition = {
  id: 1,
  title: 'Бюджет участі 2026',
  description: '',
  totalFund: 100_000_00,
  phases: {
    submissionStart: '2026-01-01T07:00:13.250Z',
    submissionEnd: '2026-02-01T07:00:00.000Z',
    reviewEnd: '2026-03-01T07:00:00.000Z',
    votingStart: '2026-04-01T07:00:42.000Z',
    votingEnd: '2026-05-01T07:00:00.000Z',
  },
  minVoterAge: 16,
  eligibility: 'residents',
  tallyRule: 'greedy',
  tieBreak: 'earlier_submission',
  minVotes: 0,
  resultsVisibleDuringVoting: false,
} as unknown as Edition;

describe('changedFields', () => {
  it('sends nothing when nothing changed', () => {
    const f = editionToForm(edition);
    expect(changedFields(f, { ...f }).body).toEqual({});
  });

  it('moving only the end of voting sends the other dates as the very instants the server holds', () => {
    const initial = editionToForm(edition);
    const current = { ...initial, phases: { ...initial.phases, votingEnd: '2026-05-10T18:30' } };
    const { phases } = changedFields(initial, current).body;
    expect(phases).toBeDefined();
    for (const k of ['submissionStart', 'submissionEnd', 'reviewEnd', 'votingStart'] as const) {
      expect(Date.parse(phases![k])).toBe(Date.parse(edition.phases[k]));
    }
    expect(Date.parse(phases!.votingEnd)).toBe(new Date(2026, 4, 10, 18, 30).getTime());
  });
});

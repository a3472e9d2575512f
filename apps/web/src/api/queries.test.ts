import { describe, expect, test } from 'vitest';
import type { Edition, Phase } from '@bu/shared';
import { pickCurrentEdition } from './queries';

const edition = (id: number, phase: Phase, submissionStart: string): Edition => ({
  id,
  title: `E${id}`,
  description: '',
  totalFund: 100,
  phases: {
    submissionStart,
    submissionEnd: submissionStart,
    reviewEnd: submissionStart,
    votingStart: submissionStart,
    votingEnd: submissionStart,
  },
  phase,
  minVoterAge: 16,
  eligibility: 'residents',
  tallyRule: 'greedy',
  tieBreak: 'earlier_submission',
  minVotes: 0,
  resultsVisibleDuringVoting: false,
  resultsPublishedAt: null,
  categories: [],
  createdAt: submissionStart,
});

describe('the edition on the home page', () => {
  test('is the newest one under way, even when a later one is being prepared', () => {
    const picked = pickCurrentEdition([
      edition(1, 'closed', '2023-01-01T00:00:00Z'),
      edition(2, 'voting', '2024-01-01T00:00:00Z'),
      edition(3, 'upcoming', '2025-01-01T00:00:00Z'),
    ]);
    expect(picked?.id).toBe(2);
  });

  test('is the next upcoming one when none is under way, else the newest closed one', () => {
    expect(
      pickCurrentEdition([
        edition(1, 'closed', '2023-01-01T00:00:00Z'),
        edition(3, 'upcoming', '2025-01-01T00:00:00Z'),
      ])?.id,
    ).toBe(3);
    expect(
      pickCurrentEdition([
        edition(1, 'closed', '2023-01-01T00:00:00Z'),
        edition(2, 'closed', '2024-01-01T00:00:00Z'),
      ])?.id,
    ).toBe(2);
    expect(pickCurrentEdition([])).toBeUndefined();
  });

  test('is the one in voting, even when a school budget newer than it takes submissions', () => {
    expect(
      pickCurrentEdition([
        edition(7, 'submission', '2024-09-01T00:00:00Z'),
        edition(6, 'voting', '2024-01-01T00:00:00Z'),
      ])?.id,
    ).toBe(6);
  });

  test('among editions under way, the later submission start wins, then the higher id', () => {
    expect(
      pickCurrentEdition([
        edition(5, 'tally', '2024-01-01T00:00:00Z'),
        edition(4, 'submission', '2024-06-01T00:00:00Z'),
      ])?.id,
    ).toBe(4);
    expect(
      pickCurrentEdition([
        edition(4, 'review', '2024-01-01T00:00:00Z'),
        edition(6, 'review', '2024-01-01T00:00:00Z'),
      ])?.id,
    ).toBe(6);
  });
});

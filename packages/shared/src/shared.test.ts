import { describe, expect, it } from 'vitest';
import {
  computePhase,
  formatUah,
  parseUah,
  phaseOrderErrors,
  createEditionBodySchema,
  createCategoryBodySchema,
} from './index.js';

describe('money', () => {
  it('formats kopiykas as UAH with a thousands separator', () => {
    expect(formatUah(2_550_000_000)).toBe('25\u202f500\u202f000,00 грн');
    expect(formatUah(799_528_301)).toBe('7\u202f995\u202f283,01 грн');
    expect(formatUah(5)).toBe('0,05 грн');
    expect(formatUah(123_456_78, 'en')).toBe('UAH 123,456.78');
  });
  it('parses typed amounts exactly, never through floating point', () => {
    expect(parseUah('12 345,67')).toBe(1_234_567);
    expect(parseUah('0.1')).toBe(10);
    expect(parseUah('19.99')).toBe(1_999);
    expect(parseUah('1500000 грн')).toBe(150_000_000);
    for (const bad of ['', 'abc', '1,2,3', '-5', '1.234', '1e5']) expect(parseUah(bad)).toBeNull();
  });
});

describe('phases', () => {
  const d = {
    submissionStart: '2024-05-07T00:00:00Z',
    submissionEnd: '2024-07-06T00:00:00Z',
    reviewEnd: '2024-09-01T00:00:00Z',
    votingStart: '2024-10-01T00:00:00Z',
    votingEnd: '2024-10-10T00:00:00Z',
  };
  it('computes the phase at any moment (Zhytomyr 2018 dates)', () => {
    expect(computePhase(d, new Date('2024-01-01Z'))).toBe('upcoming');
    expect(computePhase(d, new Date('2024-05-07T00:00:00Z'))).toBe('submission');
    expect(computePhase(d, new Date('2024-08-01Z'))).toBe('review');
    expect(computePhase(d, new Date('2024-09-15Z'))).toBe('review');
    expect(computePhase(d, new Date('2024-10-05Z'))).toBe('voting');
    expect(computePhase(d, new Date('2024-10-10T00:00:00Z'))).toBe('tally');
    expect(computePhase(d, new Date('2024-12-01Z'), true)).toBe('closed');
  });
  it('never shows a published edition as open for voting, whatever its dates', () => {
    expect(computePhase(d, new Date('2024-10-05Z'), true)).toBe('closed');
  });
  it('names dates out of order', () => {
    expect(phaseOrderErrors(d)).toEqual([]);
    expect(phaseOrderErrors({ ...d, votingStart: d.reviewEnd })).toEqual(['votingStart']);
  });
});

describe('schemas', () => {
  it('defaults optional edition fields and refuses unknown ones', () => {
    const body = {
      title: 'Бюджет',
      totalFund: 100,
      phases: {
        submissionStart: '2024-05-07T00:00:00Z',
        submissionEnd: '2024-07-06T00:00:00Z',
        reviewEnd: '2024-09-01T00:00:00Z',
        votingStart: '2024-10-01T00:00:00Z',
        votingEnd: '2024-10-10T00:00:00Z',
      },
      minVoterAge: 16,
      tallyRule: 'greedy',
      tieBreak: 'lottery',
    };
    expect(createEditionBodySchema.parse(body)).toMatchObject({
      eligibility: 'residents',
      minVotes: 0,
      resultsVisibleDuringVoting: false,
    });
    expect(createEditionBodySchema.safeParse({ ...body, extra: 1 }).success).toBe(false);
  });
  it('checks category cost bounds', () => {
    const ok = { name: 'Малі', fund: 1000, minCost: 10, maxCost: 500, maxVotes: 2 };
    expect(createCategoryBodySchema.safeParse(ok).success).toBe(true);
    expect(createCategoryBodySchema.safeParse({ ...ok, maxCost: 2000 }).success).toBe(false);
    expect(createCategoryBodySchema.safeParse({ ...ok, minCost: 600 }).success).toBe(false);
    expect(createCategoryBodySchema.safeParse({ ...ok, maxVotes: 0 }).success).toBe(false);
  });
});

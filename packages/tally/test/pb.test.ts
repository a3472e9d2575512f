import { describe, expect, it } from 'vitest';
import { parsePb, PbParseError, writePb } from '../src/index.js';
import { fixture, pabulib } from './helpers.js';

const FIXTURES = ['ties.pb', 'skip.pb', 'zero-vote.pb', 'all-funded.pb', 'threshold.pb', 'ids-crlf.pb'];

describe('parsePb', () => {
  it('reads CRLF, a BOM, quoted fields with doubled quotes, non-numeric ids and an empty ballot', () => {
    const pb = parsePb(fixture('ids-crlf.pb'));
    expect(pb.meta['budget']).toBe('50000');
    expect(pb.meta['description']).toBe('fixture'); // the BOM did not stick to "META"
    expect(pb.projects.map((p) => p.id)).toEqual(['L18/02/VIII', 'park-7', 'Ω-1']);
    expect(pb.projects[0]!.name).toBe('"Przystanek zdrowie" - Kawiarenka Mama i Ja');
    expect(pb.projects[1]!.name).toBe('Лавки; урни');
    expect(pb.projects[0]!.cost).toBe(30900);
    expect(pb.votes).toHaveLength(4);
    expect(pb.votes[0]).toMatchObject({ voterId: 'a-1', projectIds: ['L18/02/VIII', 'park-7'] });
    expect(pb.votes[3]!.projectIds).toEqual([]);
  });

  it('reads the real Żoliborz file: 31 projects, 2506 ballots, extra columns kept', () => {
    const pb = parsePb(pabulib('Poland_Warszawa_2023_Zoliborz.pb'));
    expect(pb.projects).toHaveLength(31);
    expect(pb.votes).toHaveLength(2506);
    expect(pb.projects[0]).toMatchObject({
      id: '525',
      cost: 254100,
      votes: 1200,
      selected: true,
      category: 'health,welfare,education',
    });
    expect(pb.votes[0]).toMatchObject({ voterId: '142', age: '22', sex: 'F', voting_method: 'internet' });
    // The votes column agrees with the ballots, so counting ballots reproduces the city's count.
    for (const p of pb.projects)
      expect(pb.votes.filter((v) => v.projectIds.includes(p.id)).length).toBe(p.votes);
  });

  it('reads the Katowice quoted name with doubled quotes', () => {
    const pb = parsePb(pabulib('Poland_Katowice_2021_Murcki.pb'));
    expect(pb.projects.find((p) => p.id === 'L18/04/VIII')!.name).toBe(
      '"Przystanek zdrowie" - Kawiarenka Mama i Ja',
    );
    expect(pb.meta['vote_type']).toBe('cumulative');
  });

  const broken = (mutate: (text: string) => string) => () => parsePb(mutate(fixture('skip.pb')));
  it.each([
    ['missing section', (t: string) => t.replace(/VOTES[\s\S]*/, ''), /missing section VOTES/],
    ['bad cost', (t: string) => t.replace('y;50;', 'y;5O;'), /line 15: bad cost of project "y": "5O"/],
    ['fractional cost', (t: string) => t.replace('y;50;', 'y;50.5;'), /line 15: bad cost/],
    [
      'unknown project in a vote',
      (t: string) => t.replace('2;x,y', '2;x,nope'),
      /line 20: voter "2" votes for unknown project "nope"/,
    ],
    ['duplicate project id', (t: string) => t.replace('z;20;', 'x;20;'), /line 16: duplicate project id "x"/],
    [
      'project twice in a ballot',
      (t: string) => t.replace('4;x', '4;x,x'),
      /line 22: voter "4" names project "x" twice/,
    ],
    ['unclosed quote', (t: string) => t.replace('Сквер', '"Сквер'), /never closed/],
    [
      'no cost column',
      (t: string) => t.replace('project_id;cost;name', 'project_id;price;name'),
      /PROJECTS header has no "cost" column/,
    ],
  ])('refuses %s, naming the line', (_, mutate, message) => {
    expect(broken(mutate)).toThrow(PbParseError);
    expect(broken(mutate)).toThrow(message);
  });
});

describe('writePb', () => {
  it.each(FIXTURES)('round-trips %s', (name) => {
    const pb = parsePb(fixture(name));
    const text = writePb(pb);
    expect(text).not.toContain('\r');
    const again = parsePb(text);
    expect(again.projects).toEqual(pb.projects);
    expect(again.votes).toEqual(pb.votes);
    expect(again.meta['num_votes']).toBe(String(pb.votes.length));
  });

  it('round-trips the real Żoliborz and Katowice files', () => {
    for (const f of ['Poland_Warszawa_2023_Zoliborz.pb', 'Poland_Katowice_2021_Murcki.pb']) {
      const pb = parsePb(pabulib(f));
      expect(parsePb(writePb(pb))).toEqual(pb);
    }
  });

  it('refuses an id the vote column cannot express', () => {
    const pb = parsePb(fixture('skip.pb'));
    pb.projects[0]!.id = 'x,1';
    expect(() => writePb(pb)).toThrow(/contains a comma/);
  });
});

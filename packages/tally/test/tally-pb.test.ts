import { describe, expect, it } from 'vitest';
import { parsePb, runTallyCommand, tallyPb } from '../src/index.js';
import { fixture, pabulib, pabutools } from './helpers.js';

describe('tallyPb greedy on hand-written fixtures', () => {
  it.each([
    // a and b tie on 5 votes: b is cheaper and wins; a (60) then no longer fits, c and d do.
    ['ties.pb', ['b', 'c', 'd']],
    // y does not fit after x; the cheaper z further down is funded.
    ['skip.pb', ['x', 'z']],
    // A zero-vote project ranks last but is funded when money remains (as pabutools greedy).
    ['zero-vote.pb', ['p1', 'p2']],
    ['all-funded.pb', ['3', '2', '1']],
    // t2 has 1 vote, below min_project_score_threshold = 2: not funded although it fits.
    ['threshold.pb', ['t1', 't3']],
    // Ω-1 and park-7 tie on 2 votes; Ω-1 is cheaper. L18/02/VIII (30 900) exceeds the 26 000 left.
    ['ids-crlf.pb', ['Ω-1', 'park-7']],
  ])('%s', (name, expected) => {
    expect(tallyPb(fixture(name), { rule: 'greedy' }).selected).toEqual(expected);
  });
});

describe('real pabulib data', () => {
  it('greedy reproduces the 18 official Żoliborz 2023 winners, in order of votes', () => {
    const text = pabulib('Poland_Warszawa_2023_Zoliborz.pb');
    const official = parsePb(text).projects.filter((p) => p.selected);
    expect(official).toHaveLength(18);
    const { selected } = tallyPb(text, { rule: 'greedy' });
    expect(new Set(selected)).toEqual(new Set(official.map((p) => p.id)));
    expect(selected.slice(0, 5)).toEqual(['525', '685', '735', '1139', '371']);
    // Ties go to the cheaper project here; pabutools' greedy with that tie-break agrees.
    expect([...selected].sort()).toEqual(
      [...pabutools('Poland_Warszawa_2023_Zoliborz.pb', 'greedy_min_cost_tiebreak')].sort(),
    );
  });

  it('MES on Żoliborz stays within the budget (its winners are pinned to pabutools in pabutools.test.ts)', () => {
    const text = pabulib('Poland_Warszawa_2023_Zoliborz.pb');
    const pb = parsePb(text);
    const { selected } = tallyPb(text, { rule: 'mes' });
    const cost = new Map(pb.projects.map((p) => [p.id, p.cost]));
    const spent = selected.reduce((s, id) => s + cost.get(id)!, 0);
    expect(spent).toBeLessThanOrEqual(Number(pb.meta['budget']));
    expect(new Set(selected).size).toBe(selected.length);
  }, 120_000);

  it('refuses the Katowice cumulative ballots with a clear message', () => {
    const text = pabulib('Poland_Katowice_2021_Murcki.pb');
    for (const rule of ['greedy', 'mes'] as const) {
      expect(() => tallyPb(text, { rule })).toThrow(
        'Unsupported vote_type "cumulative": only approval ballots can be tallied',
      );
    }
  });
});

describe('runTallyCommand', () => {
  const read = (path: string) => fixture(path);
  it('prints JSON with ids as strings in order of selection', () => {
    const r = runTallyCommand(['--pb', 'ties.pb', '--rule', 'greedy', '--json'], read);
    expect(r).toEqual({ code: 0, stdout: '{"selected":["b","c","d"]}\n', stderr: '' });
  });
  it('prints one id per line without --json and defaults to greedy', () => {
    expect(runTallyCommand(['--pb', 'skip.pb'], read).stdout).toBe('x\nz\n');
  });
  it('fails with a message for a bad rule, a missing file argument or a bad file', () => {
    expect(runTallyCommand(['--pb', 'skip.pb', '--rule', 'borda'], read)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--rule must be greedy or mes/),
    });
    expect(runTallyCommand([], read)).toMatchObject({ code: 1, stderr: expect.stringMatching(/usage/) });
    const bad = runTallyCommand(
      ['--pb', 'x.pb'],
      () => 'META\nkey;value\nvote_type;cumulative\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n',
    );
    expect(bad).toMatchObject({
      code: 1,
      stderr: 'x.pb: Unsupported vote_type "cumulative": only approval ballots can be tallied\n',
    });
  });
});

describe('tie-break declared by the file', () => {
  const file = (meta: string, extra: (i: number) => string) => `META
key;value
budget;100
vote_type;approval
${meta}
PROJECTS
project_id;cost;submission_order
a;60;${extra(0)}
b;50;${extra(1)}
VOTES
voter_id;vote
1;a
2;b
`;
  it('uses submission_order when the platform exported it, cost then id otherwise', () => {
    // a and b tie on one vote each and cannot both be funded: the tie-break alone decides.
    expect(
      tallyPb(
        file('', () => ''),
        { rule: 'greedy' },
      ).selected,
    ).toEqual(['b']);
    expect(
      tallyPb(
        file('tie_break;submission_order', (i) => String(i + 1)),
        { rule: 'greedy' },
      ).selected,
    ).toEqual(['a']);
    expect(
      tallyPb(
        file('tie_break;submission_order', (i) => String(2 - i)),
        { rule: 'greedy' },
      ).selected,
    ).toEqual(['b']);
    expect(() =>
      tallyPb(
        file('tie_break;submission_order', () => 'x'),
        { rule: 'greedy' },
      ),
    ).toThrow(/submission_order/);
  });
  it('replays a recorded lottery', () => {
    const winners = new Set<string>();
    for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']) {
      const text = file(`tie_break;lottery\ntie_break_seed;${seed}\ntie_break_scope;7`, () => '');
      const once = tallyPb(text, { rule: 'greedy' }).selected;
      expect(tallyPb(text, { rule: 'greedy' }).selected).toEqual(once);
      winners.add(once[0]!);
    }
    expect(winners).toEqual(new Set(['a', 'b']));
  });
});

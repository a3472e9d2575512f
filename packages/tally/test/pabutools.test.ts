import { describe, expect, it } from 'vitest';
import { tallyPb } from '../src/index.js';
import { mesCore } from '../src/core/mes-completion.js';
import { pbCategory } from '../src/pb/tally-pb.js';
import { parsePb } from '../src/pb/parse.js';
import { fixture } from './helpers.js';

/**
 * The engine against pabutools, the pabulib authors' reference implementation: every expected
 * winner comes from `fixtures/pabutools-results.json`, computed outside this repository (see
 * fixtures/README.md). No value in these expectations was produced by this engine.
 */
type Reference = Record<
  'greedy' | 'greedy_min_cost_tiebreak' | 'mes' | 'mes_add1' | 'mes_add1_greedy',
  string[]
>;
const REFERENCE = JSON.parse(fixture('pabutools-results.json')) as Record<string, Reference>;
const INSTANCES = Object.entries(REFERENCE);

/** Winners as a sorted list: pabutools lists them in natural order, not in order of selection. */
const sorted = (ids: string[]) => [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

/** The projects MES itself funded (before the greedy completion), with the given Add1 step. */
function mesProper(text: string, voterBudgetIncrement: number) {
  const pb = parsePb(text);
  const outcome = mesCore(pbCategory(pb, 0), 0, { voterBudgetIncrement });
  return outcome.selected
    .filter((p) => outcome.reasons[p]!.code === 'mes_funded')
    .map((p) => pb.projects[p]!.id);
}

describe('winners equal pabutools’ on the committed pabulib instances', () => {
  it('covers every instance of the reference file', () => {
    expect(INSTANCES.map(([name]) => name)).toContain('Poland_Warszawa_2023_Zoliborz.pb');
  });

  describe.each(INSTANCES)('%s', (name, ref) => {
    const text = fixture(name);

    it('greedy: the winners of pabutools’ greedy, with either tie-break', () => {
      const { selected } = tallyPb(text, { rule: 'greedy' });
      expect(sorted(selected)).toEqual(sorted(ref.greedy));
      expect(sorted(selected)).toEqual(sorted(ref.greedy_min_cost_tiebreak));
    });

    it('mes (the app’s rule): MES + Add1 + greedy completion equals pabutools’', () => {
      const { selected } = tallyPb(text, { rule: 'mes' });
      expect(selected).toHaveLength(new Set(selected).size);
      expect(sorted(selected)).toEqual(sorted(ref.mes_add1_greedy));
    }, 120_000);

    it('plain MES, before any completion, equals pabutools’ method_of_equal_shares', () => {
      expect(sorted(mesProper(text, 0))).toEqual(sorted(ref.mes));
    });

    it('MES with the Add1 budget increase, before greedy completion, equals pabutools’', () => {
      expect(sorted(mesProper(text, 1))).toEqual(sorted(ref.mes_add1));
    }, 120_000);
  });
});

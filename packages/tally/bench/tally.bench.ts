/**
 * Tally benchmark: `pnpm bench:tally`. Each measurement runs in a child process of its own, so the
 * peak RSS reported is that run's alone. Prints a markdown table; writes bench-results/tally.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePb, tally, tallyPb, type TallyRule } from '../src/index.js';
import { machine } from '@bu/testkit';
import { synthesize } from './synth.js';

interface Measure {
  case: string;
  rule: TallyRule;
  voters: number;
  votes: number;
  ms: number;
  peakRssMB: number;
  heapUsedMB: number;
  selected: number;
  mesIncrements?: number[];
}

const ZOLIBORZ = new URL('../test/fixtures/Poland_Warszawa_2023_Zoliborz.pb', import.meta.url);
const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;

function measureOne(kind: string, rule: TallyRule): Measure {
  if (kind === 'zoliborz') {
    const text = readFileSync(ZOLIBORZ, 'utf8');
    const t0 = performance.now();
    const { selected } = tallyPb(text, { rule });
    const ms = performance.now() - t0;
    const votes = parsePb(text).votes.reduce((s, v) => s + v.projectIds.length, 0);
    return {
      case: 'Warszawa 2023 Żoliborz (.pb, parse included)',
      rule,
      voters: 2506,
      votes,
      ms,
      ...mem(),
      selected: selected.length,
    };
  }
  const voters = Number(kind);
  const data = synthesize(voters);
  const t0 = performance.now();
  // Costs are kopiykas, so the MES completion raises budgets by 1 UAH per round.
  const res = tally({ ...data, rule, tieBreak: 'earlier_submission', mes: { voterBudgetIncrement: 100 } });
  const ms = performance.now() - t0;
  return {
    case: `synthetic, 4 categories, 150 projects`,
    rule,
    voters,
    votes: data.votes.voters.length,
    ms,
    ...mem(),
    selected: res.categories.reduce((s, c) => s + c.selected.length, 0),
    ...(rule === 'mes' && { mesIncrements: res.categories.map((c) => c.mes!.increments) }),
  };
}

function mem() {
  return {
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    heapUsedMB: mb(process.memoryUsage().heapUsed),
  };
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  process.stdout.write(JSON.stringify(measureOne(args[1]!, args[2] as TallyRule)));
} else {
  const self = fileURLToPath(import.meta.url);
  const results: Measure[] = [];
  for (const kind of ['zoliborz', '30000', '100000', '300000']) {
    for (const rule of ['greedy', 'mes'] as const) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--one', kind, rule], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const m = JSON.parse(out) as Measure;
      results.push(m);
      process.stderr.write(`${kind} ${rule}: ${m.ms.toFixed(0)} ms\n`);
    }
  }
  const lines = [
    '| case | rule | voters | votes | time, ms | peak RSS, MB | heap used, MB | selected |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.case} | ${r.rule} | ${r.voters} | ${r.votes} | ${r.ms.toFixed(0)} | ${r.peakRssMB} | ${r.heapUsedMB} | ${r.selected} |`,
    ),
  ];
  console.log(lines.join('\n'));
  const dir = new URL('../../../bench-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const env = { ...(await machine()), date: new Date().toISOString() };
  writeFileSync(new URL('tally.json', dir), JSON.stringify({ env, results }, null, 2) + '\n');
  console.log(`\n${env.cores} cores (${env.cpu}), ${env.memoryGiB} GiB, Node ${env.node}`);
}

import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createSigner } from 'fast-jwt';
import { machine, startApiServer, TEST_SECRETS } from '@bu/testkit';
import { benchDatabase, onMachine, updateDocs, writeResult } from './lib.js';
import { PAPER_VOTERS, seedReportEdition, VOTERS } from './report.seed.js';

/**
 * `pnpm bench:report`: the annual report of an Ivano-Frankivsk-size edition (report.seed.ts) on PostgreSQL, through the API. Target: under 500 ms.
 */
async function main() {
  const db = await benchDatabase();
  const server = await startApiServer({ env: { DATABASE_URL: db.url, DEMO_SEED: 'false' }, compiled: true });
  try {
    const { editionId, votes, adminId } = await seedReportEdition(db.url);
    const url = `${server.base}/api/editions/${editionId}/report`;
    // Signed in, so every call is computed afresh: visitors' calls would come from the public cache.
    const sign = createSigner({ key: TEST_SECRETS.JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 });
    // A fresh account is at session version 1; the token needs its own id, as the app's do.
    const authorization = `Bearer ${sign({ sub: adminId, sv: 1, jti: randomUUID() })}`;
    /** 12 calls: the first cold, the median and slowest of the last 10. */
    const measure = async () => {
      const times: number[] = [];
      for (let i = 0; i < 12; i++) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { authorization } });
        if (res.status !== 200) throw new Error(`report: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { voters: number; votes: number };
        times.push(performance.now() - t0);
        if (i === 0) console.log('report of', body.voters, 'voters,', body.votes, 'votes');
      }
      const warm = times.slice(2).sort((a, b) => a - b);
      return { coldMs: times[0]!, medianMs: warm[Math.floor(warm.length / 2)]!, worstMs: warm.at(-1)! };
    };
    const load = () => loadavg()[0]!.toFixed(1);
    const loadBefore = load();
    // Straight after the import, before any ANALYZE: how a report looks on a PostgreSQL without
    // autovacuum (this machine's) or in the minute before autovacuum gets to the new rows.
    const fresh = await measure();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('ANALYZE');
    await c.end();
    const analysed = await measure();
    const loadAfter = load();
    const date = new Date().toISOString().slice(0, 10);
    const m = await machine(db.url);
    writeResult('report', { date, machine: m, votes, load: [loadBefore, loadAfter], fresh, analysed });
    const row = (label: string, r: typeof fresh) =>
      `| ${label} | ${r.coldMs.toFixed(0)} ms | ${r.medianMs.toFixed(0)} ms | ${r.worstMs.toFixed(0)} ms | < 500 ms |`;
    updateDocs(
      'report',
      `### Annual report of an Ivano-Frankivsk-size edition — measured ${date}\n\n\`pnpm bench:report\`: \`GET /api/editions/:id/report\` over HTTP, ${onMachine(m)}, 104 admitted projects, ${VOTERS.toLocaleString('en')} voters, ${votes.toLocaleString('en')} votes (${PAPER_VOTERS.toLocaleString('en')} people at ЦНАП); load average ${loadBefore} at the start, ${loadAfter} at the end.\n\n| planner statistics | first call | median of 10 | slowest of 10 | target |\n| --- | ---: | ---: | ---: | ---: |\n${row('none yet (as imported)', fresh)}\n${row('after ANALYZE', analysed)}`,
    );
    console.log({ load: [loadBefore, loadAfter], fresh, analysed });
  } finally {
    await server.stop();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

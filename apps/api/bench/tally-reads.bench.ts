import { cpus } from 'node:os';
import { createSigner } from 'fast-jwt';
import pg from 'pg';
import { synthesize } from '../../../packages/tally/bench/synth.js';
import { randomUUID } from 'node:crypto';
import { startApiServer, TEST_SECRETS } from '@bu/testkit';
import { benchDatabase, load, updateDocs, writeResult, type LoadResult } from './lib.js';

/**
 * `pnpm bench:tally-reads`: is the catalogue still answered while a city-wide tally runs? One API
 * process on PostgreSQL; an edition the size of Warsaw's (60,000 voters, the tally bench's seeded
 * generator: 4 categories, 150 projects); autocannon on its catalogue for 10 s without a tally, then
 * for 10 s while an admin runs MES tallies back to back. The tally computes on a worker thread.
 */
const VOTERS = 60_000;
const SECONDS = 10;
const CONNECTIONS = 32;

async function seed(url: string) {
  const data = synthesize(VOTERS);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (text: string, values: unknown[] = []) => (await c.query(text, values)).rows;
    const [admin] = await q(
      `insert into users (email, password_hash, full_name, roles) values ('bench-admin@bench.local', '!', 'Bench', '{resident,admin}') returning id`,
    );
    const [e] = await q(
      `insert into editions (title, total_fund, submission_start, submission_end, review_end, voting_start, voting_end, min_voter_age, eligibility, tally_rule, tie_break)
       values ('Bench city', $1, now() - interval '90 days', now() - interval '80 days', now() - interval '70 days', now() - interval '60 days', now() - interval '1 day', 16, 'residents', 'mes', 'earlier_submission') returning id`,
      [data.categories.reduce((s, x) => s + x.fund, 0)],
    );
    const catIds = new Map<string, number>();
    for (const [i, cat] of data.categories.entries()) {
      const [row] = await q(
        `insert into categories (edition_id, name, fund, min_cost, max_cost, max_votes, position) values ($1, $2, $3, 0, $3, 2, $4) returning id`,
        [e.id, `Категорія ${i + 1}`, cat.fund, i],
      );
      catIds.set(cat.id, row.id);
    }
    const projIds = new Map<string, number>();
    for (const p of data.projects) {
      const [row] = await q(
        `insert into projects (edition_id, category_id, author_id, title, summary, description, address, cost_items, total_cost, status, first_submitted_at, last_submitted_at)
         values ($1, $2, $3, $4, 's', 'd', 'a', jsonb_build_array(jsonb_build_object('name', 'Роботи', 'quantity', 1, 'unitCost', $5::int, 'total', $5::int)), $5, 'admitted', now() - interval '85 days' + $6 * interval '1 minute', now()) returning id`,
        [e.id, catIds.get(p.categoryId), admin.id, `Проєкт ${p.id}`, p.cost, p.submittedAt],
      );
      projIds.set(p.id, row.id);
    }
    const voters = await q(
      `insert into voters (key_hash, birth_date, method) select sha256(('bench-tally-' || g)::bytea), date '1980-01-01', 'demo' from generate_series(1, $1) g returning id`,
      [VOTERS],
    );
    const category = new Map(data.projects.map((p) => [p.id, catIds.get(p.categoryId)!]));
    const n = data.votes.voters.length;
    for (let from = 0; from < n; from += 50_000) {
      const to = Math.min(n, from + 50_000);
      const v: number[] = [];
      const p: number[] = [];
      const k: number[] = [];
      for (let i = from; i < to; i++) {
        v.push(voters[Number(data.votes.voters[i])].id);
        p.push(projIds.get(data.votes.projects[i]!)!);
        k.push(category.get(data.votes.projects[i]!)!);
      }
      await q(
        `insert into votes (edition_id, category_id, project_id, voter_id, channel)
         select $1, k, p, v, 'online' from unnest($2::int[], $3::int[], $4::int[]) as t(v, p, k)`,
        [e.id, v, p, k],
      );
    }
    await q('analyze');
    return { editionId: e.id as number, adminId: admin.id as number, votes: n };
  } finally {
    await c.end();
  }
}

async function pgVersion(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query('show server_version');
  await c.end();
  return String(rows[0].server_version).split(' ')[0];
}

async function main() {
  const db = await benchDatabase();
  // The schema must exist before seeding: the server migrates at start, and is healthy after.
  const server = await startApiServer({ env: { DATABASE_URL: db.url }, timeoutMs: 600_000, compiled: true });
  try {
    const { editionId, adminId, votes } = await seed(db.url);
    // A fresh account is at session version 1; the token needs its own id, as the app's do.
    const token = createSigner({ key: TEST_SECRETS.JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 })({
      sub: adminId,
      sv: 1,
      jti: randomUUID(),
    });
    const url = `${server.base}/api/editions/${editionId}/projects`;
    const tally = async () => {
      const t0 = performance.now();
      const res = await fetch(`${server.base}/api/editions/${editionId}/tally`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rule: 'mes' }),
      });
      if (res.status !== 200) throw new Error(`tally answered ${res.status}: ${await res.text()}`);
      return performance.now() - t0;
    };
    // Warm-up: the worker's first start, the plans, the catalogue's cache.
    const alone = await tally();
    await load({ url, connections: CONNECTIONS, duration: 2 });

    const quiet = await load({ url, connections: CONNECTIONS, duration: SECONDS });
    let running = true;
    const tallies: number[] = [];
    const loop = (async () => {
      while (running) tallies.push(await tally());
    })();
    const during = await load({ url, connections: CONNECTIONS, duration: SECONDS });
    running = false;
    await loop;

    const env = {
      node: process.version,
      postgres: await pgVersion(db.url),
      cores: cpus().length,
      date: new Date().toISOString().slice(0, 10),
    };
    const mean = tallies.reduce((a, b) => a + b, 0) / tallies.length;
    writeResult('tally-reads', { env, voters: VOTERS, votes, aloneMs: alone, tallies, quiet, during });
    const row = (name: string, r: LoadResult) =>
      `| ${name} | ${r.requestsPerSecond.toLocaleString('en')} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors + r.non2xx} |`;
    console.log({ alone, tallies, quiet, during });
    updateDocs(
      'tally-reads',
      `### Reads during a city-wide tally — measured ${env.date}

\`pnpm bench:tally-reads\`: one compiled API process on PostgreSQL ${env.postgres}, Node ${env.node}, ${env.cores} cores; an edition of ${VOTERS.toLocaleString('en')} voters and ${votes.toLocaleString('en')} votes (the tally bench's generator: 4 categories, 150 projects); autocannon on its catalogue (\`GET /api/editions/:id/projects\`), ${CONNECTIONS} connections, ${SECONDS} s, first with no tally, then while an admin runs MES tallies back to back (${tallies.length} completed, ${Math.round(mean).toLocaleString('en')} ms each on average as the admin sees it: read, compute on a worker thread, store; ${Math.round(alone).toLocaleString('en')} ms alone).

| catalogue | req/s | p50 ms | p99 ms | errors |
| --- | ---: | ---: | ---: | ---: |
${row('no tally', quiet)}
${row('during tallies', during)}`,
    );
  } finally {
    await server.stop();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { openPostgres, schema, type Db } from '../src/db/client.js';
import { reportService } from '../src/modules/report/report.service.js';
import { editionStats } from '../src/modules/results/stats.repository.js';
import { benchDatabase } from './lib.js';
import { seedReportEdition } from './report.seed.js';

/**
 * `pnpm bench:report-profile`: every query the annual report (and the public statistics) make on the
 * bench:report edition, each under `EXPLAIN (ANALYZE, BUFFERS)`, slowest first. KEEP=1 keeps the
 * database and prints its URL; PLANS=1 prints the plans too; ANALYZE=1 gathers planner statistics
 * after seeding.
 */
async function main() {
  const bench = await benchDatabase();
  const database = openPostgres({ url: bench.url });
  try {
    await database.migrate();
    const { editionId } = await seedReportEdition(bench.url);
    // As autovacuum would soon after the import; this machine's PostgreSQL runs without it.
    if (process.env.ANALYZE) await database.db.execute(sql`ANALYZE`);
    const pool = new pg.Pool({ connectionString: bench.url, max: 10 });
    const seen: { sql: string; params: unknown[]; from: string }[] = [];
    let from = '';
    const db = drizzle(pool, {
      schema,
      logger: { logQuery: (sql, params) => void seen.push({ sql, params, from }) },
    }) as unknown as Db;
    const runs: Record<string, number[]> = { report: [], stats: [] };
    for (let i = 0; i < 7; i++) {
      from = 'report';
      let t0 = performance.now();
      await reportService(db).document(editionId);
      runs.report!.push(performance.now() - t0);
      from = 'stats';
      t0 = performance.now();
      await editionStats(db, editionId);
      runs.stats!.push(performance.now() - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
    console.log(
      `whole report: median ${median(runs.report!)} ms; statistics: ${median(runs.stats!)} ms (7 runs)`,
    );
    const unique = new Map<string, (typeof seen)[number]>();
    for (const q of seen) if (!unique.has(q.sql)) unique.set(q.sql, q);
    const rows: { ms: number; from: string; sql: string; plan: string }[] = [];
    for (const q of unique.values()) {
      // The query's own time (EXPLAIN ANALYZE's clock reading per row inflates large plans).
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await pool.query(q.sql, q.params);
        times.push(performance.now() - t0);
      }
      const r = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
      const plan = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
      rows.push({
        ms: Number(median(times)),
        from: q.from,
        sql: q.sql.replace(/\s+/g, ' ').slice(0, 150),
        plan,
      });
    }
    rows.sort((a, b) => b.ms - a.ms);
    for (const r of rows) {
      console.log(`${String(r.ms).padStart(7)} ms  [${r.from}] ${r.sql}`);
      if (process.env.PLANS) console.log(r.plan.replace(/^/gm, '        '), '\n');
    }
    await pool.end();
  } finally {
    await database.close();
    if (process.env.KEEP) console.log('kept', bench.url);
    else await bench.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

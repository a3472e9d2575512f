import { machine, startApiServer } from '@bu/testkit';
import { benchDatabase, load, onMachine, updateDocs, writeResult } from './lib.js';

/**
 * `pnpm bench:reads`: the pages everyone opens on the last day — the edition, the catalogue and the
 * published results — on PostgreSQL with the demo data, at 32 connections, 10 s each.
 */
async function main() {
  const db = await benchDatabase();
  const server = await startApiServer({ env: { DATABASE_URL: db.url, DEMO_SEED: 'true' }, compiled: true });
  try {
    const m = await machine(db.url);
    const { editions } = (await (await fetch(`${server.base}/api/editions`)).json()) as {
      editions: { id: number; title: string; phase: string; resultsPublishedAt: string | null }[];
    };
    // The demo's city edition in voting, and last year's with published results.
    const current = editions.find((e) => e.phase === 'voting')!;
    const past = editions.find((e) => e.resultsPublishedAt !== null)!;
    const targets = {
      edition: `/api/editions/${current.id}`,
      catalogue: `/api/editions/${current.id}/projects`,
      results: `/api/editions/${past.id}/results`,
    };
    const out: Record<string, unknown> = {};
    const rows: string[] = [];
    for (const [name, path] of Object.entries(targets)) {
      const r = await load({ url: `${server.base}${path}`, connections: 32, duration: 10 });
      out[name] = { path, ...r };
      rows.push(
        `| ${name} | \`${path}\` | ${r.requestsPerSecond.toLocaleString('en')} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx + r.errors} |`,
      );
      console.log(name, r);
    }
    const date = new Date().toISOString().slice(0, 10);
    writeResult('reads', { date, machine: m, connections: 32, durationSeconds: 10, ...out });
    updateDocs(
      'reads',
      `### Reads under load — measured ${date}\n\n\`pnpm bench:reads\`: one compiled API process (\`dist/server.js\`, as \`pnpm start\` runs it) with the demo data, ${onMachine(m)}, autocannon on the same machine, 32 connections, 10 s per page. Visitor reads are served from the in-process public cache (invalidated on every write; 2 s TTL across processes).\n\n| page | path | req/s | p50 ms | p99 ms | errors |\n| --- | --- | ---: | ---: | ---: | ---: |\n${rows.join('\n')}\n\nTarget: ≥ 5,000 req/s for the catalogue.`,
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

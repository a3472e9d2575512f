import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, startApiServer } from '@bu/testkit';
import { benchDatabase, load, onMachine, updateDocs } from './lib.js';
import { seedVoters } from './votes.seed.js';

/**
 * `pnpm --filter @bu/api bench:profile-votes`: where a vote's CPU goes in the API process. Runs the
 * server under --cpu-prof with 32 connections of votes for 8 s, then sums self time by area.
 */
const AREAS: [string, RegExp][] = [
  ['database driver (pg)', /node_modules\/(\.pnpm\/)?[^/]*\/?node_modules\/pg(-[a-z]+)?\//],
  ['ORM (drizzle)', /drizzle-orm/],
  ['validation and serialisation (zod)', /node_modules\/.*\/zod\/|fastify-type-provider-zod/],
  ['JWT (fast-jwt)', /fast-jwt|@fastify\/jwt/],
  ['security headers (helmet)', /helmet/],
  [
    'Fastify core',
    /node_modules\/.*\/(fastify|find-my-way|light-my-request|avvio|fast-json-stringify|secure-json-parse|@fastify\/(ajv|error|proxy-addr|forwarded|merge-json-schemas))\//,
  ],
  ['logging (pino)', /pino/],
  ['application code', /apps\/api\/src\//],
  ['Node HTTP, net and streams', /^node:/],
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bu-prof-'));
  let loadLine: string;
  const db = await benchDatabase();
  const server = await startApiServer({
    env: { DATABASE_URL: db.url, IDENTITY_MODE: 'oidc' },
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  const m = await machine(db.url);
  try {
    const f = await seedVoters(db.url, 30_000);
    let k = 0;
    const r = await load({
      url: `${server.base}/api/editions/${f.editionId}/votes`,
      connections: 32,
      duration: 8,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest(req) {
            const i = k++;
            const voter = i % f.tokens.length;
            const projectId = f.projects[Math.floor(i / f.tokens.length)]![voter % 10]!;
            return {
              ...req,
              headers: { ...req.headers, authorization: `Bearer ${f.tokens[voter]}` },
              body: JSON.stringify({ projectIds: [projectId] }),
            };
          },
        },
      ],
    });
    console.log('load', r);
    loadLine = `${r.requestsPerSecond.toLocaleString('en')} votes/s, p99 ${r.p99Ms} ms`;
  } finally {
    await server.stop();
    await db.drop();
  }
  const file = readdirSync(dir).find((n) => n.endsWith('.cpuprofile'))!;
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string }; hitCount: number }[];
  };
  const total = prof.nodes.reduce((s, n) => s + n.hitCount, 0);
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const n of prof.nodes) {
    const url = n.callFrame.url;
    const area =
      url === ''
        ? n.callFrame.functionName === '(idle)'
          ? 'idle'
          : n.callFrame.functionName === '(garbage collector)'
            ? 'garbage collection'
            : 'native / other'
        : (AREAS.find(([, re]) => re.test(url))?.[0] ?? 'other JavaScript');
    byArea.set(area, (byArea.get(area) ?? 0) + n.hitCount);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*apps\/api\//, '')}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + n.hitCount);
  }
  const pct = (n: number) => `${((n / total) * 100).toFixed(1)} %`;
  const areas = [...byArea].sort((x, y) => y[1] - x[1]).map(([a, n]) => `| ${a} | ${pct(n)} |`);
  const top = [...byFn]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 12)
    .map(([fn, n]) => `| ${pct(n)} | \`${fn.trim().replaceAll('|', '/')}\` |`);
  const md = `### Where a vote's CPU goes in the API process — measured ${new Date().toISOString().slice(0, 10)}\n\n\`pnpm --filter @bu/api bench:profile-votes\`: the server under \`--cpu-prof\`, 32 connections of votes for 8 s, ${onMachine(m)} (${loadLine}); self time summed by area. "native" is mostly \`writev\`, the socket write of HTTP answers and of queries to PostgreSQL; "idle" is time the API waited (for PostgreSQL, or for the CPU the database and the load generator were using).\n\n| area | share of samples |\n| --- | ---: |\n${areas.join('\n')}\n\n| self time | top functions |\n| ---: | --- |\n${top.join('\n')}`;
  console.log(md);
  updateDocs('profile', md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDatabase, load, startServer } from './lib.js';
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
  ['Fastify core', /node_modules\/.*\/(fastify|find-my-way|light-my-request|avvio|fast-json-stringify|secure-json-parse|@fastify\/(ajv|error|proxy-addr|forwarded|merge-json-schemas))\//],
  ['logging (pino)', /pino/],
  ['application code', /apps\/api\/src\//],
  ['Node HTTP, net and streams', /^node:/],
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bu-prof-'));
  const db = await benchDatabase();
  const server = await startServer({ DATABASE_URL: db.url, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
  try {
    const f = await seedVoters(db.url, 30_000);
    let k = 0;
    const r = await load({
      url: `${server.url}/api/editions/${f.editionId}/votes`,
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
            return { ...req, headers: { ...req.headers, authorization: `Bearer ${f.tokens[voter]}` }, body: JSON.stringify({ projectIds: [projectId] }) };
          },
        },
      ],
    });
    console.log('load', r);
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
    const area = url === '' ? (n.callFrame.functionName === '(idle)' ? 'idle' : n.callFrame.functionName === '(garbage collector)' ? 'garbage collection' : 'native / other') : (AREAS.find(([, re]) => re.test(url))?.[0] ?? 'other JavaScript');
    byArea.set(area, (byArea.get(area) ?? 0) + n.hitCount);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*apps\/api\//, '')}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + n.hitCount);
  }
  const pct = (n: number) => `${((n / total) * 100).toFixed(1)} %`;
  console.log('\n| area | share of API process samples |\n| --- | ---: |');
  for (const [a, n] of [...byArea].sort((x, y) => y[1] - x[1])) console.log(`| ${a} | ${pct(n)} |`);
  console.log('\nTop functions by self time:');
  for (const [fn, n] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, 20)) console.log(`${pct(n).padStart(7)}  ${fn}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { throwawayDatabase, type Machine } from '@bu/testkit';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A fresh database on the PostgreSQL of DATABASE_URL (default: this machine's), dropped afterwards. */
export function benchDatabase() {
  return throwawayDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test', 'bu_bench');
}

/** "PostgreSQL 16.4 on this 2-core machine (Node v20.19.0)", from what the run really used. */
export const onMachine = (m: Machine) =>
  `PostgreSQL ${m.postgres ?? '(unknown)'} on this ${m.cores}-core machine (Node ${m.node})`;

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  total: number;
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ duration: 10, ...opts });
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

export function writeResult(name: string, data: unknown) {
  mkdirSync(`${ROOT}bench-results`, { recursive: true });
  writeFileSync(`${ROOT}bench-results/${name}.json`, JSON.stringify(data, null, 2) + '\n');
}

/** Replaces the block between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` in docs/benchmarks.md. */
export function updateDocs(name: string, markdown: string) {
  const file = `${ROOT}docs/benchmarks.md`;
  const doc = readFileSync(file, 'utf8');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(file, re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`);
  // Formatted as `pnpm lint` expects (tables aligned), with the repository's own Prettier.
  execFileSync(`${ROOT}node_modules/.bin/prettier`, ['--write', '--log-level=warn', file], {
    stdio: 'inherit',
  });
}

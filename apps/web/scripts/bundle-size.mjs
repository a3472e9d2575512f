#!/usr/bin/env node
// Prints the gzipped size of what a first visit downloads: the files index.html loads directly
// (entry script, stylesheets, modulepreloads), not the lazy chunks such as the admin pages.
// Budget (docs/benchmarks.md, "Web bundle"): 200 KB; exits 1 above it so CI can hold the line.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 200;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('apps/web/dist/index.html is missing: run `pnpm --filter @bu/web build` first.');
  process.exit(2);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.(?:js|css))"/g))
  initial.add(m[1]);

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';

let total = gz('index.html');
console.log(`initial load (gzipped)\n${kb(total)}  index.html`);
for (const f of initial) {
  const size = gz(f);
  total += size;
  console.log(`${kb(size)}  ${f}`);
}
console.log(`${kb(total)}  total (budget ${BUDGET_KB} KB)`);

const lazy = readdirSync(join(dist, 'assets'))
  .map((f) => `assets/${f}`)
  .filter((f) => /\.(js|css)$/.test(f) && !initial.has(f));
if (lazy.length) {
  console.log('\nloaded on demand (gzipped)');
  for (const f of lazy) console.log(`${kb(gz(f))}  ${f}`);
}

if (total > BUDGET_KB * 1024) {
  console.error(`\nThe initial bundle is over budget: ${(total / 1024).toFixed(1)} KB > ${BUDGET_KB} KB.`);
  process.exit(1);
}

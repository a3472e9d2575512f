#!/usr/bin/env node
// The API's production build: esbuild bundles src/server.ts, src/cli/index.ts and every
// src/**/*.worker.ts into dist/ as plain ES modules that run with `node`, no tsx. The workspace
// packages (@bu/shared, @bu/tally) export TypeScript source, so they are bundled in; everything
// else in node_modules stays external and is installed as usual (`pnpm deploy --prod`). The SQL
// migrations are copied to dist/migrations, so dist/ plus node_modules is all a server needs.
//
//   node scripts/build.mjs              build
//   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than its inputs
//
// Progress goes to stderr: `pnpm cli … --json` builds through this and its stdout must stay JSON.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const api = fileURLToPath(new URL('..', import.meta.url));
const root = join(api, '../..');
const dist = join(api, 'dist');
const src = join(api, 'src');
const migrations = join(root, 'migrations');
/** Written last by a build: its time is the build's. */
const stamp = join(dist, '.built');

/** Everything whose change calls for a new build. */
const inputs = [
  src,
  join(root, 'packages/shared/src'),
  join(root, 'packages/tally/src'),
  migrations,
  join(api, 'package.json'),
  fileURLToPath(import.meta.url),
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let n = s.mtimeMs;
  for (const name of readdirSync(path))
    if (name !== 'node_modules') n = Math.max(n, newest(join(path, name)));
  return n;
}

function files(dir, test) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p, test) : test(e.name) ? [p] : [];
  });
}

/**
 * True when dist/ must be (re)built. A deployed copy has dist/ and no src/: never stale, so the
 * production image never tries to build (esbuild is a dev dependency and is not there).
 */
export function isStale() {
  if (!existsSync(stamp)) return true;
  if (!existsSync(src)) return false;
  return statSync(stamp).mtimeMs < Math.max(...inputs.map(newest));
}

/** Writes through a temporary name and a rename, so a process starting meanwhile never reads half a file. */
function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/**
 * Bundles the entries and every `*.worker.ts` under `srcDir` into `outDir`. The defaults are the
 * API's; the tests pass a fixture folder to check how workers are laid out.
 */
export async function build({
  srcDir = src,
  outDir = dist,
  entries = { server: 'server.ts', cli: 'cli/index.ts' },
  withMigrations = true,
  log = (m) => process.stderr.write(`${m}\n`),
} = {}) {
  const started = Date.now();
  const { build: esbuild } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(api, 'package.json'), 'utf8'));

  // Workers are flattened into outDir beside server.js and cli.js, so that
  // `new URL('./x.worker.js', import.meta.url)` in bundled code names them (see src/shared/worker.ts).
  const entryPoints = Object.fromEntries(
    Object.entries(entries).map(([name, file]) => [name, join(srcDir, file)]),
  );
  for (const worker of files(srcDir, (n) => n.endsWith('.worker.ts'))) {
    const name = basename(worker, '.ts');
    if (entryPoints[name])
      throw new Error(`Two entries would be ${name}.js: rename ${relative(srcDir, worker)}`);
    entryPoints[name] = worker;
  }

  const result = await esbuild({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // node_modules stay external (installed in production), except the workspace's TypeScript packages.
    external: Object.keys(pkg.dependencies ?? {}).filter((name) => !name.startsWith('@bu/')),
    write: false,
    logLevel: 'warning',
    legalComments: 'none',
  });

  const marker = join(outDir, '.built');
  const written = new Set([marker]);
  for (const file of result.outputFiles) {
    writeAtomic(file.path, file.contents);
    written.add(file.path);
  }
  if (withMigrations) {
    for (const file of files(migrations, () => true)) {
      const to = join(outDir, 'migrations', relative(migrations, file));
      mkdirSync(dirname(to), { recursive: true });
      const tmp = `${to}.${process.pid}.tmp`;
      copyFileSync(file, tmp);
      renameSync(tmp, to);
      written.add(to);
    }
  }
  // A renamed or deleted worker or migration must not linger in outDir.
  for (const file of files(outDir, (n) => !n.endsWith('.tmp'))) if (!written.has(file)) rmSync(file);
  writeAtomic(marker, `${new Date().toISOString()}\n`);
  log(
    `Built ${relative(root, outDir)} (${Object.keys(entryPoints).join(', ')}) in ${Date.now() - started} ms`,
  );
}

/** Builds when stale; returns whether it built. */
export async function ensureBuilt(options) {
  if (!isStale()) return false;
  await build(options);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    if (ifStale) await ensureBuilt();
    else await build();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  }
}

#!/usr/bin/env node
// `pnpm start`: build what is missing or older than its sources (the web app with Vite, the API with
// esbuild), then run the compiled server (apps/api/dist/server.js) in this process with plain node:
// no TypeScript at run time. The API and the built web app share one port. Configuration is the
// environment (see README and .env.example).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'apps/web');
const api = join(root, 'apps/api');
const built = join(web, 'dist/index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(
    s.mtimeMs,
    ...readdirSync(path)
      .filter((n) => n !== 'node_modules')
      .map((n) => newest(join(path, n))),
  );
}

const sources = Math.max(
  newest(join(web, 'src')),
  newest(join(web, 'public')),
  newest(join(web, 'index.html')),
  newest(join(web, 'vite.config.ts')),
  newest(join(web, 'build')),
  newest(join(root, 'packages/shared/src')),
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building the web app…');
  const pnpm = process.env.npm_execpath;
  const cmd = pnpm ? process.execPath : 'npx';
  const args = pnpm
    ? [pnpm, '--filter', '@bu/web', 'build']
    : ['--yes', 'pnpm@10.34.9', '--filter', '@bu/web', 'build'];
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { ensureBuilt } = await import(pathToFileURL(join(api, 'scripts/build.mjs')).href);
await ensureBuilt();

process.env.WEB_DIST ??= join(web, 'dist');
process.env.DATA_DIR ??= join(root, 'data');
await import(pathToFileURL(join(api, 'dist/server.js')).href);

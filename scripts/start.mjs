#!/usr/bin/env node
// `pnpm start`: build the web app if it is missing or older than its sources, then serve the API and
// the built web app on one port. Configuration is the environment (see README and .env.example).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'apps/web');
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
  newest(join(web, 'index.html')),
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

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: join(root, 'apps/api'),
  stdio: 'inherit',
  env: {
    ...process.env,
    WEB_DIST: process.env.WEB_DIST ?? join(web, 'dist'),
    DATA_DIR: process.env.DATA_DIR ?? join(root, 'data'),
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromiumPath, resultsDir, sharedSrc, webDist, webRoot } from './support/paths';

/** Newest modification time under the given files and folders (node_modules excluded). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') visit(join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/**
 * Runs once before the browser tests: they need a real Chromium (Debian's, never a downloaded one)
 * and the built web app, which the API serves from WEB_DIST. A missing browser fails the run loudly:
 * skipped browser tests would pass for the wrong reason.
 */
export default function setup() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it with "apt-get install -y chromium" ` +
        `or point CHROMIUM_PATH at a Chromium binary. The browser tests do not skip.`,
    );
  }
  mkdirSync(resultsDir, { recursive: true });

  const sources = ['src', 'public', 'build', 'index.html', 'vite.config.ts', 'package.json'].map((p) =>
    join(webRoot, p),
  );
  const built = join(webDist, 'index.html');
  const stale = !existsSync(built) || statSync(built).mtimeMs < newestMtime([...sources, sharedSrc]);
  if (!stale) return;

  const require = createRequire(join(webRoot, 'package.json'));
  const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  console.log('[e2e] building apps/web (dist missing or older than the sources)…');
  // vitest sets NODE_ENV=test, which would give React's development build: build as `pnpm build` does.
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: webRoot,
    env,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from the URL of its compiled file, written next to the code that starts it:
 * `startWorker(new URL('./tally.worker.js', import.meta.url))`.
 *
 * - Compiled (`pnpm build`): the caller is bundled into `dist/server.js` (or `dist/cli.js`) and every
 *   `src/**\/*.worker.ts` is emitted as `dist/<name>.worker.js` beside it, so the URL names a real file.
 * - From source (`pnpm dev` under tsx, tests under vitest): the URL names a `.js` file that does not
 *   exist, and a worker thread does not inherit tsx's loader hooks on Node 20, so the `.ts` beside it
 *   is loaded through tsx's API inside the new thread. tsx is a dev dependency: this path never runs
 *   in production, where the compiled file is always there.
 * Worker file names are unique across src/ because the build flattens them into dist/.
 */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.js'))
    throw new Error(`startWorker expects the compiled .js URL, got ${url.href}`);
  if (existsSync(fileURLToPath(url))) return new Worker(url, options);
  const source = new URL(url.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(source)))
    throw new Error(`No worker at ${fileURLToPath(url)} or its .ts source`);
  // Resolved here, from @bu/api's own dependencies: the eval'd bootstrap would resolve from the cwd.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

/** apps/api: the server is started from there so that `--import tsx` resolves from its dependencies. */
export const API_ROOT = fileURLToPath(new URL('../../../apps/api/', import.meta.url));
const ENTRY = 'src/server.ts';
/** What `pnpm start` runs: the esbuild bundle, with plain node. */
const COMPILED_ENTRY = 'dist/server.js';

/** Secrets of test and bench servers: long enough for the config, useless anywhere else. */
export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
  VOTER_KEY_SECRET: 'test-voter-key-secret-long-enough-0123456789',
} as const;

export interface StartApiOptions {
  /** Laid over the defaults below and the caller's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** A port chosen by the caller (to restart a server on the same address); else a free one. */
  port?: number;
  /** Node flags before the entry, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** `inherit` shows the server's log; `capture` keeps its tail for the error if it fails to start. */
  output?: 'inherit' | 'capture';
  timeoutMs?: number;
  /**
   * Run the compiled server production runs (`dist/server.js`, plain node), building it first when
   * it is missing or older than its sources; benchmarks measure this. Tests run the TypeScript.
   */
  compiled?: boolean;
}

export interface ApiServer {
  base: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code once the process has gone. */
  exited: Promise<number | null>;
  /** The last 20 kB the server printed (with `output: 'capture'`). */
  output(): string;
  /** Sends `signal` (SIGTERM by default) and waits for the exit, sending SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

/**
 * The real server (`apps/api/src/server.ts`, or its build with `compiled`) in a child process, configured as `pnpm start` would be
 * by environment only, and healthy (`/api/health` 200) when this resolves. Defaults suit tests: demo
 * identity, no demo seed, no rate limits, quiet logs, and neither the shell's DATABASE_URL nor
 * vitest's NODE_ENV leaking in.
 */
export async function startApiServer(opts: StartApiOptions = {}): Promise<ApiServer> {
  const port = opts.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const layered: Record<string, string | undefined> = {
    ...TEST_SECRETS,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'off',
    DEMO_SEED: 'false',
    IDENTITY_MODE: 'demo',
    ...opts.env,
  };
  for (const [k, v] of Object.entries(layered)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const capture = opts.output === 'capture';
  if (opts.compiled)
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: API_ROOT, stdio: 'inherit' });
  const entry = opts.compiled ? [COMPILED_ENTRY] : ['--import', 'tsx', ENTRY];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: API_ROOT,
    env,
    stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
  });
  let printed = '';
  const keep = (b: Buffer) => {
    printed = (printed + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  const server: ApiServer = {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    exited,
    output: () => printed,
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (gone()) return exited;
      child.kill(signal);
      const timer = setTimeout(() => !gone() && child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  try {
    await waitForHealth(server.base, opts.timeoutMs ?? 120_000, () => {
      if (gone()) throw new Error(`the API server exited (${child.exitCode ?? child.signalCode}) early`);
    });
  } catch (e) {
    await server.stop('SIGKILL');
    const tail = capture && printed ? `:\n${printed}` : '';
    throw new Error(`${(e as Error).message}${tail}`, { cause: e });
  }
  return server;
}

/** Polls `base/api/health` until it answers 200; `check` may throw to give up early. */
// Generous: a fresh server migrates its database first (PGlite is WASM), and machines can be busy.
export async function waitForHealth(base: string, timeoutMs = 120_000, check: () => void = () => {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    check();
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false, // not listening yet
    );
    if (ok) return;
    if (Date.now() > until)
      throw new Error(`the API at ${base} was not healthy within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
  VOTER_KEY_SECRET: 'test-voter-key-secret-long-enough-0123456789',
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// Generous: a fresh server migrates its database first, and CI machines can be busy.
export async function waitForHealth(base: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`API at ${base} did not become healthy`);
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has gone. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** What the process wrote to stdout and stderr so far (with `capture`; empty otherwise). */
  output(): string;
}

/** The real server (`src/server.ts`) in a child process, as production runs it. */
export async function startServerProcess(
  env: Record<string, string>,
  port?: number,
  opts: { capture?: boolean; healthTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      ...TEST_SECRETS,
      RATE_LIMITS: 'off',
      DEMO_SEED: 'false',
      IDENTITY_MODE: 'demo',
      HOST: '127.0.0.1',
      PORT: String(p),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', opts.capture ? 'pipe' : 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${p}`;
  try {
    await Promise.race([
      waitForHealth(base, opts.healthTimeoutMs),
      exited.then((c) => Promise.reject(new Error(`server exited early with ${c}: ${output}`))),
    ]);
  } catch (e) {
    // A server that never became healthy must not outlive the test that started it.
    if (child.exitCode === null) child.kill('SIGKILL');
    throw e;
  }
  return {
    base,
    child,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    output: () => output,
  };
}

import { afterAll, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import { createTestDatabase } from '../test/helpers.js';
import { startApiServer } from '@bu/testkit';
import { ballots, checkNothingLost, seed, vote, type Ack } from '../test/crash-support.js';

/**
 * Crash safety (docs/rules.md §3), for real: the PostgreSQL server itself is restarted while votes stream in. It runs
 * on its own (`pnpm --filter @bu/api test:pg-restart`, called by .ci/run after the suites), because a
 * restart would break every other test file using the same server at that moment.
 */
const RESTART = process.env.PG_RESTART_CMD;
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
});

describe('PostgreSQL restarted under load', () => {
  it('answers 503 while it is down, recovers by itself, and loses no acknowledged vote', async () => {
    expect(
      process.env.TEST_DATABASE_URL,
      'TEST_DATABASE_URL must name the PostgreSQL to restart',
    ).toBeTruthy();
    expect(RESTART, 'PG_RESTART_CMD must say how to restart it').toBeTruthy();
    const database = await createTestDatabase();
    cleanup.push(() => database.dispose());
    const f = await seed(database);
    const server = await startApiServer({ env: { DATABASE_URL: database.url!, LOG_LEVEL: 'error' } });
    cleanup.push(() => server.stop('SIGKILL'));

    const acked: Ack[] = [];
    const seen = new Map<number, number>();
    const queue = ballots(f);
    let running = true;
    const workers = Array.from({ length: 4 }, async () => {
      for (let next = queue.next(); !next.done && running; next = queue.next()) {
        const status = await vote(server.base, f, next.value.v, next.value.projectId);
        seen.set(status, (seen.get(status) ?? 0) + 1);
        if (status === 201) acked.push({ voterId: next.value.v.voterId, projectId: next.value.projectId });
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    execSync(RESTART!, { stdio: 'inherit' });
    // It recovers by itself: the API is never restarted.
    const until = Date.now() + 30_000;
    while (Date.now() < until && (await fetch(`${server.base}/api/health`)).status !== 200)
      await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(workers);
    const next = queue.next().value!;
    expect(await vote(server.base, f, next.v, next.projectId)).toBe(201);
    acked.push({ voterId: next.v.voterId, projectId: next.projectId });

    // Only 201 and 503: a refused vote while the database was down is a retryable 503, never a 500.
    expect(
      [...seen.keys()].filter((s) => s !== 201 && s !== 503),
      JSON.stringify([...seen]),
    ).toEqual([]);
    await checkNothingLost(database, acked);
  }, 90_000);
});

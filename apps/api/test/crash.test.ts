import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type Database } from '../src/db/client.js';
import { createTestDatabase, TEST_DATABASE_URL } from './helpers.js';
import { freePort, startApiServer, type ApiServer } from '@bu/testkit';
import { ballots, checkNothingLost, relay, seed, vote, type Ack } from './crash-support.js';

/**
 * docs/rules.md §3: no acknowledged vote is ever lost. The real server runs in a child process on a
 * database on disk (PostgreSQL when TEST_DATABASE_URL is set, else embedded PGlite in a DATA_DIR).
 */
/** A database the child server can share: PostgreSQL, or a PGlite folder opened by one process at a time. */
async function prepare(): Promise<{
  database: Database;
  env: Record<string, string>;
  release?: () => Promise<void>;
  reopen: () => Promise<Database>;
  close: () => Promise<void>;
}> {
  if (TEST_DATABASE_URL) {
    const database = await createTestDatabase();
    return {
      database,
      env: { DATABASE_URL: database.url! },
      reopen: () => Promise.resolve(database),
      close: () => database.dispose(),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'bu-crash-'));
  let database = await openPglite(dataDir);
  await database.migrate();
  return {
    database,
    env: { DATA_DIR: dataDir },
    // PGlite is single-process: the test lets go of the folder while the server holds it.
    release: () => database.close(),
    reopen: async () => (database = await openPglite(dataDir)),
    close: () => database.close(),
  };
}

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
});

describe(`crash safety (${TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps every acknowledged vote through a SIGKILL of the API in the middle of a stream', async () => {
    const db = await prepare();
    cleanup.push(db.close);
    const f = await seed(db.database);
    await db.release?.();
    const port = await freePort();
    let server: ApiServer = await startApiServer({ env: db.env, port });
    cleanup.push(() => server.stop('SIGKILL'));
    const acked: Ack[] = [];
    const queue = ballots(f);
    let killed = false;
    const refusedAfterKill: number[] = [];
    // Eight votes in flight at all times; the API is killed after 120 acknowledgements.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.next(); !next.done && !killed; next = queue.next()) {
          const status = await vote(server.base, f, next.value.v, next.value.projectId);
          if (status === 201) acked.push({ voterId: next.value.v.voterId, projectId: next.value.projectId });
          if (killed) refusedAfterKill.push(status);
          if (acked.length >= 120 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        }
      }),
    );
    await server.exited;
    expect(acked.length).toBeGreaterThanOrEqual(120);
    // The other seven workers had one vote each in flight when the kill came. Each got exactly one
    // outcome: acknowledged just before the process died (201, then it is in `acked` and must be
    // stored), or cut off (0: no answer, so not acknowledged). A dying server never answers with
    // an error that could be mistaken for a decision, and nothing is sent after the kill.
    expect(refusedAfterKill).toHaveLength(7);
    expect(
      refusedAfterKill.every((s) => s === 0 || s === 201),
      `statuses after the kill: ${refusedAfterKill.join(', ')}`,
    ).toBe(true);

    // Restarted on the same port and data, it recovers and takes votes again.
    server = await startApiServer({ env: db.env, port });
    const more = queue.next().value!;
    expect(await vote(server.base, f, more.v, more.projectId)).toBe(201);
    acked.push({ voterId: more.v.voterId, projectId: more.projectId });
    expect(await server.stop('SIGTERM')).toBe(0);

    const database = await db.reopen();
    await checkNothingLost(database, acked);
    // Real processes start, die and start again: slow when the suite runs beside it.
  }, 180_000);

  it('drains in-flight requests on SIGTERM and exits cleanly', async () => {
    const db = await prepare();
    cleanup.push(db.close);
    const f = await seed(db.database);
    await db.release?.();
    const server = await startApiServer({ env: db.env });
    const sent = [...ballots(f)].slice(0, 60);
    // SIGTERM as soon as the first vote is answered, with the rest of the burst in flight.
    let code: Promise<number | null> | undefined;
    const pending = sent.map(async (b) => {
      const status = await vote(server.base, f, b.v, b.projectId);
      code ??= server.stop('SIGTERM');
      return { b, status };
    });
    const results = await Promise.all(pending);
    expect(await code).toBe(0);
    // Whatever reached the server was answered; nothing was cut off half-way with a 5xx.
    for (const r of results) expect([0, 201, 503]).toContain(r.status);
    const acked = results
      .filter((r) => r.status === 201)
      .map((r) => ({ voterId: r.b.v.voterId, projectId: r.b.projectId }));
    expect(acked.length).toBeGreaterThan(0);
    await checkNothingLost(await db.reopen(), acked);
    // Real processes start, die and start again: slow when the suite runs beside it.
  }, 180_000);
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL going away under load', () => {
  it('answers 503 while it is away, recovers by itself, and loses no acknowledged vote', async () => {
    const database = await createTestDatabase();
    cleanup.push(() => database.dispose());
    const f = await seed(database);
    const url = new URL(database.url!);
    const r = await relay(url);
    url.hostname = '127.0.0.1';
    url.port = String(r.port);
    // The 503s are expected here: keep their warnings out of the test output.
    const server = await startApiServer({ env: { DATABASE_URL: url.toString(), LOG_LEVEL: 'error' } });
    cleanup.push(() => server.stop('SIGKILL'));
    cleanup.push(r.down);

    const acked: Ack[] = [];
    const statuses = new Map<number, number>();
    const queue = ballots(f);
    let phase: 'before' | 'away' | 'after' = 'before';
    const away: number[] = [];
    const worker = async () => {
      for (let next = queue.next(); !next.done && phase !== 'after'; next = queue.next()) {
        const status = await vote(server.base, f, next.value.v, next.value.projectId);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 201) acked.push({ voterId: next.value.v.voterId, projectId: next.value.projectId });
        if (phase === 'away') away.push(status);
        await new Promise((res) => setTimeout(res, phase === 'away' ? 50 : 5));
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((res) => setTimeout(res, 400));
    phase = 'away';
    await r.down();
    await new Promise((res) => setTimeout(res, 2_500));
    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(503);
    await r.up();
    // It recovers by itself: no restart of the API.
    const until = Date.now() + 15_000;
    while (Date.now() < until && (await fetch(`${server.base}/api/health`)).status !== 200)
      await new Promise((res) => setTimeout(res, 100));
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    phase = 'after';
    await Promise.all(workers);
    const next = queue.next().value!;
    expect(await vote(server.base, f, next.v, next.projectId)).toBe(201);
    acked.push({ voterId: next.v.voterId, projectId: next.projectId });

    expect(away.length).toBeGreaterThan(0);
    expect(
      away.every((s) => s === 503 || s === 201),
      `statuses while away: ${[...new Set(away)].join(', ')}`,
    ).toBe(true);
    expect([...statuses.keys()].every((s) => s === 201 || s === 503)).toBe(true);
    await checkNothingLost(database, acked);
  });
});

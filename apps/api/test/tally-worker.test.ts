import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyResults, voters, votes } from '../src/db/schema.js';
import { startWorker } from '../src/shared/worker.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { seedLargeTally, type LargeTally } from './factories/large-tally.js';
import { tallyFixture } from './factories/votes.js';

describe('the tally worker', () => {
  // startWorker itself, compiled and from source, is tested in build.test.ts.
  it('computes a tally on its own thread', async () => {
    const worker = startWorker(new URL('../src/modules/results/tally.worker.js', import.meta.url));
    worker.postMessage({
      rule: 'greedy',
      tieBreak: 'earlier_submission',
      minVotes: 0,
      categories: [{ id: 1, name: 'К', fund: 100 }],
      projects: [{ id: 7, categoryId: 1, title: 'П', cost: 60, submittedAt: null }],
      votes: { voters: Int32Array.from([1, 2]), projects: Int32Array.from([7, 7]) },
    });
    const answer = await new Promise<any>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer.ok).toBe(true);
    expect(answer.computed.categories[0].projects[0]).toMatchObject({
      projectId: 7,
      votes: 2,
      selected: true,
    });
  });
});

/**
 * The event loop keeps answering during a large tally. The tally publishes when its computation
 * starts and ends (tally.runner.ts); between the two, catalogue requests must be answered and no
 * timer may be held up for long. Were the computation on the main thread, "start" and "end" would
 * be published in one synchronous stretch with nothing answered between them, and a timer would be
 * late by the whole computation: both assertions fail.
 */
describe('a large tally leaves the event loop free', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createAccount>>;
  let big: LargeTally;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createAccount(t, ['admin']);
    big = await seedLargeTally(t.database.db, {
      voters: 3_000,
      categories: 1,
      projectsPerCategory: 40,
      approvals: 3,
      authorId: admin.user.id,
    });
  }, 600_000);
  afterAll(() => t?.close());

  it('answers catalogue requests and keeps timers on time while MES runs', async () => {
    const events: { phase: string; at: number; computeMs?: number }[] = [];
    const onEvent = (m: unknown) => events.push({ ...(m as { phase: string }), at: performance.now() });
    subscribe('bu:tally:compute', onEvent);

    // Timer lateness: the longest gap between ticks of a 10 ms interval.
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    const answered: number[] = [];
    let tallyDone = false;
    try {
      const tally = t.app
        .inject({
          method: 'POST',
          url: `/api/editions/${big.editionId}/tally`,
          headers: admin.auth,
          payload: { rule: 'mes' },
        })
        .finally(() => (tallyDone = true));
      const reads = (async () => {
        while (!tallyDone) {
          const res = await t.app.inject({ url: `/api/editions/${big.editionId}/projects` });
          expect(res.statusCode).toBe(200);
          answered.push(performance.now());
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const res = await tally;
      await reads;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().result.rule).toBe('mes');
    } finally {
      clearInterval(timer);
      unsubscribe('bu:tally:compute', onEvent);
    }

    const start = events.find((e) => e.phase === 'start')!;
    const end = events.find((e) => e.phase === 'end')!;
    expect(start && end).toBeTruthy();
    // The tally is big enough to matter: on the main thread it would block for this long.
    expect(end.computeMs!).toBeGreaterThan(100);
    const during = answered.filter((a) => a > start.at && a < end.at);
    expect(during.length).toBeGreaterThanOrEqual(3);
    const inWindow = ticks.filter((x) => x >= start.at && x <= end.at);
    const gaps = inWindow.slice(1).map((x, i) => x - inWindow[i]!);
    expect(Math.max(...gaps)).toBeLessThan(end.computeMs! / 2);
  }, 600_000);
});

/**
 * Votes that arrive while the worker computes (a late paper ballot) must not be silently left out:
 * the store step sees the inputs changed, computes once more, and if they change again says so.
 */
describe('a tally whose inputs change while it computes', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createAccount>>;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createAccount(t, ['admin']);
  }, 600_000);
  afterAll(() => t?.close());

  /** On each computation start, one more vote for project A from a new voter. */
  async function withLateVotes<T>(
    f: { editionId: number; categoryId: number; projectIds: Record<string, number> },
    times: number,
    run: () => Promise<T>,
  ) {
    let left = times;
    const pending: Promise<unknown>[] = [];
    const onStart = (m: unknown) => {
      if ((m as { phase: string }).phase !== 'start' || left-- <= 0) return;
      pending.push(
        (async () => {
          const [v] = await t.database.db
            .insert(voters)
            .values({ keyHash: randomBytes(32), birthDate: '1980-01-01', method: 'demo' })
            .returning();
          await t.database.db.insert(votes).values({
            editionId: f.editionId,
            categoryId: f.categoryId,
            projectId: f.projectIds.A!,
            voterId: v!.id,
            channel: 'online',
          });
        })(),
      );
    };
    subscribe('bu:tally:compute', onStart);
    try {
      return await run();
    } finally {
      unsubscribe('bu:tally:compute', onStart);
      await Promise.all(pending);
    }
  }

  const tally = (editionId: number) =>
    t.app.inject({
      method: 'POST',
      url: `/api/editions/${editionId}/tally`,
      headers: admin.auth,
      payload: {},
    });

  it('computes once more and stores the result of the votes as they are now', async () => {
    const f = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 1_000_000_00,
      projects: [
        { key: 'A', cost: 500_000_00, votes: 5 },
        { key: 'B', cost: 500_000_00, votes: 3 },
      ],
    });
    const res = await withLateVotes(f, 1, () => tally(f.editionId));
    expect(res.statusCode, res.body).toBe(200);
    const a = res
      .json()
      .result.categories[0].projects.find((p: { projectId: number }) => p.projectId === f.projectIds.A);
    // The late vote is in the stored result: 6, not the 5 the first computation saw.
    expect(a.votes).toBe(6);
  }, 600_000);

  it('answers 409 TALLY_INPUTS_CHANGED, storing nothing, when they keep changing', async () => {
    const f = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 1_000_000_00,
      projects: [{ key: 'A', cost: 500_000_00, votes: 5 }],
    });
    const res = await withLateVotes(f, 2, () => tally(f.editionId));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('TALLY_INPUTS_CHANGED');
    const stored = await t.database.db
      .select()
      .from(tallyResults)
      .where(eq(tallyResults.editionId, f.editionId));
    expect(stored).toEqual([]);
    // Once entry stops, the tally goes through.
    expect((await tally(f.editionId)).statusCode).toBe(200);
  }, 600_000);
});

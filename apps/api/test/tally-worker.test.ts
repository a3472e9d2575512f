import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/shared/worker.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { seedLargeTally, type LargeTally } from './factories/large-tally.js';

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

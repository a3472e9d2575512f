import { parentPort } from 'node:worker_threads';
import { computeTally, type TallyInputs } from './tally.compute.js';

/**
 * Worker thread entry (started by tally.runner.ts through shared/worker.ts): one tally per thread.
 * It touches no database and no app state; it gets plain inputs and answers plain data.
 */
parentPort!.once('message', (inputs: TallyInputs) => {
  const t0 = performance.now();
  try {
    const computed = computeTally(inputs);
    parentPort!.postMessage({ ok: true, computed, computeMs: performance.now() - t0 });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({ ok: false, message: err.message, stack: err.stack });
  }
});

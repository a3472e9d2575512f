import { channel } from 'node:diagnostics_channel';
import { startWorker } from '../../shared/worker.js';
import type { TallyComputed, TallyInputs } from './tally.compute.js';

/**
 * Published when a tally's computation starts (`{ phase: 'start', editionId }`) and when its answer
 * is back (`{ phase: 'end', editionId, computeMs }`): for metrics, and for the test proving the event
 * loop keeps answering in between.
 */
export const tallyChannel = channel('bu:tally:compute');

type Answer =
  { ok: true; computed: TallyComputed; computeMs: number } | { ok: false; message: string; stack?: string };

/**
 * Computes a tally on a worker thread of its own. The vote columns are transferred, not copied (the
 * caller must not use them afterwards). A thread per tally: tallies are rare, and its memory goes
 * back to the system when it ends.
 */
export function computeOffThread(
  editionId: number,
  inputs: TallyInputs,
): Promise<TallyComputed & { computeMs: number }> {
  return new Promise((resolve, reject) => {
    // Compiled, the build emits tally.worker.js beside the bundle; from source, startWorker runs the .ts.
    const worker = startWorker(new URL('./tally.worker.js', import.meta.url));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (answer: Answer) =>
      settle(() => {
        if (!answer.ok) return reject(Object.assign(new Error(answer.message), { stack: answer.stack }));
        tallyChannel.publish({ phase: 'end', editionId, computeMs: answer.computeMs });
        resolve({ ...answer.computed, computeMs: answer.computeMs });
      }),
    );
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The tally worker stopped (exit code ${code}) before answering`))),
    );
    tallyChannel.publish({ phase: 'start', editionId });
    worker.postMessage(inputs, [inputs.votes.voters.buffer, inputs.votes.projects.buffer]);
  });
}

import type { Worker } from 'node:worker_threads';
import { defineCheck } from 'threadlings/check';
import type * as Exercise from './solution.ts';

// The layout of the server's `trace` cells (TRACE in the given part of the exercise).
const MOST_OPEN = 1;
const SERVED = 2;
const STARTED = 3;
const FILES = 5;
const LIMIT = 2;
/** How long nothing may move at the server before the check calls the downloads stuck. */
const STUCK_MS = 4000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  readonly checksums: number[] | 'stuck';
  readonly mostOpen: number;
  readonly served: number;
  readonly workers: number;
}

const checksum = (id: number): number => (id * 2654435761) >>> 16;

/**
 * Runs downloadAll while counting the workers this thread starts (the documented `process`
 * 'worker' event) in the trace: the server holds connections until they have all loaded.
 */
async function runDownloads(ex: typeof Exercise, count: number, limit: number): Promise<Run> {
  const trace = new Int32Array(new SharedArrayBuffer(8 * 4));
  const onWorker = (_worker: Worker): void => {
    Atomics.add(trace, STARTED, 1);
  };
  process.on('worker', onWorker);
  try {
    const running = ex.downloadAll(count, limit, trace.buffer as SharedArrayBuffer);
    let checksums: number[] | 'stuck' | undefined;
    let failure: unknown;
    const settled = running.then((c) => (checksums = c), (e: unknown) => (failure = e ?? new Error('downloadAll failed')));
    // Stuck means no worker started, loaded, connected or finished for STUCK_MS.
    let last = '';
    let lastChange = Date.now();
    while (checksums === undefined && failure === undefined) {
      const progress = Array.from(trace).join();
      if (progress !== last) [last, lastChange] = [progress, Date.now()];
      else if (Date.now() - lastChange > STUCK_MS) checksums = 'stuck';
      await Promise.race([settled, sleep(50)]);
    }
    if (failure !== undefined) throw failure;
    return { checksums: checksums as number[] | 'stuck', mostOpen: Atomics.load(trace, MOST_OPEN), served: Atomics.load(trace, SERVED), workers: Atomics.load(trace, STARTED) };
  } finally {
    process.off('worker', onWorker);
  }
}

let shared: Promise<Run> | undefined;
const call = `downloadAll(${FILES}, ${LIMIT})`;

export default defineCheck<typeof Exercise>({
  exports: ['downloadAll'],
  cases: [
    {
      name: `${call} downloads every file once and returns the checksums in order`,
      async run(ex, t) {
        shared = runDownloads(ex, FILES, LIMIT);
        const run = await shared;
        t.ok(
          run.checksums !== 'stuck',
          `${call} got stuck: nothing moved for ${STUCK_MS / 1000} s, with ${run.served} of ${FILES} files served. Workers are waiting for a ` +
            'permit nobody gives back. Release the permit after each download, also when it throws (withPermit, or try/finally).',
        );
        t.equal(run.checksums, Array.from({ length: FILES }, (_, id) => checksum(id)), `the checksums ${call} resolved with`);
        t.equal(run.served, FILES, `how many downloads the server served for ${call}`);
      },
    },
    {
      name: `never more than ${LIMIT} connections at once`,
      async run(_ex, t) {
        const run = await shared?.catch(() => undefined);
        if (!run) return t.fail('not run: the downloads did not complete in the case above. Fix that first.');
        t.ok(
          run.mostOpen <= LIMIT,
          `${run.mostOpen} downloads were connected at the same time, but the server allows ${LIMIT}: every worker must take a ` +
            `permit from one Semaphore(${LIMIT}), shared through its handle, before it connects (a Semaphore made in each worker ` +
            'gives each worker permits of its own).',
        );
      },
    },
    {
      name: `uses all ${LIMIT} connections: downloads overlap`,
      async run(_ex, t) {
        const run = await shared?.catch(() => undefined);
        if (!run) return t.fail('not run: the downloads did not complete in the case above. Fix that first.');
        t.ok(
          run.mostOpen >= LIMIT,
          `never more than ${run.mostOpen} download ran at a time although the server allows ${LIMIT}: the semaphore needs ${LIMIT} ` +
            'permits, and all the workers should start at once (waiting for each worker before starting the next runs them one by one).',
        );
      },
    },
  ],
});

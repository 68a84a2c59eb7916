import { performance } from 'node:perf_hooks';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

type Job = ReturnType<typeof Exercise.countInWorker>;

/** How long this thread stays busy watching progress() before it gives up. */
const SPIN_MS = 3000;

/** Resolves with the promise's value, or fails with `message` if it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, t: Assertions, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        t.fail(message);
      } catch (failure) {
        reject(failure);
      }
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Busy-waits (never yielding to the event loop, so no message can be delivered) until
 * progress() changes; returns the values seen, or an empty list after SPIN_MS.
 */
function watchWhileBusy(job: Job, limit: number): number[] {
  const seen: number[] = [];
  let last = job.progress();
  const start = performance.now();
  while (performance.now() - start < SPIN_MS) {
    const now = job.progress();
    if (now !== last) {
      seen.push(now);
      last = now;
      if (seen.length >= 3 || now >= limit) break;
    }
  }
  return seen;
}

async function progressWhileBusy(ex: typeof Exercise, t: Assertions): Promise<void> {
  const limit = 150;
  const job = ex.countInWorker(limit);
  t.equal(typeof job.progress(), 'number', 'progress() right after countInWorker(150)');
  const seen = watchWhileBusy(job, limit);
  if (seen.length === 0) {
    const final = await within(job.finished, 10_000, t, 'finished never resolved: resolve it when the worker exits.');
    if (job.progress() > 0 || final > 0) {
      t.fail(
        `progress() stayed at 0 for ${SPIN_MS / 1000} s while this thread was busy, then read ${job.progress()} once it went back to its event loop: the count travels by message, and messages are only delivered when the receiving thread's event loop runs. Keep the count in a SharedArrayBuffer that both threads read and write.`,
      );
    }
    t.fail(
      `progress() never moved, not even after the worker had finished: the worker counted in its own copy of the memory (workerData is cloned, except a SharedArrayBuffer, which is shared).`,
    );
  }
  t.ok(
    seen.every((value, i) => value > 0 && value <= limit && (i === 0 || value >= (seen[i - 1] ?? 0))),
    `progress() read ${seen.join(', ')} while counting to ${limit}: it should only go up, from 1 to ${limit}.`,
  );
  t.equal(await within(job.finished, 10_000, t, 'finished never resolved: resolve it when the worker exits.'), limit, 'the value finished resolved with');
}

export default defineCheck<typeof Exercise>({
  exports: ['countInWorker'],
  cases: [
    { name: 'progress() moves while the caller is busy', run: progressWhileBusy },
    {
      name: 'finished resolves with the full count',
      async run(ex, t) {
        const job = ex.countInWorker(40);
        t.equal(await within(job.finished, 10_000, t, 'finished never resolved: resolve it when the worker exits.'), 40, 'countInWorker(40).finished');
        t.equal(job.progress(), 40, 'progress() once countInWorker(40) has finished');
      },
    },
    {
      name: 'each job has a counter of its own',
      async run(ex, t) {
        const first = ex.countInWorker(30);
        await within(first.finished, 10_000, t, 'finished never resolved: resolve it when the worker exits.');
        const second = ex.countInWorker(60);
        await within(second.finished, 10_000, t, 'finished never resolved: resolve it when the worker exits.');
        t.equal(second.progress(), 60, 'progress() of a second job, countInWorker(60)');
        t.ok(
          first.progress() === 30,
          `the first job, countInWorker(30), read ${first.progress()} after a second job counted to 60: both jobs share one counter. Give every job its own SharedArrayBuffer.`,
        );
      },
    },
  ],
});

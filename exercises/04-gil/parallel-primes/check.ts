import { threadId } from 'node:worker_threads';
import { defineCheck } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** Big enough that each half keeps a core busy for a few hundred ms (2-core VM, Node 20). */
const LIMIT = 4_000_000;
const PRIMES_BELOW_LIMIT = 283_146;
const SLOTS = 64;
/**
 * The timing table's work: smaller than the cases', so that a warm-up and 3 rounds of the
 * three rows take about 2.5 s (2-core VM, Node 20), the start-up row's workers included.
 */
const TIMING_LIMIT = 1_000_000;

/** The sequential baseline of the timing table: the exercise's kernel, on the calling thread. */
function countPrimesHere(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

interface Chunk {
  readonly thread: number;
  readonly from: number;
  readonly to: number;
  readonly start: number;
  readonly end: number;
}

/** The trace layout that `countPrimes` writes: an Int32 count, then 5 doubles per chunk. */
function newTrace(): SharedArrayBuffer {
  return new SharedArrayBuffer(8 + SLOTS * 5 * 8);
}

function chunksOf(trace: SharedArrayBuffer): Chunk[] {
  const count = Math.min(Atomics.load(new Int32Array(trace, 0, 1), 0), SLOTS);
  const records = new Float64Array(trace, 8);
  return Array.from({ length: count }, (_, i) => {
    const [thread = 0, from = 0, to = 0, start = 0, end = 0] = records.subarray(i * 5, i * 5 + 5);
    return { thread, from, to, start, end };
  });
}

const range = (c: Chunk): string => `[${c.from}, ${c.to})`;

/** The largest number of chunks running at the same moment (a sweep over start/end points). */
function maxOverlap(chunks: readonly Chunk[]): number {
  const points = chunks.flatMap((c) => [
    { at: c.start, step: 1 },
    { at: c.end, step: -1 },
  ]);
  points.sort((a, b) => a.at - b.at || a.step - b.step);
  let running = 0;
  let max = 0;
  for (const p of points) {
    running += p.step;
    max = Math.max(max, running);
  }
  return max;
}

export default defineCheck<typeof Exercise>({
  exports: ['countPrimesParallel'],
  timing: {
    bound: 'cpu',
    work: `count the primes below ${TIMING_LIMIT.toLocaleString('en-US')}`,
    yours: 'your countPrimesParallel',
    sequential: 'the same count on one thread',
    startup: 'your countPrimesParallel(2), next to no work',
    prepare: (ex) => ({
      yours: () => ex.countPrimesParallel(TIMING_LIMIT),
      sequential: () => countPrimesHere(TIMING_LIMIT),
      startup: () => ex.countPrimesParallel(2),
    }),
  },
  cases: [
    {
      name: 'counts the primes below a limit correctly',
      async run(ex, t) {
        t.equal(await ex.countPrimesParallel(10_000), 1229, 'countPrimesParallel(10_000)');
        t.equal(await ex.countPrimesParallel(99_991), 9591, 'countPrimesParallel(99_991) (99 991 itself is prime and not below the limit)');
      },
    },
    {
      name: 'runs the chunks on different worker threads at the same time',
      async run(ex, t) {
        const trace = newTrace();
        const total = await ex.countPrimesParallel(LIMIT, trace);
        t.equal(total, PRIMES_BELOW_LIMIT, `countPrimesParallel(${LIMIT})`);
        const chunks = chunksOf(trace);
        t.ok(
          chunks.length > 0,
          'no chunk was traced: pass the `trace` argument on to countPrimes in every worker (a SharedArrayBuffer can travel in workerData).',
        );
        const here = chunks.filter((c) => c.thread === threadId);
        t.ok(
          here.length < chunks.length || chunks.length < 2,
          `all ${chunks.length} chunks ran on the calling thread (thread ${threadId}), one after another: ` +
            'Promise.all over CPU work gives no parallelism, since nothing in it ever waits; run each chunk in its own Worker.',
        );
        t.ok(
          here.length === 0,
          `chunk ${here.map(range).join(', ')} ran on the calling thread (thread ${threadId}) and blocked it meanwhile; ` +
            'run every chunk in a worker.',
        );
        t.ok(
          chunks.length >= 2,
          `countPrimes ran once, over ${chunks.map(range).join('')}, so nothing could run in parallel; split the range into 2 or more chunks.`,
        );
        const threads = new Set(chunks.map((c) => c.thread));
        t.ok(
          threads.size >= 2,
          `every chunk ran on the same worker thread (thread ${[...threads].join()}), one after another; ` +
            'give each chunk its own Worker so that they can run in parallel.',
        );
        const share = new Map<number, number>();
        for (const c of chunks) share.set(c.thread, (share.get(c.thread) ?? 0) + (c.to - c.from));
        const busiest = Math.max(...share.values());
        t.ok(
          busiest <= 0.75 * LIMIT,
          `one thread counted ${Math.round((100 * busiest) / LIMIT)}% of the numbers below ${LIMIT}; ` +
            'split the range so that each of 2 or more workers gets a fair part of it.',
        );
        const sorted = [...chunks].sort((a, b) => a.start - b.start);
        if (maxOverlap(chunks) < 2) {
          const [first, second] = sorted;
          const gap = first && second ? `; ${range(second)} started ${(second.start - first.end).toFixed(0)} ms after ${range(first)} ended` : '';
          t.fail(
            `the chunks ran on ${threads.size} worker threads, but one after another, never at the same time${gap}: ` +
              'awaiting each worker before starting the next makes them sequential; start them all, then await them together.',
          );
        }
      },
    },
  ],
});

import { defineCheck } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** About 0.8 s of counting on one core (2-core VM, Node 20): a stall of that size is unmistakable. */
const LIMIT = 4_000_000;
const PRIMES_BELOW_LIMIT = 283_146;
const TICK_MS = 10;
/**
 * A blocked loop waits for the whole count: one gap of about 100% of the call's time
 * (0.8 s to 3 s). A responsive one, on a worker or in slices, shows gaps of 10-30 ms when
 * the machine is idle and up to ~6% of the call's time (180 ms of 6.3 s) when every core
 * is busy with other work. A stall is a gap over both limits: 4x margins on either side.
 */
const MAX_GAP_MS = 200;
const MAX_GAP_SHARE = 0.25;

const now = performance.now.bind(performance);

/** Runs `work` while a timer ticks every 10 ms; returns its result and the longest wait between ticks. */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ result: T; maxGap: number; ticks: number; took: number }> {
  const began = now();
  let last = began;
  let maxGap = 0;
  let ticks = 0;
  const note = (): void => {
    const at = now();
    maxGap = Math.max(maxGap, at - last);
    last = at;
  };
  const timer = setInterval(() => {
    ticks++;
    note();
  }, TICK_MS);
  try {
    const result = await work();
    note();
    return { result, maxGap, ticks, took: last - began };
  } finally {
    clearInterval(timer);
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['countPrimesInBackground'],
  cases: [
    {
      name: 'counts the primes below a limit correctly',
      async run(ex, t) {
        t.equal(await ex.countPrimesInBackground(10_000), 1229, 'countPrimesInBackground(10_000)');
        t.equal(await ex.countPrimesInBackground(2), 0, 'countPrimesInBackground(2)');
      },
    },
    {
      name: 'keeps the event loop of the calling thread responsive while it counts',
      async run(ex, t) {
        const { result, maxGap, ticks, took } = await whileTicking(() => ex.countPrimesInBackground(LIMIT));
        t.equal(result, PRIMES_BELOW_LIMIT, `countPrimesInBackground(${LIMIT})`);
        t.ok(
          maxGap <= MAX_GAP_MS || maxGap <= MAX_GAP_SHARE * took,
          `event-loop stall: a timer due every ${TICK_MS} ms had to wait ${Math.round(maxGap)} ms, ` +
            `${Math.round((100 * maxGap) / took)}% of the ${Math.round(took)} ms that countPrimesInBackground(${LIMIT}) took ` +
            `(it ticked ${ticks} times in all); the counting runs on the calling thread and blocks its event loop, ` +
            'and async, await or a resolved promise do not move it anywhere; run it in a Worker.',
        );
      },
    },
  ],
});

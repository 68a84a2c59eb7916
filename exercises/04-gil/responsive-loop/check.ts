import { defineCheck, watchEventLoop } from 'threadlings/check';
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
        const watch = await watchEventLoop(() => ex.countPrimesInBackground(LIMIT), TICK_MS);
        t.equal(watch.result, PRIMES_BELOW_LIMIT, `countPrimesInBackground(${LIMIT})`);
        t.noStall(
          watch,
          { maxMs: MAX_GAP_MS, maxShare: MAX_GAP_SHARE, what: `countPrimesInBackground(${LIMIT})` },
          '; the counting runs on the calling thread and blocks its event loop, ' +
            'and async, await or a resolved promise do not move it anywhere; run it in a Worker.',
        );
      },
    },
  ],
});

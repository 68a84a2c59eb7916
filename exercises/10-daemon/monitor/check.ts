import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineCheck } from 'threadlings/check';
import type * as Exercise from './solution.ts';

const now = performance.now.bind(performance);
/** Far beyond the ~20-300 ms a worker takes to start on a busy 2-core machine. */
const PATIENCE_MS = 3000;

// This check tests that the monitor works in the background. Whether it would keep the
// program alive is judged by the grader after the cases: a worker that is still running
// and still referenced then is reported as a leaked worker; an unref()'d one is a daemon.
export default defineCheck<typeof Exercise>({
  exports: ['startMonitor'],
  cases: [
    {
      name: 'samples in the background and keeps running',
      async run(ex, t) {
        const samples = new Int32Array(new SharedArrayBuffer(4));
        const worker = ex.startMonitor(samples, 10);
        let exit: number | undefined;
        worker.once('exit', (code: number) => (exit = code));
        const end = now() + PATIENCE_MS;
        while (Atomics.load(samples, 0) < 3 && exit === undefined && now() < end) await sleep(5);
        const early = Atomics.load(samples, 0);
        t.ok(
          exit === undefined,
          `the monitor's worker ended by itself (exit code ${exit}) after ${early} samples: it must keep running; if its ` +
            "event loop ran dry, unref() the Worker in the parent thread, not the timer inside the worker",
        );
        t.ok(early >= 3, `the monitor took ${early} samples in ${PATIENCE_MS / 1000} s with everyMs = 10: it should add 1 to samples[0] every 10 ms`);
        await sleep(100);
        const later = Atomics.load(samples, 0);
        t.ok(
          later > early,
          `the monitor stopped sampling after ${early} samples: it must keep running in the background for as long as the ` +
            'program runs; make it a daemon instead of stopping it',
        );
      },
    },
  ],
});

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

type Heartbeat = ReturnType<typeof Exercise.startHeartbeat>;

const now = performance.now.bind(performance);
/** Far beyond what any of these waits needs (a few ms to a few hundred on a busy 2-core machine). */
const PATIENCE_MS = 3000;

/** Polls `condition` every few ms until it holds or `ms` passed; true when it held. */
async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = now() + ms;
  while (!condition()) {
    if (now() > end) return false;
    await sleep(5);
  }
  return true;
}

interface Run {
  readonly ticks: Int32Array;
  readonly beat: Heartbeat;
  /** Set by the check's own 'exit' listener, attached right after start. */
  exit?: { code: number };
}

function start(ex: typeof Exercise, intervalMs: number): Run {
  const ticks = new Int32Array(new SharedArrayBuffer(4));
  const run: Run = { ticks, beat: ex.startHeartbeat(ticks, intervalMs) };
  run.beat.worker.once('exit', (code: number) => (run.exit = { code }));
  return run;
}

/** The check's own cleanup, whatever the learner's stop() did. */
async function cleanUp(run: Run): Promise<void> {
  await run.beat.worker.terminate();
}

async function waitForTicks(run: Run, count: number, intervalMs: number, t: Assertions): Promise<void> {
  const ticked = await until(() => Atomics.load(run.ticks, 0) >= count, PATIENCE_MS);
  t.ok(
    ticked,
    `the heartbeat ticked ${Atomics.load(run.ticks, 0)} times in ${PATIENCE_MS / 1000} s; with intervalMs = ${intervalMs} ` +
      `it should add 1 to ticks[0] at once and then every ${intervalMs} ms`,
  );
}

/** Calls stop() and checks it resolved, after the worker exited by itself; returns how long it took. */
async function stopAndVerify(run: Run, t: Assertions): Promise<number> {
  const began = now();
  const outcome = await Promise.race([
    Promise.resolve(run.beat.stop()).then(() => 'resolved' as const),
    sleep(PATIENCE_MS).then(() => 'pending' as const),
  ]);
  const took = now() - began;
  // Read at once: no event-loop turn has passed since stop() resolved.
  const exitAtResolve = run.exit;
  const ticksAtResolve = Atomics.load(run.ticks, 0);
  t.ok(
    outcome === 'resolved',
    `stop() had not resolved ${PATIENCE_MS / 1000} s after it was called` +
      (run.exit ? ', although the worker had exited: resolve the promise when the worker\'s \'exit\' event fires' : ': the worker never exited; does the worker see the stop request?'),
  );
  if (!exitAtResolve) {
    await sleep(300);
    const more = Atomics.load(run.ticks, 0) - ticksAtResolve;
    t.ok(
      more === 0,
      `ticks kept coming after stop() had resolved (${more} more in 300 ms): stop() never told the worker to stop`,
    );
    t.fail(
      "stop() resolved while the heartbeat's worker was still running: wait for the worker's 'exit' event " +
        "(Python's join()) before resolving, so the caller knows the heartbeat is really gone",
    );
  }
  t.ok(
    exitAtResolve.code === 0,
    `the heartbeat's worker ended with exit code ${exitAtResolve.code}: it was terminate()d (or it crashed) instead of ` +
      'finishing its tick and returning; ask it to stop (set an Event it waits on) and let it end by itself; ' +
      'keep terminate() for a worker that ignores the request',
  );
  return took;
}

export default defineCheck<typeof Exercise>({
  exports: ['startHeartbeat'],
  cases: [
    {
      name: 'ticks at once and then every interval while it runs',
      async run(ex, t) {
        const run = start(ex, 10);
        try {
          await waitForTicks(run, 5, 10, t);
        } finally {
          await cleanUp(run);
        }
      },
    },
    {
      name: 'stop() ends the worker and resolves only after it exited',
      async run(ex, t) {
        const run = start(ex, 10);
        try {
          await waitForTicks(run, 3, 10, t);
          await stopAndVerify(run, t);
          const after = Atomics.load(run.ticks, 0);
          await sleep(100);
          t.equal(Atomics.load(run.ticks, 0), after, 'ticks[0] in the 100 ms after stop() resolved');
        } finally {
          await cleanUp(run);
        }
      },
    },
    {
      name: 'stop() is prompt even in the middle of a long interval',
      async run(ex, t) {
        const intervalMs = 2000;
        const run = start(ex, intervalMs);
        try {
          await waitForTicks(run, 1, intervalMs, t); // the first tick comes at once; then the worker sleeps
          const took = await stopAndVerify(run, t);
          // A prompt stop takes a few ms to a few tens of ms; one that sleeps out the interval takes ~2000 ms.
          t.ok(
            took < intervalMs / 4,
            `stop() took ${Math.round(took)} ms with a ${intervalMs} ms interval: the worker only noticed the request ` +
              'when its nap ran out; sleep on the stop signal itself (Event.wait(intervalMs), or Atomics.wait on the ' +
              'cell stop() notifies) so that stopping wakes it at once',
          );
        } finally {
          await cleanUp(run);
        }
      },
    },
  ],
});

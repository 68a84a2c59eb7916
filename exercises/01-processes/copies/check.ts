import type { Worker } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** Counts the workers this thread starts (the documented `process` 'worker' event). */
function watchWorkers(): { started: () => number; stop: () => void } {
  let started = 0;
  const onWorker = (_worker: Worker): void => void started++;
  process.on('worker', onWorker);
  return { started: () => started, stop: () => process.off('worker', onWorker) };
}

/** 'worker' is emitted on the next tick after `new Worker`; let it arrive. */
const nextTick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

async function expectSquares(ex: typeof Exercise, t: Assertions, values: number[]): Promise<void> {
  const watch = watchWorkers();
  try {
    const what = values.length > 6 ? `squareAll([${values.slice(0, 3).join(', ')}, ... ${values.length} values])` : `squareAll([${values.join(', ')}])`;
    const squares = await ex.squareAll([...values]);
    await nextTick();
    t.ok(watch.started() > 0, `${what} started no worker thread: the squaring must happen in a worker (new Worker), not on the calling thread.`);
    const zeros = values.map(() => 0);
    t.ok(
      values.length === 0 || !Array.isArray(squares) || squares.some((v, i) => v !== zeros[i]),
      `${what} came back all zeros: the worker filled its own copy of the array. workerData is cloned when the worker starts, so nothing the worker changes reaches this thread; send the squares back with parentPort.postMessage.`,
    );
    t.equal(squares, values.map((v) => v * v), what);
  } finally {
    watch.stop();
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['squareAll'],
  cases: [
    { name: 'squares come back from the worker', run: (ex, t) => expectSquares(ex, t, [1, 2, 3]) },
    { name: 'a longer list keeps its order', run: (ex, t) => expectSquares(ex, t, Array.from({ length: 100 }, (_, i) => i - 50)) },
    { name: 'an empty list gives an empty list', run: (ex, t) => expectSquares(ex, t, []) },
  ],
});

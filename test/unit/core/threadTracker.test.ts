// Swaps node:worker_threads' Worker for the tracker's; safe here because each test file runs in
// its own process (vitest pool 'forks').
import { once as eventsOnce, EventEmitter } from 'node:events';
import * as threads from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { settleWorkers, trackWorkers } from '../../../src/grader/threadTracker.ts';

const QUICK = 'void 0';
const start = (code = QUICK) => new threads.Worker(code, { eval: true, execArgv: [] });

beforeAll(() => {
  trackWorkers();
});

/** What the tracker recorded of the workers started inside `body`, in order. */
async function recorded(body: () => Promise<void>): Promise<{ listened: boolean; terminated: boolean; unrefd: boolean }[]> {
  const before = (await settleWorkers(0)).workers.length;
  await body();
  const { workers } = await settleWorkers(5000);
  return workers.slice(before).map(({ listened, terminated, unrefd }) => ({ listened, terminated, unrefd }));
}

const nothing = { listened: false, terminated: false, unrefd: false };

describe('the thread tracker, on who joined a worker', () => {
  it("does not count its own 'exit' listener, nor an 'online' listener", async () => {
    const workers = await recorded(async () => {
      const worker = start();
      worker.on('online', () => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(workers).toEqual([nothing]);
  });

  it("counts every way of listening for 'exit', 'error', 'message' or 'messageerror'", async () => {
    const workers = await recorded(async () => {
      const exits = [start(), start(), start(), start(), start(), start(), start()];
      const [a, b, c, d, e, f, g] = exits as [threads.Worker, threads.Worker, threads.Worker, threads.Worker, threads.Worker, threads.Worker, threads.Worker];
      a.on('exit', () => {});
      b.once('error', () => {});
      c.addListener('message', () => {});
      d.prependListener('messageerror', () => {});
      e.prependOnceListener('exit', () => {});
      await Promise.all([eventsOnce(f, 'exit'), EventEmitter.once(g, 'exit')]);
    });
    expect(workers.map((w) => w.listened)).toEqual([true, true, true, true, true, true, true]);
  });

  it('keeps tracking a worker whose listeners the learner cleared: its exit, and who listens afterwards', async () => {
    const workers = await recorded(async () => {
      const cleared = start('setTimeout(() => {}, 100)');
      cleared.removeAllListeners();
      const relistened = start('setTimeout(() => {}, 100)');
      relistened.removeAllListeners('exit');
      relistened.removeAllListeners();
      await eventsOnce(relistened, 'exit');
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(workers).toEqual([nothing, { ...nothing, listened: true }]);
    expect((await settleWorkers(0)).running).toBe(0);
  });

  it('records terminate() and unref()', async () => {
    const workers = await recorded(async () => {
      await start('setInterval(() => {}, 1000)').terminate();
      start().unref();
    });
    // Node's terminate() waits for 'exit' with a listener of its own, so only `terminated` is asserted there.
    expect(workers).toMatchObject([{ terminated: true, unrefd: false }, { ...nothing, unrefd: true }]);
  });
});

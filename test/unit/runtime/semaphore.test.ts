import { describe, expect, test } from 'vitest';
import { lockState, Semaphore } from '../../../src/runtime/index.ts';
import { runWorker, runWorkers, sharedInts, until } from './workerHarness.ts';

describe('Semaphore', () => {
  test('6 workers never hold more than the 2 permits', async () => {
    const semaphore = new Semaphore(2);
    const stats = sharedInts(3); // [running now, most running at once, total entries]
    await runWorkers(6, `
      const s = rt.Semaphore.from(data.s); const st = new Int32Array(data.st);
      for (let i = 0; i < 2_000; i++) {
        s.withPermit(() => {
          const now = Atomics.add(st, 0, 1) + 1;
          for (let seen = Atomics.load(st, 1); now > seen; seen = Atomics.load(st, 1)) Atomics.compareExchange(st, 1, seen, now);
          for (let spin = 0; spin < 50; spin++);
          Atomics.add(st, 2, 1);
          Atomics.sub(st, 0, 1);
        });
      }
    `, { s: semaphore.handle, st: stats.buffer });
    expect(stats[1]).toBeLessThanOrEqual(2);
    expect(stats[1]).toBeGreaterThanOrEqual(1);
    expect(stats[2]).toBe(12_000);
    expect(semaphore.available).toBe(2);
  });

  test('tryAcquire takes what is free and times out when nothing is', () => {
    const semaphore = new Semaphore(1, 'pool');
    expect(semaphore.tryAcquire()).toBe(true);
    expect(semaphore.available).toBe(0);
    expect(semaphore.tryAcquire()).toBe(false);
    const started = performance.now();
    expect(semaphore.tryAcquire(30)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    semaphore.release();
    expect(lockState(semaphore.handle)).toMatchObject({ kind: 'semaphore', name: 'pool', owner: -1, value: 1 });
    expect(() => new Semaphore(-1)).toThrow(RangeError);
  });

  test('release from another thread wakes a blocked acquirer; acquireAsync keeps the loop free', async () => {
    const semaphore = new Semaphore(0);
    const waiter = runWorker('const s = rt.Semaphore.from(data); s.acquire(); return s.available;', semaphore.handle);
    await until(() => semaphore.waiters === 1, 'the worker blocks in acquire()');
    semaphore.release();
    expect(await waiter).toBe(0);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let acquired = false;
    const pending = semaphore.acquireAsync().then(() => (acquired = true));
    await until(() => ticks >= 3, 'timers keep firing');
    expect(acquired).toBe(false);
    await runWorker('rt.Semaphore.from(data).release();', semaphore.handle);
    await pending;
    clearInterval(timer);
    expect(semaphore.available).toBe(0);
    semaphore.release();
    expect(await semaphore.withPermitAsync(async () => semaphore.available)).toBe(0);
    expect(semaphore.available).toBe(1);
  });
});

import { describe, expect, test } from 'vitest';
import { Condition, lockState, Mutex, SPURIOUS_EVERY } from '../../../src/runtime/index.ts';
import { runWorker, runWorkers, sharedInts, until } from './workerHarness.ts';

describe('Condition', () => {
  test('a producer hands 2000 values one by one to a consumer (a one-slot mailbox)', async () => {
    const condition = new Condition(new Mutex());
    const slot = sharedInts(2); // [full?, value]
    const body = `
      const cv = rt.Condition.from(data.cv); const s = new Int32Array(data.s);
      const got = [];
      for (let i = 1; i <= 2000; i++) {
        cv.mutex.lock();
        if (index === 0) { cv.waitFor(() => s[0] === 0); s[1] = i; s[0] = 1; }
        else { cv.waitFor(() => s[0] === 1); got.push(s[1]); s[0] = 0; }
        cv.notify();
        cv.mutex.unlock();
      }
      return got;
    `;
    const [, received] = await runWorkers<number[]>(2, body, { cv: condition.handle, s: slot.buffer });
    expect(received).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
  });

  test('wait() and notify() need the mutex held', () => {
    const condition = new Condition(new Mutex('m'), 'ready');
    expect(() => condition.wait(1)).toThrow(/wait\(\) on ready .* without holding its mutex m \(nobody holds it\)/);
    expect(() => condition.notify()).toThrow(/without holding its mutex/);
    expect(() => condition.notifyAll()).toThrow(/without holding its mutex/);
    expect(() => new Condition(undefined as never)).toThrow(/needs the Mutex/);
  });

  test('wait times out with false and holds the mutex again', () => {
    const mutex = new Mutex();
    const condition = new Condition(mutex);
    using _held = condition.acquire();
    const started = performance.now();
    expect(condition.wait(30)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(condition.waitFor(() => false, 20)).toBe(false);
    expect(mutex.locked).toBe(true);
  });

  test(`every ${SPURIOUS_EVERY}th wait() wakes up spuriously, so an \`if\` instead of a loop always shows`, () => {
    const condition = new Condition(new Mutex());
    condition.withLock(() => {
      const results = Array.from({ length: 2 * SPURIOUS_EVERY }, () => condition.wait(5));
      expect(results.filter(Boolean)).toHaveLength(2);
      expect(results[SPURIOUS_EVERY - 1]).toBe(true);
    });
  });

  test('notify(1) lets one waiter through per ticket; notifyAll wakes the rest', async () => {
    const condition = new Condition(new Mutex());
    const tickets = sharedInts(2); // [tickets, served]
    const workers = runWorkers(3, `
      const cv = rt.Condition.from(data.cv); const t = new Int32Array(data.t);
      cv.withLock(() => { cv.waitFor(() => t[0] > 0); t[0]--; t[1]++; });
    `, { cv: condition.handle, t: tickets.buffer });
    // wait() counts itself a waiter just before it releases the mutex: wait for both.
    await until(() => condition.waiters === 3 && condition.mutex.owner === -1, 'three workers wait, the mutex free');
    expect(lockState(condition.handle)).toMatchObject({ kind: 'condition', owner: -1, waiters: 3 });
    condition.withLock(() => {
      tickets[0] = 1;
      condition.notify();
    });
    await until(() => Atomics.load(tickets, 1) === 1, 'one worker is served');
    await until(() => condition.waiters === 2, 'two workers wait again');
    condition.withLock(() => {
      tickets[0] = 2;
      condition.notifyAll();
    });
    await workers;
    expect(Array.from(tickets)).toEqual([0, 3]);
  });

  test('a rebuilt condition shares the same mutex', async () => {
    const condition = new Condition(new Mutex('shared'));
    const seen = await runWorker<{ name: string; owner: number }>(
      'const cv = rt.Condition.from(data); cv.mutex.lock(); const r = { name: cv.mutex.name, owner: cv.mutex.owner }; return r;',
      condition.handle,
    );
    expect(seen.name).toBe('shared');
    expect(condition.mutex.owner).toBe(seen.owner);
  });
});
